"""One line of independent assessment in the centre's record ({% assessment_line %}): the agency reads it once the
session is finished, the centre only once the agency publishes the results, another centre never."""

import datetime as dt

import pytest
from django.urls import reverse

from assessment import services
from assessment.tests.conftest import YEAR
from reports.deadlines import SOFIA

LINE = (
    "Независимо оценяване 2024: издържали 50,0\xa0% (на собствените изпити 90,0\xa0%), "
    "разлика 40,0 процентни пункта, 6 оценени завършили"
)


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


def test_the_expert_reads_the_line_on_the_history_page(client_for, erin, centre_a, finished_cooks):
    html = client_for(erin).get(history(centre_a)).content.decode()
    assert LINE in html
    assert f"{reverse('assessment:findings')}?year={YEAR}" in html


def test_the_centre_reads_it_only_after_publication(client_for, erin, dora, boris, centre_a, centre_b, finished_cooks):
    assert 'id="assessment-line"' not in client_for(dora).get(history(centre_a)).content.decode()
    services.publish_session(erin, session=finished_cooks)
    assert LINE in client_for(dora).get(history(centre_a)).content.decode()
    own = client_for(boris).get(history(centre_b)).content.decode()
    assert "издържали 100,0\xa0%" in own and "4 оценени завършили" in own and "50,0" not in own
    assert client_for(boris).get(history(centre_a)).status_code == 404


def test_nothing_without_results(client_for, erin, centre_a, cohort):
    assert 'id="assessment-line"' not in client_for(erin).get(history(centre_a)).content.decode()


def test_the_history_page_reads_it_in_a_few_queries(
    client_for, erin, centre_a, finished_cooks, django_assert_max_num_queries
):
    client = client_for(erin)
    with django_assert_max_num_queries(10):
        assert LINE in client.get(history(centre_a)).content.decode()


def test_the_review_and_year_pages_show_the_line(client_for, erin, dora, centre_a, finished_cooks, submitted):
    assert LINE in client_for(erin).get(reverse("reports:review", args=[submitted.pk])).content.decode()
    year_page = reverse("centre_year", args=[centre_a.pk, YEAR])
    assert LINE in client_for(erin).get(year_page).content.decode()
    assert 'id="assessment-line"' not in client_for(dora).get(year_page).content.decode()
    services.publish_session(erin, session=finished_cooks)
    assert LINE in client_for(dora).get(year_page).content.decode()
