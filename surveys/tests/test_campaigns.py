import datetime as dt

from django.urls import reverse

from audit.models import AuditEntry
from surveys.models import Campaign, Invitation

from .conftest import make_campaign


def test_editor_creates_a_campaign_for_own_centre(eddie, centre_b, client_for, today):
    from surveys.models import Questionnaire

    data = {
        "questionnaire": Questionnaire.objects.get(code="employer").pk,
        "label": "Работодатели 2025",
        "year": 2025,
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=20)).isoformat(),
        "mode": "personal",
        "centre": centre_b.pk,  # ignored: the tenant comes from the user
    }
    response = client_for(eddie).post(reverse("surveys:campaign_new"), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert campaign.centre == eddie.centre and campaign.version.questionnaire.code == "employer"
    assert AuditEntry.objects.filter(action="survey_campaign_created").exists()


def test_campaign_form_errors_are_field_by_field(eddie, client_for, today):
    data = {"label": "", "year": "x", "opens_on": today.isoformat(), "closes_on": "2000-01-01", "mode": "personal"}
    response = client_for(eddie).post(reverse("surveys:campaign_new"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Датата на затваряне не може да е преди датата на отваряне." in html
    assert not Campaign.objects.exists()


def test_invitations_from_text_are_deduplicated_and_bad_addresses_refused(eddie, client_for):
    campaign = make_campaign(eddie, mode="personal")
    url = reverse("surveys:campaign_invite", args=[campaign.pk])
    client = client_for(eddie)
    response = client.post(url, {"emails": "a@example.bg, b@example.bg\nA@example.bg"})
    assert response.status_code == 302
    assert Invitation.objects.count() == 2
    bad = client.post(url, {"emails": "c@example.bg\nnot@valid"})
    assert bad.status_code == 400 and "not@valid" in bad.content.decode()
    assert Invitation.objects.count() == 2


def test_printable_links_have_qr_codes(eddie, client_for):
    campaign = make_campaign(eddie, mode="personal")
    client = client_for(eddie)
    response = client.post(reverse("surveys:campaign_links", args=[campaign.pk]), {"count": 3})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert page.count("<svg") == 3
    assert all(inv.token in page for inv in Invitation.objects.all())


def test_open_campaign_shows_its_link(eddie, client_for):
    campaign = make_campaign(eddie)
    page = client_for(eddie).get(reverse("surveys:campaign", args=[campaign.pk])).content.decode()
    assert campaign.open_token in page and "<svg" in page
