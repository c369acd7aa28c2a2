"""One line of independent assessment in the centre's record ({% assessment_line %}): the agency reads it once the
session is finished, the centre only once the agency publishes the results, another centre never."""

import datetime as dt

import pytest
from django.urls import reverse

from assessment import services
from assessment.tests.conftest import YEAR, declare_clean, run_session
from reports.deadlines import SOFIA

LINE = (
    "Независимо оценяване 2024: издържали 50,0\xa0% (на собствените изпити 90,0\xa0%), "
    "разлика 40,0 процентни пункта, 6 оценени завършили"
)


@pytest.fixture
def finished(bella, erin, council, cook, assessors, cohort, centre_a):
    """All 10 cooks assessed: half of centre A's 6 fail (its own exams: 9 of 10); B's 4 all pass."""
    sample = services.draw_sample(erin, year=YEAR, source="followup", size=13, min_per_centre=3, seed=5)
    session = services.plan_session(
        bella, body=council, sample=sample, profession=cook, held_on=dt.date(YEAR + 1, 3, 10), place="Пловдив"
    )
    for assessor in assessors:
        declare_clean(bella, session, assessor)
        services.assign_assessor(bella, session=session, assessor=assessor)
    failing = set(session.participants.filter(member__centre=centre_a).order_by("pk").values_list("pk", flat=True)[:3])

    def agreed(participant, unit, component):
        return "2" if participant.pk in failing and unit == 0 and component == "practice" else "5"

    return run_session(bella, session, agreed, lambda p, u, c: "4", agreed)


@pytest.fixture
def submitted(centre_a):
    """Centre A's report of the assessed year, submitted (made in bulk: the cohort's courses are not a whole
    year's activity information)."""
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports

    framework = Framework.objects.for_report(centre_a.kind, YEAR)
    points = {c.code: c.max_points for c in framework.criteria.all()}
    entry = SubmittedEntry(centre=centre_a, submitted_at=dt.datetime(YEAR + 1, 1, 10, 10, tzinfo=SOFIA), points=points)
    return create_submitted_reports([entry], year=YEAR, framework=framework, imported=False, action="submit")[0]


def history(centre):
    return reverse("reports:history", args=[centre.pk])


def test_the_expert_reads_the_line_on_the_history_page(client_for, erin, centre_a, finished):
    html = client_for(erin).get(history(centre_a)).content.decode()
    assert LINE in html
    assert f"{reverse('assessment:findings')}?year={YEAR}" in html


def test_the_centre_reads_it_only_after_publication(client_for, erin, dora, boris, centre_a, centre_b, finished):
    assert 'id="assessment-line"' not in client_for(dora).get(history(centre_a)).content.decode()
    services.publish_session(erin, session=finished)
    assert LINE in client_for(dora).get(history(centre_a)).content.decode()
    own = client_for(boris).get(history(centre_b)).content.decode()
    assert "издържали 100,0\xa0%" in own and "4 оценени завършили" in own and "50,0" not in own
    assert client_for(boris).get(history(centre_a)).status_code == 404


def test_nothing_without_results(client_for, erin, centre_a, cohort):
    assert 'id="assessment-line"' not in client_for(erin).get(history(centre_a)).content.decode()


def test_the_history_page_reads_it_in_a_few_queries(
    client_for, erin, centre_a, finished, django_assert_max_num_queries
):
    client = client_for(erin)
    with django_assert_max_num_queries(10):
        assert LINE in client.get(history(centre_a)).content.decode()


def test_the_review_and_year_pages_show_the_line(client_for, erin, dora, centre_a, finished, submitted):
    assert LINE in client_for(erin).get(reverse("reports:review", args=[submitted.pk])).content.decode()
    year_page = reverse("centre_year", args=[centre_a.pk, YEAR])
    assert LINE in client_for(erin).get(year_page).content.decode()
    assert 'id="assessment-line"' not in client_for(dora).get(year_page).content.decode()
    services.publish_session(erin, session=finished)
    assert LINE in client_for(dora).get(year_page).content.decode()
