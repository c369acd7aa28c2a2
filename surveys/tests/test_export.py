import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from exports.models import ExportJob, JobStatus
from surveys import services
from surveys.models import CampaignMode, Invitation

from .conftest import YEAR, answer, make_campaign, trainee_values


def _answered_by_email(eddie):
    campaign = make_campaign(eddie, mode=CampaignMode.PERSONAL)
    services.add_invitations(eddie, campaign, ["maria.petrova@example.bg", "georgi@example.bg"])
    for invitation in Invitation.objects.all():
        answer(campaign, {**trainee_values(4), "comment": "Повече практика"}, invitation=invitation)
    return campaign


def _url(fmt, code="trainee"):
    return reverse("surveys:export", args=[code, YEAR, fmt])


def _exported(client, fmt, code="trainee"):
    """Ask for the export (a job, run at once by the immediate backend) and download its file."""
    asked = client.post(_url(fmt, code))
    assert asked.status_code == 302
    job = ExportJob.objects.get()
    assert asked.url == reverse("exports:job", args=[job.pk]) and job.status == JobStatus.DONE, job.message
    return b"".join(client.get(reverse("exports:download", args=[job.pk])).streaming_content)


def test_csv_export_has_bulgarian_headers_a_code_row_and_no_email(eddie, erin, client_for):
    _answered_by_email(eddie)
    text = _exported(client_for(erin), "csv").decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("№ на отговора;Дата;Лиценз на центъра;Център;Област;")
    assert ";Доколко сте удовлетворени от проведеното обучение като цяло?;" in lines[0]
    assert lines[1].startswith("response;submitted_on;centre_licence;centre;region;campaign;version;wave_months;")
    assert ";training;" in lines[1] and lines[1].endswith(";comment")
    assert len(lines) == 2 + 2  # one row per response
    assert "Повече практика" in text and "Пловдив" in text
    assert "@" not in text and "maria" not in text


def test_choice_answers_are_labels_with_their_codes_beside_them(eddie, erin, client_for):
    campaign = make_campaign(eddie, code="graduate", followup_months=6)
    answer(
        campaign, {"employment": "occupation", "relevance": "5", "satisfaction": "4", "job_search": ["ads", "contacts"]}
    )
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(_exported(client_for(erin), "xlsx", "graduate"))).active
    labels, codes, row = (list(r) for r in sheet.iter_rows(values_only=True))
    data = dict(zip(codes, row, strict=True))
    assert data["employment"] == "Работя по професията, по която съм обучен(а)"
    assert data["employment_code"] == "occupation"
    assert data["relevance"] == 5 and data["wave_months"] == 6
    assert set(data["job_search_code"].split("; ")) == {"ads", "contacts"}
    assert labels[codes.index("employment_code")] == "Каква е Вашата заетост в момента? (код)"


def test_xlsx_export_holds_no_email(eddie, erin, client_for):
    _answered_by_email(eddie)
    sheet = load_workbook(io.BytesIO(_exported(client_for(erin), "xlsx"))).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row]
    assert sheet.max_row == 2 + 2
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


def test_export_is_for_the_agency_only(eddie, dora, erin, client_for):
    assert Client().post(_url("csv")).status_code == 302  # anonymous: to the login page
    assert client_for(dora).post(_url("csv")).status_code == 403
    assert client_for(erin).get(_url("csv")).status_code == 405  # asking makes a job: POST only
    assert not ExportJob.objects.exists()
