"""The centre's year: the report, activity information, surveys and controls with their state and next step."""

import pytest
from django.urls import reverse

from reports import services
from reports.tests.conftest import YEAR, complete_activity, fill


def url(centre, year=YEAR):
    return reverse("centre_year", args=[centre.pk, year])


def test_anonymous_is_sent_to_login(client, centre_a):
    response = client.get(url(centre_a))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_centres_year_is_404(client_for, boris, centre_a):
    assert client_for(boris).get(url(centre_a)).status_code == 404


@pytest.mark.parametrize("who", ["dora", "vicky", "erin", "adam"])
def test_the_centre_and_the_agency_see_the_year(client_for, request, centre_a, who):
    assert client_for(request.getfixturevalue(who)).get(url(centre_a)).status_code == 200


def test_a_year_without_a_report_or_data_says_what_to_do(client_for, dora, centre_a):
    html = client_for(dora).get(url(centre_a)).content.decode()
    assert "не е започнат" in html
    assert "не е въведена" in html  # the activity information
    assert reverse("activity:edit", args=[centre_a.pk, YEAR]) in html
    assert reverse("surveys:centre_results", args=[centre_a.pk, YEAR]) in html
    assert 'id="year-controls"' in html
    assert "Какво да направите" in html


def test_a_draft_with_complete_data_shows_its_gaps_and_the_check_link(client_for, dora):
    draft = services.open_report(dora.centre, YEAR, actor=dora)
    complete_activity(draft.centre)
    response = client_for(dora).get(url(draft.centre))
    html = response.content.decode()
    assert reverse("reports:check", args=[draft.pk]) in html
    assert response.context["report_state"].gaps == 28
    activity = next(p for p in response.context["panels"] if p.key == "activity")
    assert activity.complete is True


def test_a_submitted_year_asks_nothing_more_of_the_centre(client_for, dora):
    draft = fill(services.open_report(dora.centre, YEAR, actor=dora), dora)
    services.submit_report(draft, actor=dora, declared=True)
    response = client_for(dora).get(url(draft.centre))
    assert response.context["steps"] == []
    assert "очаква проверка" in response.content.decode()


def test_the_current_year_link_goes_to_the_users_centre(client_for, dora, erin):
    response = client_for(dora).get(reverse("current_year"))
    assert response.status_code == 302 and f"/year/{dora.centre_id}/" in response["Location"]
    assert client_for(erin).get(reverse("current_year")).status_code == 404
