import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from inputs import samples
from reports import services
from reports.tests.conftest import YEAR, all_texts, complete_activity


def pdf_url(report):
    return reverse("reports:document_pdf", args=[report.pk])


def docx_url(report):
    return reverse("reports:document_docx", args=[report.pk])


def _approved_after_a_return(report, dora, erin):
    services.return_report(report, actor=erin, comment="Допълнете раздел 8.", notes={"2.1": "Обосновете."})
    report.refresh_from_db()
    services.save_draft(report, actor=dora, lock_version=report.lock_version, texts={"8": "Нов план за развитие."})
    services.submit_report(report, actor=dora, declared=True)
    services.approve_report(report, actor=erin)


def test_docx_has_the_centre_the_texts_the_score_table_and_the_record(client_for, dora, erin, submitted):
    _approved_after_a_return(submitted, dora, erin)
    response = client_for(dora).get(docx_url(submitted))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="self-assessment-200812001-{YEAR}.docx"'
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    details, scores, versions = doc.tables
    assert ["Номер на лицензия", "200812001"] in [[c.text for c in row.cells] for row in details.rows]
    assert ["Област", "Пловдив"] in [[c.text for c in row.cells] for row in details.rows]
    assert "Нов план за развитие." in text and "Центърът работи по годишен план за качество." in text
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in scores.rows}
    assert rows["1"][2:] == ["20", "20"] and rows["2"][2:] == ["65", "65"] and rows["3"][2:] == ["15", "15"]
    assert rows["1.1"][1] == submitted.framework.criteria.get(code="1.1").name
    assert [c.text for c in scores.rows[-1].cells][1:] == ["Общо точки", "100", "100"]
    assert "Оценка: Отлично" in text
    assert [row.cells[0].text for row in versions.rows] == ["Версия", "1", "2"]
    assert "Допълнете раздел 8." in text and "2.1: Обосновете." in text
    assert "Одобрен" in text and "Върнат за корекция" in text


def test_a_cipo_report_shows_yes_or_no_per_indicator(client_for, cleo):
    report = services.open_report(cleo.centre, YEAR, actor=cleo)
    answers = {c.code: {"points": 1 if i % 2 == 0 else 0} for i, c in enumerate(report.framework.criteria.all())}
    services.save_draft(report, actor=cleo, lock_version=report.lock_version, texts=all_texts(report), answers=answers)
    complete_activity(cleo.centre)
    services.submit_report(report, actor=cleo, declared=True)
    doc = Document(io.BytesIO(client_for(cleo).get(docx_url(report)).content))
    scores = doc.tables[1]
    answers_by_code = {row.cells[0].text: row.cells[2].text for row in scores.rows[1:] if "." in row.cells[0].text}
    assert len(answers_by_code) == 10 and set(answers_by_code.values()) == {"Да", "Не"}
    assert "Изпълнени показатели: 5 / 10" in "\n".join(p.text for p in doc.paragraphs)


def test_pdf_is_a4_with_the_real_figures(client_for, erin, submitted):
    response = client_for(erin).get(pdf_url(submitted))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "ЦПО „Алфа“ ЕООД" in text and "200812001" in text
    assert "Отлично" in text and "Страница 1 от" in text
    assert "Центърът работи по годишен план за качество." in text
    info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "595.276 x 841.89" in info  # A4 in points


def test_a_draft_prints_as_a_draft(client_for, dora, filled):
    doc = Document(io.BytesIO(client_for(dora).get(docx_url(filled)).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Чернова, неподадена" in text and "Докладът все още не е подаден." in text


def test_anonymous_is_sent_to_login(client, submitted):
    response = client.get(pdf_url(submitted))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("url", [pdf_url, docx_url])
def test_another_centre_gets_404(client_for, boris, submitted, url):
    assert client_for(boris).get(url(submitted)).status_code == 404


def test_the_document_follows_the_frameworks_section_order_with_comments_evidence_and_reasons(
    client_for, dora, draft, vulnerable_share_data
):
    """Seen 5: sections came as 1, 2, 5, 6, 7, 8, an unnumbered results part, then 4; comments were missing."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.tests.conftest import fill, full_answers

    fill(draft, dora)
    answers = full_answers(draft)
    answers["1.1"]["comment"] = "Планът е приет от общото събрание."
    answers["1.5"]["disagreement_reason"] = "Работим и с хора с увреждания."
    draft.refresh_from_db()
    services.save_draft(draft, actor=dora, lock_version=draft.lock_version, answers=answers)
    criterion = draft.framework.criteria.get(code="2.10")
    services.add_evidence(draft, criterion, SimpleUploadedFile("проекти.pdf", samples.pdf_bytes()), actor=dora)
    services.submit_report(draft, actor=dora, declared=True)
    doc = Document(io.BytesIO(client_for(dora).get(docx_url(draft)).content))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    numbered = [h.split(".")[0] for h in headings if h[:1].isdigit()]
    assert numbered == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert headings[-1] == "Подаване и преглед"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Коментар: Планът е приет от общото събрание." in text
    assert "Обосновка за разлика от данните: Работим и с хора с увреждания." in text
    assert "Доказателство: проекти.pdf" in text
    assert "Декларация към версия 1" in text and "са верни и пълни" in text
