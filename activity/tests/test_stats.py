from activity.models import ActivityReport, ValidationRow
from activity.stats import validation_figures
from analysis.figures import cpo_figures


def test_validation_figures_sum_procedures_persons_and_count_centres(activity_a, profession, centre_b, centre_c):
    activity_b = ActivityReport.objects.create(centre=centre_b, year=activity_a.year)
    ValidationRow.objects.create(
        activity=activity_a, profession=profession, procedures=3, persons=40, documents_issued=38
    )
    ValidationRow.objects.create(
        activity=activity_a, profession=profession, procedures=1, persons=5, documents_issued=5
    )
    ValidationRow.objects.create(
        activity=activity_b, profession=profession, procedures=0, persons=0, documents_issued=0
    )
    figures = validation_figures(activity_a.year)
    assert figures == {"procedures": 4, "persons": 45, "documents": 43, "centres": 1}
    assert validation_figures(activity_a.year, region=centre_b.region)["centres"] == 0
    assert cpo_figures(activity_a.year).validation == figures


def test_no_validation_rows_means_no_figures(activity_a):
    assert validation_figures(activity_a.year) is None
    assert validation_figures(activity_a.year + 1) is None
