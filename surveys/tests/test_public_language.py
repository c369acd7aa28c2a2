"""The public survey pages switch between Bulgarian and English with plain links (no JavaScript)."""

from django.conf import settings
from django.urls import reverse

from surveys.tests.conftest import make_campaign


def test_the_public_form_offers_both_languages(client, eddie):
    campaign = make_campaign(eddie)
    html = client.get(reverse("surveys_public:open", args=[campaign.open_token])).content.decode()
    assert 'href="?lang=en"' in html and 'href="?lang=bg"' in html
    assert "Изпращане" in html or "Изпрати" in html


def test_the_english_link_switches_and_is_remembered(client, eddie):
    campaign = make_campaign(eddie)
    url = reverse("surveys_public:open", args=[campaign.open_token])
    response = client.get(url + "?lang=en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Send my answers" in html
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # Next visit without the parameter: still English (the cookie), and back to Bulgarian on request.
    assert "Send my answers" in client.get(url).content.decode()
    assert '<html lang="bg">' in client.get(url + "?lang=bg").content.decode()


def test_the_personal_link_page_switches_too(client, eddie):
    from surveys import services

    campaign = make_campaign(eddie, mode="personal")
    invitation = services.generate_links(eddie, campaign, 1)[0]
    html = client.get(reverse("surveys_public:answer", args=[invitation.token]) + "?lang=en").content.decode()
    assert "Send my answers" in html


def test_an_unknown_language_is_ignored(client, eddie):
    campaign = make_campaign(eddie)
    response = client.get(reverse("surveys_public:open", args=[campaign.open_token]) + "?lang=xx")
    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
