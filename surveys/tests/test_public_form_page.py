"""The open link's empty form page: kept per frozen version, with each visitor's own token and nonce."""

import re

from django.core import signing
from django.test import Client
from django.urls import reverse

from centres.models import Centre
from surveys import services
from surveys.models import CampaignMode, Questionnaire, Response
from surveys.public_views import NONCE_SALT

from .conftest import likert_post, make_campaign


def _url(campaign):
    return reverse("surveys_public:open", args=[campaign.open_token])


def _hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def _answer_once(campaign):
    """Post one answer, which freezes the version: from then on the page is kept."""
    client = Client()
    page = client.get(_url(campaign)).content.decode()
    assert client.post(_url(campaign), likert_post(4, nonce=_hidden(page, "nonce"))).status_code == 302


def test_each_visitor_gets_own_csrf_token_and_nonce_on_the_kept_page(open_campaign):
    _answer_once(open_campaign)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(_url(open_campaign)).content.decode()
    page_two = second.get(_url(open_campaign)).content.decode()
    assert _hidden(page_one, "nonce") != _hidden(page_two, "nonce")
    assert _hidden(page_one, "csrfmiddlewaretoken") != _hidden(page_two, "csrfmiddlewaretoken")
    assert "slot-" not in page_one
    # Each page's token works with its own visitor's cookie: the answer is stored.
    data = {**likert_post(5), "nonce": _hidden(page_two, "nonce")}
    data["csrfmiddlewaretoken"] = _hidden(page_two, "csrfmiddlewaretoken")
    assert second.post(_url(open_campaign), data).status_code == 302
    assert Response.objects.count() == 2


def test_kept_page_names_centre_and_purpose_in_the_visitors_language(open_campaign):
    _answer_once(open_campaign)
    html = Client().get(_url(open_campaign)).content.decode()
    assert '<html lang="bg">' in html
    assert open_campaign.centre.name in html
    assert open_campaign.version.questionnaire.purpose in html
    english = Client(headers={"accept-language": "en"}).get(_url(open_campaign)).content.decode()
    assert '<html lang="en">' in english
    assert "Send my answers" in english


def test_renamed_centre_and_retitled_questionnaire_show_on_the_next_page(open_campaign):
    _answer_once(open_campaign)
    old_title = open_campaign.version.questionnaire.title
    assert old_title in Client().get(_url(open_campaign)).content.decode()
    # Saved as the registry's edit and the questionnaire loader save them.
    centre = Centre.objects.get(pk=open_campaign.centre_id)
    centre.name = "ЦПО „Ново име“"
    centre.save()
    questionnaire = Questionnaire.objects.get(pk=open_campaign.version.questionnaire_id)
    questionnaire.title = "Нова анкета"
    questionnaire.save()
    html = Client().get(_url(open_campaign)).content.decode()
    assert "ЦПО „Ново име“" in html and "Нова анкета" in html
    assert old_title not in html


def test_unknown_token_and_personal_campaigns_open_token_answer_404(eddie):
    personal = make_campaign(eddie, mode=CampaignMode.PERSONAL)
    assert Client().get(reverse("surveys_public:open", args=["no-such-token"])).status_code == 404
    assert Client().get(_url(personal)).status_code == 404


def test_open_answer_stores_its_nonce_once_and_personal_answers_none(open_campaign, personal_campaign, eddie):
    client = Client()
    nonce = _hidden(client.get(_url(open_campaign)).content.decode(), "nonce")
    assert client.post(_url(open_campaign), likert_post(3, nonce=nonce)).status_code == 302
    stored = Response.objects.get()
    assert stored.form_nonce == signing.loads(nonce, salt=NONCE_SALT)["n"]
    assert client.post(_url(open_campaign), likert_post(3, nonce=nonce)).status_code == 409
    assert Response.objects.count() == 1

    invitation = services.generate_links(eddie, personal_campaign, 1)[0]
    personal_url = reverse("surveys_public:answer", args=[invitation.token])
    assert client.post(personal_url, likert_post(3)).status_code == 302
    assert Response.objects.get(campaign=personal_campaign).form_nonce is None


def test_kept_pages_are_bounded(open_campaign, monkeypatch):
    from surveys import render

    monkeypatch.setattr(render, "MAX_PAGES", 2)
    _answer_once(open_campaign)
    questionnaire = Questionnaire.objects.get(pk=open_campaign.version.questionnaire_id)
    for title in ("Първа анкета", "Втора анкета", "Трета анкета"):
        questionnaire.title = title
        questionnaire.save()
        assert title in Client().get(_url(open_campaign)).content.decode()
    assert len(render._PAGES) == 2
    assert {key[2] for key in render._PAGES} == {"Втора анкета", "Трета анкета"}


def test_one_kept_page_serves_every_centre_each_with_its_own_name(open_campaign, boris):
    from surveys import render

    other = make_campaign(boris)
    centre = Centre.objects.get(pk=other.centre_id)
    centre.name = "ЦПО „Б & <Бета>“"
    centre.save()
    _answer_once(open_campaign)
    ours = Client().get(_url(open_campaign)).content.decode()
    theirs = Client().get(_url(other)).content.decode()
    assert len(render._PAGES) == 1  # the same version and language: one page
    assert open_campaign.centre.name in ours and "Бета" not in ours
    assert "ЦПО „Б &amp; &lt;Бета&gt;“" in theirs and open_campaign.centre.name not in theirs
    assert "<Бета>" not in theirs  # escaped wherever the name appears
    assert theirs.count("ЦПО „Б &amp; &lt;Бета&gt;“") == ours.count(open_campaign.centre.name) >= 2
