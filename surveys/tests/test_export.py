import io

from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from surveys import services
from surveys.models import CampaignMode, Invitation

from .conftest import YEAR, answer, make_campaign, trainee_values


def _answered_by_email(eddie):
    campaign = make_campaign(eddie, mode=CampaignMode.PERSONAL)
    services.add_invitations(eddie, campaign, ["maria.petrova@example.bg", "georgi@example.bg"])
    for invitation in Invitation.objects.all():
        answer(campaign, {**trainee_values(4), "comment": "Повече практика"}, invitation=invitation)
    return campaign


def _url(fmt):
    return reverse("surveys:export", args=["trainee", YEAR, fmt])


def test_csv_export_streams_and_holds_no_email(eddie, erin, client_for):
    _answered_by_email(eddie)
    response = client_for(erin).get(_url("csv"))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("response,submitted_on,centre_licence")
    assert len(lines) == 1 + 2 * 6
    assert "Повече практика" in text
    assert "@" not in text and "maria" not in text


def test_xlsx_export_holds_no_email(eddie, erin, client_for):
    _answered_by_email(eddie)
    response = client_for(erin).get(_url("xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row]
    assert sheet.max_row == 1 + 2 * 6
    assert not any("@" in c for c in cells)


def test_results_pages_show_no_email(eddie, erin, client_for):
    campaign = _answered_by_email(eddie)
    for url in (
        reverse("surveys:campaign_results", args=[campaign.pk]),
        reverse("surveys:centre_results", args=[eddie.centre_id, YEAR]),
    ):
        assert "maria.petrova" not in client_for(eddie).get(url).content.decode()
    page = client_for(erin).get(reverse("surveys:national") + f"?questionnaire=trainee&year={YEAR}")
    assert page.status_code == 200 and "maria.petrova" not in page.content.decode()


def test_export_is_for_the_agency_only(eddie, dora, client_for, client):
    assert client.get(_url("csv")).status_code == 302
    assert client_for(dora).get(_url("csv")).status_code == 403
