import datetime as dt
import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from surveys import services
from surveys.models import Answer, Invitation, Response

from .conftest import likert_post, make_campaign


def _personal_url(invitation):
    return reverse("surveys_public:answer", args=[invitation.token])


def _open_url(campaign):
    return reverse("surveys_public:open", args=[campaign.open_token])


def _nonce(client, campaign):
    page = client.get(_open_url(campaign))
    assert page.status_code == 200
    return re.search(r'name="nonce" value="([^"]+)"', page.content.decode()).group(1)


def _csrf_client():
    return Client(enforce_csrf_checks=True)


def _csrf(client, url):
    page = client.get(url)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def test_form_names_the_centre_and_purpose_and_groups_radios_in_fieldsets(personal_campaign, eddie):
    invitation = services.generate_links(eddie, personal_campaign, 1)[0]
    page = Client().get(_personal_url(invitation))
    html = page.content.decode()
    assert page.status_code == 200
    assert personal_campaign.centre.name in html
    assert personal_campaign.version.questionnaire.purpose in html
    assert html.count("<fieldset") == 5 and html.count("<legend>") == 5
    assert 'name="csrfmiddlewaretoken"' in html


def test_single_use_link_answered_once_then_told_politely(personal_campaign, eddie):
    invitation = services.generate_links(eddie, personal_campaign, 1)[0]
    client = _csrf_client()
    url = _personal_url(invitation)
    first = client.post(url, {**likert_post(5), "csrfmiddlewaretoken": _csrf(client, url)})
    assert first.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    second_get = client.get(url)
    assert second_get.status_code == 410
    assert "Тази връзка вече е използвана" in second_get.content.decode()
    assert Response.objects.count() == 1


def test_post_without_csrf_token_is_refused(personal_campaign, eddie):
    invitation = services.generate_links(eddie, personal_campaign, 1)[0]
    response = _csrf_client().post(_personal_url(invitation), likert_post(5))
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_second_post_through_used_link_stores_nothing(personal_campaign, eddie):
    invitation = services.generate_links(eddie, personal_campaign, 1)[0]
    client = Client()
    client.post(_personal_url(invitation), likert_post(5))
    again = client.post(_personal_url(invitation), likert_post(1))
    assert again.status_code == 410
    assert Response.objects.count() == 1
    assert set(Answer.objects.values_list("number", flat=True)) == {5}


def test_closed_campaign_refuses_answers_politely(eddie, today):
    campaign = make_campaign(eddie, opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=1))
    client = Client()
    page = client.get(_open_url(campaign))
    assert page.status_code == 410
    assert "Анкетата е затворена" in page.content.decode()
    assert client.post(_open_url(campaign), likert_post()).status_code == 410
    assert not Response.objects.exists()


def test_campaign_not_yet_open_refuses_answers(eddie, today):
    campaign = make_campaign(eddie, opens_on=today + dt.timedelta(days=3), closes_on=today + dt.timedelta(days=9))
    page = Client().get(_open_url(campaign))
    assert page.status_code == 403
    assert "все още не е отворена" in page.content.decode()


def test_missing_required_answer_is_reported_field_by_field_and_nothing_saved(open_campaign):
    client = Client()
    data = likert_post(4, nonce=_nonce(client, open_campaign))
    del data["q_admin_service"]
    page = client.post(_open_url(open_campaign), data)
    html = page.content.decode()
    assert page.status_code == 400
    assert 'href="#q-q_admin_service"' in html
    assert 'id="err-q_admin_service"' in html
    assert "Моля, отговорете на този въпрос." in html
    assert not Response.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize("value", ["0", "6", "abc", "4.5"])
def test_likert_value_out_of_range_is_refused(open_campaign, value):
    client = Client()
    page = client.post(_open_url(open_campaign), likert_post(4, q_trainers=value, nonce=_nonce(client, open_campaign)))
    assert page.status_code == 400
    assert "Изберете един от предложените отговори." in page.content.decode()
    assert not Response.objects.exists()


def test_option_not_of_the_question_is_refused(eddie):
    campaign = make_campaign(eddie, code="graduate")
    client = Client()
    data = {"q_employment": "millionaire", "q_relevance": "4", "q_satisfaction": "4", "nonce": _nonce(client, campaign)}
    page = client.post(_open_url(campaign), data)
    assert page.status_code == 400
    assert not Response.objects.exists()
    data.update(q_employment="occupation", q_job_search=["centre", "lottery"], nonce=_nonce(client, campaign))
    assert client.post(_open_url(campaign), data).status_code == 400
    assert not Response.objects.exists()


def test_forged_question_ids_are_ignored(open_campaign):
    client = Client()
    data = likert_post(4, q_forged="5", q_skills="5", nonce=_nonce(client, open_campaign))
    data["q_999"] = "1"
    assert client.post(_open_url(open_campaign), data).status_code == 302
    codes = set(Answer.objects.values_list("question_code", flat=True))
    assert codes == {"training", "trainers", "materials", "organisation", "admin_service"}


def test_open_link_form_cannot_be_posted_twice(open_campaign):
    client = Client()
    data = likert_post(5, nonce=_nonce(client, open_campaign))
    assert client.post(_open_url(open_campaign), data).status_code == 302
    duplicate = client.post(_open_url(open_campaign), data)
    assert duplicate.status_code == 409
    assert Response.objects.count() == 1


def test_open_link_with_forged_nonce_is_refused(open_campaign, eddie):
    other = make_campaign(eddie, label="другa")
    client = Client()
    foreign = _nonce(client, other)
    for nonce in ("", "forged", foreign):
        assert client.post(_open_url(open_campaign), likert_post(5, nonce=nonce)).status_code == 400
    assert not Response.objects.exists()


@pytest.mark.redis
def test_open_link_is_rate_limited_per_client(open_campaign, settings):
    settings.SURVEYS_OPEN_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR="10.0.0.7")
    statuses = [
        client.post(_open_url(open_campaign), likert_post(4, nonce=_nonce(client, open_campaign))).status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert "Твърде много отговори" in client.post(_open_url(open_campaign), {}).content.decode()
    other = Client(REMOTE_ADDR="10.0.0.8")
    assert other.post(_open_url(open_campaign), likert_post(4, nonce=_nonce(other, open_campaign))).status_code == 302
    assert Response.objects.count() == 4


def test_personal_link_of_open_campaign_token_mismatch_is_404(open_campaign):
    assert Client().get(reverse("surveys_public:answer", args=["nope"])).status_code == 404
    assert Client().get(reverse("surveys_public:open", args=["nope"])).status_code == 404


def test_answer_is_not_linked_to_invitation(personal_campaign, eddie):
    services.add_invitations(eddie, personal_campaign, ["ivan@example.bg"])
    invitation = Invitation.objects.get()
    Client().post(_personal_url(invitation), likert_post(4))
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not {"invitation", "email"} & field_names
    response = Response.objects.get()
    assert response.channel == "personal"
    assert response.submitted_at.hour == 12 and response.submitted_at.minute == 0


@pytest.mark.redis
def test_the_rate_limit_window_ends_on_time(open_campaign, settings, monkeypatch):
    from surveys import public_views

    settings.SURVEYS_OPEN_RATE_LIMIT = 2
    monkeypatch.setattr(public_views, "RATE_WINDOW", 1)
    client = Client(REMOTE_ADDR="10.0.0.9")

    def post():
        return client.post(_open_url(open_campaign), likert_post(4, nonce=_nonce(client, open_campaign))).status_code

    assert [post(), post(), post()] == [302, 302, 429]
    time.sleep(1.6)
    assert post() == 302
