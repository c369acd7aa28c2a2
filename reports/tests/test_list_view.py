import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from reports.models import Report

URL = reverse("reports:list")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_centre_user_sees_only_their_centres_reports(client_for, vicky, draft, other_draft):
    html = client_for(vicky).get(URL).content.decode()
    assert reverse("reports:form", args=[draft.pk]) in html
    assert reverse("reports:form", args=[other_draft.pk]) not in html


@freeze_time("2025-06-01")
def test_a_director_starts_this_years_report(client_for, dora):
    client = client_for(dora)
    assert "Започване на доклада за 2025 г." in client.get(URL).content.decode()
    response = client.post(reverse("reports:open"))
    report = Report.objects.get(centre=dora.centre)
    assert report.year == 2025
    assert response["Location"] == reverse("reports:form", args=[report.pk])
    assert "Започване на доклада" not in client.get(URL).content.decode()


@freeze_time(dt.datetime(2025, 2, 10, 12))
def test_until_shortly_after_the_deadline_the_task_is_last_years_report(client_for, eddie):
    client_for(eddie).post(reverse("reports:open"))
    assert Report.objects.get(centre=eddie.centre).year == 2024


def test_a_viewer_cannot_start_a_report(client_for, vicky):
    assert "Започване на доклада" not in client_for(vicky).get(URL).content.decode()
    assert client_for(vicky).post(reverse("reports:open")).status_code == 403
    assert not Report.objects.exists()


@freeze_time("2025-01-20 10:00:00")  # the queue shows the current cycle (2024) by default
@pytest.mark.parametrize("who", ["erin", "adam"])
def test_the_agency_sees_every_centres_reports(client_for, request, draft, other_draft, who):
    response = client_for(request.getfixturevalue(who)).get(URL, follow=True)
    assert response.redirect_chain == [(reverse("reports:queue"), 302)]
    assert response.status_code == 200
    html = response.content.decode()
    assert "ЦПО „Алфа“ ЕООД" in html and "ЦПО „Бета“ ООД" in html


def test_the_agency_cannot_start_a_centres_report_from_the_list(client_for, erin):
    assert client_for(erin).post(reverse("reports:open")).status_code == 403


def test_the_list_takes_a_constant_number_of_queries(client_for, dora, django_assert_max_num_queries):
    from reports import services

    for year in (2021, 2022, 2023, 2024):
        services.open_report(dora.centre, year, actor=dora)
    client = client_for(dora)
    with django_assert_max_num_queries(7):
        assert client.get(URL).status_code == 200
