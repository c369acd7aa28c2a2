"""The counting rule of a year: late reports in the grades and means, or only reports on time."""

import datetime as dt

import pytest

from analysis import narrative
from analysis.models import AnalysisSetting
from analysis.narrative import intro
from analysis.overview import analysis_figures
from analysis.tests import published_2024
from conftest import make_centre
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA

pytestmark = pytest.mark.django_db

ON_TIME = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA)
LATE = dt.datetime(2025, 3, 2, 10, tzinfo=SOFIA)


@pytest.fixture
def one_late(centre_a, centre_b, adam):
    cpo = Framework.objects.get(code="CPO-2018")
    top = {c.code: c.max_points for c in cpo.criteria.all()}
    low = {c.code: min(lv.points for lv in c.levels.all()) for c in cpo.criteria.all()}
    late_centre = make_centre("200812099", "ЦПО „Късно“", region="Варна")
    create_submitted_reports(
        [
            SubmittedEntry(centre_a, ON_TIME, top),
            SubmittedEntry(centre_b, ON_TIME, top),
            SubmittedEntry(late_centre, LATE, low),
        ],
        year=2024,
        framework=cpo,
        actor=adam,
    )


def _method_text(figures):
    return " ".join(b.text for b in intro.method(figures))


def test_by_default_late_reports_count_in_grades_and_means(one_late):
    figures = analysis_figures(2024)
    assert figures.include_late is True
    assert figures.cpo.submitted == 3
    assert sum(figures.cpo.levels.values()) == 3
    assert figures.cpo.levels["unsatisfactory"] == 1
    assert figures.late["CPO"] == 1
    assert "включени в разпределението по равнища" in _method_text(figures)


def test_on_time_only_leaves_late_reports_out_and_says_so(one_late):
    AnalysisSetting.objects.create(year=2024, include_late=False)
    figures = analysis_figures(2024)
    assert figures.include_late is False
    assert figures.cpo.submitted == 2
    assert figures.cpo.levels == {"excellent": 2, "good": 0, "satisfactory": 0, "unsatisfactory": 0}
    assert figures.cpo.mean_total == 100
    assert figures.late["CPO"] == 1  # still reported
    text = _method_text(figures).replace("\xa0", " ")
    assert "се отчитат само подадените в срок доклади; 1 доклад, подаден след срока, не е включен." in text
    document = " ".join(getattr(b, "text", "") for b in narrative.build(figures)).replace("\xa0", " ")
    assert "1 доклад е подаден след срока." in document


def test_the_published_2024_grade_counts_equal_its_on_time_count_under_the_on_time_rule(adam):
    published_2024.load(actor=adam)
    cpo = Framework.objects.get(code="CPO-2018")
    extra = make_centre("200899999", "ЦПО „Закъснял“", region="Варна")
    points = {c.code: c.max_points for c in cpo.criteria.all()}
    create_submitted_reports([SubmittedEntry(extra, LATE, points)], year=2024, framework=cpo, actor=adam)
    assert sum(analysis_figures(2024).cpo.levels.values()) == 799  # the default counts the late one too
    AnalysisSetting.objects.create(year=2024, include_late=False)
    figures = analysis_figures(2024)
    assert figures.cpo.levels == {"excellent": 64, "good": 645, "satisfactory": 84, "unsatisfactory": 5}
    assert sum(figures.cpo.levels.values()) == figures.cpo.submitted_on_time == 798
