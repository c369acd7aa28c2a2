"""The open link: a copy button (static JS, hidden without it), the QR code on the page and as a PNG."""

from django.urls import reverse

from surveys.tests.conftest import make_campaign


def test_the_open_link_has_a_copy_button_and_qr(eddie, client_for):
    campaign = make_campaign(eddie)
    html = client_for(eddie).get(reverse("surveys:campaign", args=[campaign.pk])).content.decode()
    assert 'data-copy="open-url"' in html
    assert "surveys/copy-link.js" in html
    assert f'value="http://testserver/s/open/{campaign.open_token}/"' in html
    assert "<svg" in html
    assert 'style="' not in html.split("<main")[1]  # CSP: no inline styles in the page body
    assert "<script>" not in html


def test_the_qr_code_downloads_as_png(eddie, dora, client_for):
    campaign = make_campaign(eddie)
    response = client_for(dora).get(reverse("surveys:campaign_qr", args=[campaign.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_the_qr_code_three_rungs(client, client_for, eddie, boris):
    campaign = make_campaign(eddie)
    url = reverse("surveys:campaign_qr", args=[campaign.pk])
    assert client.get(url).status_code == 302
    assert client_for(boris).get(url).status_code == 404


def test_a_personal_campaign_has_no_open_qr(eddie, client_for):
    campaign = make_campaign(eddie, mode="personal")
    assert client_for(eddie).get(reverse("surveys:campaign_qr", args=[campaign.pk])).status_code == 404
