import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.tests.conftest import YEAR


@pytest.fixture
def last_year(centre_a):
    """Last year's report at 1 point below the maximum on 1.1 (area 1: 19.5 → 20 now is +0,5)."""
    framework = Framework.objects.get(code="CPO-2018")
    points = {c.code: c.max_points for c in framework.criteria.all()}
    points["1.1"] = Decimal("1.5")
    create_submitted_reports(
        [SubmittedEntry(centre_a, dt.datetime(YEAR, 1, 20, tzinfo=SOFIA), points)], year=YEAR - 1, framework=framework
    )


def _comparison_table(document):
    for table in document.tables:
        if table.rows[0].cells[0].text == "Критерий" and len(table.columns) == 4:
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError("no comparison table")


def test_docx_compares_with_last_years_submitted_points(client_for, dora, last_year, submitted):
    response = client_for(dora).get(reverse("reports:document_docx", args=[submitted.pk]))
    rows = _comparison_table(Document(io.BytesIO(response.content)))
    assert rows[0] == ["Критерий", "Миналата година", "Тази година", "Промяна"]
    by_label = {row[0].split(" ")[0]: row[1:] for row in rows[1:]}
    assert by_label["1.1"] == ["1,5", "3", "+1,5"]
    assert by_label["2.1"] == ["6", "6", "0"]
    assert rows[-1][1:] == ["98,5", "100", "+1,5"]


def test_without_last_years_report_the_document_says_so(client_for, dora, submitted):
    response = client_for(dora).get(reverse("reports:document_docx", args=[submitted.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Няма подаден доклад за предходната година" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_pdf_has_the_comparison_section(client_for, dora, last_year, submitted):
    response = client_for(dora).get(reverse("reports:document_pdf", args=[submitted.pk]))
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    text = text.decode()
    assert "4. Сравняване на оценките по критериите с предходния период" in text
    assert "+1,5" in text
