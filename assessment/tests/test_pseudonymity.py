"""No graduate's name or e-mail in any result, page, export or document."""

import io
import shutil
import subprocess
import zipfile

import pytest

from assessment import documents, exports, report, services
from assessment.tests.conftest import YEAR, run_session
from surveys.models import Graduate


@pytest.fixture
def published(bella, erin, planned_session):
    session = run_session(bella, planned_session, lambda p, u, c: "4", lambda p, u, c: "3")
    services.publish_session(erin, session=session)
    return session


def _personal(published):
    graduates = Graduate.objects.filter(pk__in=published.participants.values("member__graduate_id"))
    names = [g.name for g in graduates]
    emails = [g.email for g in graduates]
    assert names and emails
    return names + emails + [e.split("@")[0] for e in emails]


def _zip_text(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist() if n.endswith(".xml"))


def test_no_name_or_email_in_the_exports_and_documents(published):
    data = report.build(YEAR)
    texts = {
        "csv": exports.centres_csv(data).decode("utf-8"),
        "xlsx": _zip_text(exports.xlsx_bytes(data)),
        "docx": _zip_text(documents.docx_bytes(data)),
    }
    pseudonym = published.participants.first().pseudonym
    assert pseudonym in texts["xlsx"]  # the marks sheet names graduates by pseudonym
    for kind, text in texts.items():
        for secret in _personal(published):
            assert secret not in text, (kind, secret)


def test_no_name_or_email_in_the_pages(published, client_for, erin, bella, dora):
    personal = _personal(published)
    for user, url in (
        (erin, f"/assessment/findings/?year={YEAR}"),
        (erin, f"/assessment/sessions/{published.pk}/"),
        (bella, f"/assessment/sessions/{published.pk}/"),
        (dora, f"/assessment/findings/?year={YEAR}"),
        (erin, f"/assessment/samples/{published.sample_id}/"),
    ):
        page = client_for(user).get(url).content.decode()
        assert not [s for s in personal if s in page], url


def test_no_name_or_email_in_the_pdf(published, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "pilot.pdf"
    path.write_bytes(documents.pdf_bytes(report.build(YEAR)))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Апробацията" in text
    assert not [s for s in _personal(published) if s in text]
