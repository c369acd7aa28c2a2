"""Written answers are readable on the results page by the centre and the agency, anonymously;
the agency hides a text that names a person (audited) and the centre no longer sees it."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from surveys import services
from surveys.models import Answer, HiddenText
from surveys.tests.conftest import answer, make_campaign, trainee_values


@pytest.fixture
def campaign(eddie):
    campaign = make_campaign(eddie)
    answer(campaign, {**trainee_values(5), "comment": "Повече практика, моля."})
    answer(campaign, {**trainee_values(4), "comment": "Преподавателят Иван Иванов закъсняваше."})
    answer(campaign, trainee_values(3))
    return campaign


def results_page(client, campaign):
    return client.get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()


def test_the_centre_reads_the_written_answers(client_for, dora, campaign):
    html = results_page(client_for(dora), campaign)
    assert "Повече практика, моля." in html
    assert "Иван Иванов закъсняваше" in html


def test_the_agency_reads_them_too(client_for, erin, campaign):
    html = results_page(client_for(erin), campaign)
    assert "Повече практика, моля." in html
    assert reverse("surveys:text_visibility", args=[Answer.objects.get(value__startswith="Повече").pk]) in html


def test_the_page_gives_no_link_to_an_invitee_or_time(client_for, dora, campaign):
    html = results_page(client_for(dora), campaign)
    # The centre's page holds neither answer ids nor submission times next to the texts.
    assert reverse("surveys:text_visibility", args=[Answer.objects.first().pk]) not in html
    for response in campaign.responses.all():
        assert response.submitted_at.strftime("%H:%M") not in html.split('class="written-answers"')[1][:2000]


def test_the_agency_hides_a_text_that_names_a_person(client_for, client, erin, dora, campaign):
    named = Answer.objects.get(value__contains="Иван Иванов")
    response = client_for(erin).post(
        reverse("surveys:text_visibility", args=[named.pk]), {"action": "hide", "reason": "назовава преподавател"}
    )
    assert response.status_code == 302
    assert HiddenText.objects.get(answer=named).hidden_by == erin
    entry = AuditEntry.objects.get(action="survey_text_hidden")
    assert (entry.actor, entry.centre, entry.message) == (erin, campaign.centre, "назовава преподавател")
    assert "Иван Иванов" not in str(entry.changes)

    agency_html = results_page(client, campaign)
    assert "Иван Иванов" in agency_html and "written-hidden" in agency_html
    client.logout()
    centre_html = results_page(client_for(dora), campaign)
    assert "Иван Иванов" not in centre_html
    assert "Повече практика, моля." in centre_html


def test_showing_again_is_audited(erin, campaign):
    named = Answer.objects.get(value__contains="Иван Иванов")
    services.hide_text_answer(erin, named)
    assert services.unhide_text_answer(erin, named) is True
    assert not HiddenText.objects.exists()
    assert AuditEntry.objects.filter(action="survey_text_shown", actor=erin).count() == 1


@pytest.mark.parametrize("persona", ["dora", "eddie"])
def test_a_centre_cannot_hide_texts(client_for, request, persona, campaign):
    named = Answer.objects.get(value__contains="Иван Иванов")
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("surveys:text_visibility", args=[named.pk]), {"action": "hide"}
    )
    assert response.status_code == 403
    assert not HiddenText.objects.exists()


def test_anonymous_is_sent_to_login(client, campaign):
    named = Answer.objects.get(value__contains="Иван Иванов")
    response = client.post(reverse("surveys:text_visibility", args=[named.pk]), {"action": "hide"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_centre_does_not_see_the_results(client_for, boris, campaign):
    assert client_for(boris).get(reverse("surveys:campaign_results", args=[campaign.pk])).status_code == 404


def test_only_written_answers_can_be_hidden(erin, campaign):
    from django.core.exceptions import PermissionDenied

    likert = Answer.objects.filter(number__isnull=False).first()
    with pytest.raises(PermissionDenied):
        services.hide_text_answer(erin, likert)


def test_the_centre_year_page_shows_them_too(client_for, dora, campaign):
    url = reverse("surveys:centre_results", args=[campaign.centre_id, campaign.year])
    assert "Повече практика, моля." in client_for(dora).get(url).content.decode()
