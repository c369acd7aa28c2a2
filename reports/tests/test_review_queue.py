import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from reports import services
from reports.deadlines import SOFIA
from reports.models import Status
from reports.tests.review_helpers import many_submitted

URL = reverse("reports:queue")


@pytest.fixture(autouse=True)
def _in_the_2024_cycle():
    """The queue shows the current cycle by default: these tests run while 2024's reports are due."""
    with freeze_time("2025-01-20 10:00:00"):
        yield


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("who", ["dora", "vicky", "cleo"])
def test_centre_users_are_refused(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


@pytest.mark.parametrize("who", ["erin", "adam"])
def test_the_agency_sees_every_centres_reports(client_for, request, submitted, other_draft, who):
    response = client_for(request.getfixturevalue(who)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ЦПО „Алфа“ ЕООД" in html and "ЦПО „Бета“ ООД" in html
    assert reverse("reports:review", args=[submitted.pk]) in html


def _names(response):
    return [r.centre.name for r in response.context["page"]]


def test_filters_by_status_year_region_and_search(client_for, erin, submitted, other_draft):
    many_submitted(2, year=2023, region="Русе")
    client = client_for(erin)
    assert _names(client.get(URL, {"status": "submitted", "year": 2024})) == ["ЦПО „Алфа“ ЕООД"]
    assert _names(client.get(URL, {"status": "draft"})) == ["ЦПО „Бета“ ООД"]
    assert sorted(_names(client.get(URL, {"region": "Русе", "year": ""}))) == ["ЦПО „Център 000“", "ЦПО „Център 001“"]
    assert _names(client.get(URL, {"q": "200812002"})) == ["ЦПО „Бета“ ООД"]
    assert _names(client.get(URL, {"q": "Център 001", "year": ""})) == ["ЦПО „Център 001“"]
    assert len(_names(client.get(URL, {"year": 2023}))) == 2


def test_filters_by_grade_and_timeliness(client_for, erin):
    many_submitted(1, start=1)  # on time, Отлично
    many_submitted(2, start=10, late=True, points="0")  # late, Незадоволително
    client = client_for(erin)
    assert _names(client.get(URL, {"grade": "excellent"})) == ["ЦПО „Център 001“"]
    assert len(_names(client.get(URL, {"grade": "unsatisfactory"}))) == 2
    assert _names(client.get(URL, {"timeliness": "on_time"})) == ["ЦПО „Център 001“"]
    late = client.get(URL, {"timeliness": "late"})
    assert sorted(_names(late)) == ["ЦПО „Център 010“", "ЦПО „Център 011“"]
    assert "след срока" in late.content.decode()


def test_a_resubmission_after_the_deadline_keeps_the_first_versions_timeliness(client_for, erin, dora, filled):
    services.submit_report(filled, actor=dora, declared=True, now=dt.datetime(2025, 1, 20, tzinfo=SOFIA))
    services.return_report(filled, actor=erin, comment="Допълнете.")
    services.submit_report(filled, actor=dora, declared=True, now=dt.datetime(2025, 3, 1, tzinfo=SOFIA))
    # The correction keeps the report's timeliness (the first version's).
    assert filled.submissions.get(number=2).on_time is True
    assert _names(client_for(erin).get(URL, {"timeliness": "on_time"})) == ["ЦПО „Алфа“ ЕООД"]


def test_sorts_by_total_and_grade(client_for, erin, submitted):
    many_submitted(1, start=20, points="0")
    many_submitted(1, start=30, points="1")
    client = client_for(erin)
    by_total = [r.last_submission.total for r in client.get(URL, {"sort": "-total"}).context["page"]]
    assert by_total == sorted(by_total, reverse=True) and by_total[0] == 100
    by_grade = [r.grade_name for r in client.get(URL, {"sort": "grade"}).context["page"]]
    assert by_grade[0] == "Отлично" and by_grade[-1] == "Незадоволително"


def test_awaiting_review_comes_first_by_default(client_for, erin, dora, submitted, other_draft):
    services.approve_report(many_submitted(1, start=40)[0], actor=erin)
    statuses = [r.status for r in client_for(erin).get(URL).context["page"]]
    assert statuses[0] == Status.SUBMITTED and statuses[-1] == Status.APPROVED


def test_invalid_filters_are_reported_not_a_server_error(client_for, erin, submitted):
    response = client_for(erin).get(URL, {"year": "abc", "status": "gone", "sort": "x", "page": "zzz"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _names(response) == ["ЦПО „Алфа“ ЕООД"]


def test_paginates_by_fifty(client_for, erin):
    many_submitted(55)
    client = client_for(erin)
    assert len(client.get(URL).context["page"]) == 50
    assert len(client.get(URL, {"page": 2}).context["page"]) == 5


@pytest.mark.parametrize("count", [5, 60])
def test_the_number_of_queries_does_not_grow_with_the_page(client_for, erin, count, django_assert_max_num_queries):
    many_submitted(count)
    client = client_for(erin)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"year": 2024})
    assert len(response.context["page"]) == min(count, 50)


def test_the_year_defaults_to_the_current_cycle_and_all_years_stay_available(client_for, erin, submitted):
    """Seen 6: the queue's year filter defaulted to all years (4,112 rows)."""
    many_submitted(2, year=2023, region="Русе")
    client = client_for(erin)
    response = client.get(URL)
    assert _names(response) == ["ЦПО „Алфа“ ЕООД"]
    assert response.context["form"]["year"].value() == "2024"
    assert len(_names(client.get(URL, {"year": ""}))) == 3


def test_assigned_to_me_filter_and_the_workload_per_expert(client_for, erin, adam, submitted):
    other = many_submitted(1, start=50)[0]
    services.assign_report(submitted, actor=erin, expert=erin)
    client = client_for(erin)
    assert _names(client.get(URL, {"assigned": "me"})) == ["ЦПО „Алфа“ ЕООД"]
    assert _names(client.get(URL, {"assigned": "none"})) == [other.centre.name]
    workload = {u.username: (u.waiting, u.assigned) for u in client.get(URL).context["workload"]}
    assert workload["erin"] == (1, 1) and workload["adam"] == (0, 0)
