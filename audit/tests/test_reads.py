"""Reads of sensitive data are recorded (who, what, when) and listed for agency administrators with filters."""

import pytest
from django.urls import reverse

from audit.models import ReadKind, ReadRecord
from inputs import samples
from reports import evidence
from reports.models import Report


@pytest.fixture
def report(centre_a):
    from frameworks.models import Framework

    return Report.objects.create(centre=centre_a, year=2025, framework=Framework.objects.for_report("CPO", 2025))


def test_an_evidence_download_is_recorded(client_for, dora, eddie, report, erin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    criterion = report.framework.criteria.first()
    item = evidence.add_evidence(report, criterion, SimpleUploadedFile("a.pdf", samples.pdf_bytes()), actor=eddie)
    response = client_for(erin).get(reverse("reports:evidence", args=[report.pk, item.pk]))
    assert response.status_code == 200
    read = ReadRecord.objects.get()
    assert (read.actor, read.kind, read.centre, read.detail) == (erin, ReadKind.EVIDENCE, report.centre, "a.pdf")


def test_the_graduates_contact_list_is_recorded(client_for, eddie):
    assert client_for(eddie).get(reverse("surveys:graduates")).status_code == 200
    assert ReadRecord.objects.get().kind == ReadKind.CONTACTS


def test_the_activity_file_and_report_document_are_recorded(client_for, dora, report):
    client = client_for(dora)
    assert client.get(reverse("activity:template", args=[report.centre_id, 2024])).status_code == 200
    assert client.get(reverse("reports:document_docx", args=[report.pk])).status_code == 200
    assert set(ReadRecord.objects.values_list("kind", flat=True)) == {ReadKind.ACTIVITY_FILE, ReadKind.REPORT_DOCUMENT}


def test_the_admin_lists_reads_with_filters(client_for, adam, erin, dora, centre_a):
    ReadRecord.objects.create(actor=erin, kind=ReadKind.EXPORT, detail="reports 2024")
    ReadRecord.objects.create(actor=dora, kind=ReadKind.CONTACTS, centre=centre_a, detail="page 1")
    client = client_for(adam)
    page = client.get(reverse("audit:reads")).content.decode()
    assert "reports 2024" in page and "page 1" in page
    only = client.get(reverse("audit:reads"), {"kind": "contacts"}).content.decode()
    assert "page 1" in only and "reports 2024" not in only
    by_user = client.get(reverse("audit:reads"), {"user": "erin"}).content.decode()
    assert "reports 2024" in by_user and "page 1" not in by_user
    by_centre = client.get(reverse("audit:reads"), {"centre": centre_a.licence_number}).content.decode()
    assert "page 1" in by_centre and "reports 2024" not in by_centre
    assert client.get(reverse("audit:reads"), {"since": "0001-01-01"}).status_code == 400


def test_the_reads_page_is_for_agency_admins_only(client, client_for, erin, dora):
    assert client.get(reverse("audit:reads")).status_code == 302
    for user in (erin, dora):
        assert client_for(user).get(reverse("audit:reads")).status_code == 403


def test_behind_nginx_the_evidence_is_sent_by_nginx(client_for, eddie, report, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.EVIDENCE_X_ACCEL_PREFIX = "/protected-media/"
    criterion = report.framework.criteria.first()
    item = evidence.add_evidence(report, criterion, SimpleUploadedFile("отчет.pdf", samples.pdf_bytes()), actor=eddie)
    response = client_for(eddie).get(reverse("reports:evidence", args=[report.pk, item.pk]))
    assert response["X-Accel-Redirect"] == "/protected-media/" + item.file.name
    assert response.content == b"" and "attachment" in response["Content-Disposition"]
