import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inputs import samples
from reports import evidence, services
from reports.models import Evidence

# Real files: evidence is checked by its structure (inputs.files), not its first bytes.
PDF = samples.pdf_bytes()
PNG = samples.image_bytes("PNG")
JPEG = samples.image_bytes("JPEG")


def _zip(member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def _upload_url(report):
    return reverse("reports:evidence_upload", args=[report.pk])


def _upload(client, report, name, content, criterion="2.10"):
    return client.post(_upload_url(report), {"criterion": criterion, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("отчет.pdf", PDF, evidence.PDF),
        ("снимка.png", PNG, evidence.PNG),
        ("снимка.jpg", JPEG, evidence.JPEG),
        ("протокол.docx", _zip("word/document.xml"), evidence.DOCX),
        ("таблица.xlsx", _zip("xl/workbook.xml"), evidence.XLSX),
        ("без-разширение", PDF, evidence.PDF),  # the content decides, not the name
    ],
)
def test_allowed_files_are_attached_with_the_type_their_content_shows(
    client_for, eddie, draft, name, content, content_type
):
    response = _upload(client_for(eddie), draft, name, content)
    assert response.status_code == 302 and response["Location"].endswith("#criterion-2.10")
    item = Evidence.objects.get(report=draft)
    assert (item.original_name, item.content_type, item.size, item.criterion.code) == (
        name,
        content_type,
        len(content),
        "2.10",
    )
    assert name not in item.file.name  # stored under a random name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("доклад.pdf", b"<html><script>alert(1)</script></html>"),
        ("document.docx", _zip("content.xml")),
        ("broken.xlsx", b"PK\x03\x04not really a zip"),
        ("image.png", b"GIF89a" + b"\x00" * 10),
    ],
)
def test_other_content_is_refused_whatever_its_name(client_for, eddie, draft, name, content):
    response = _upload(client_for(eddie), draft, name, content)
    assert response.status_code == 400
    assert "не е файл във формат PDF, DOCX, XLSX, PNG или JPEG" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_over_10_mb_is_refused(client_for, eddie, draft):
    response = _upload(client_for(eddie), draft, "голям.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 400 and "10 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_at_most_twenty_files_per_report(client_for, eddie, draft):
    client = client_for(eddie)
    for i in range(20):
        assert _upload(client, draft, f"{i}.pdf", PDF).status_code == 302
    response = _upload(client, draft, "21.pdf", PDF)
    assert response.status_code == 400
    assert Evidence.objects.filter(report=draft).count() == 20


def test_files_are_served_as_attachments_to_the_centre_and_the_agency(client_for, eddie, vicky, erin, draft):
    _upload(client_for(eddie), draft, "отчет.pdf", PDF)
    item = Evidence.objects.get()
    url = reverse("reports:evidence", args=[draft.pk, item.pk])
    for user in (vicky, erin):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF


def test_anonymous_users_are_sent_to_login(client, client_for, eddie, draft):
    _upload(client_for(eddie), draft, "отчет.pdf", PDF)
    item = Evidence.objects.get()
    client.logout()
    for url in (
        reverse("reports:evidence", args=[draft.pk, item.pk]),
        reverse("reports:evidence_delete", args=[draft.pk, item.pk]),
        _upload_url(draft),
    ):
        response = client.post(url) if "delete" in url or url.endswith("/evidence/") else client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("method", ["get", "post", "put", "delete", "head"])
def test_another_centres_files_answer_404_for_every_method(client_for, eddie, boris, draft, method):
    _upload(client_for(eddie), draft, "отчет.pdf", PDF)
    item = Evidence.objects.get()
    client = client_for(boris)
    for url in (
        reverse("reports:evidence", args=[draft.pk, item.pk]),
        reverse("reports:evidence_delete", args=[draft.pk, item.pk]),
        _upload_url(draft),
    ):
        assert getattr(client, method)(url).status_code == 404
    assert Evidence.objects.count() == 1


def test_a_file_of_one_report_is_not_served_under_another(client_for, eddie, boris, draft, other_draft):
    _upload(client_for(eddie), draft, "отчет.pdf", PDF)
    item = Evidence.objects.get()
    response = client_for(boris).get(reverse("reports:evidence", args=[other_draft.pk, item.pk]))
    assert response.status_code == 404


def test_viewers_and_the_agency_cannot_upload_or_delete(client_for, eddie, vicky, erin, draft):
    _upload(client_for(eddie), draft, "отчет.pdf", PDF)
    item = Evidence.objects.get()
    for user in (vicky, erin):
        client = client_for(user)
        assert _upload(client, draft, "друг.pdf", PDF).status_code == 403
        assert client.post(reverse("reports:evidence_delete", args=[draft.pk, item.pk])).status_code == 403
    assert Evidence.objects.count() == 1


def test_an_editor_deletes_a_file_while_the_report_is_editable(
    client_for, eddie, draft, django_capture_on_commit_callbacks
):
    client = client_for(eddie)
    _upload(client, draft, "отчет.pdf", PDF)
    item = Evidence.objects.get()
    storage, path = item.file.storage, item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:evidence_delete", args=[draft.pk, item.pk]))
    assert response.status_code == 302
    assert not Evidence.objects.exists() and not storage.exists(path)


def test_a_submitted_report_refuses_upload_and_delete(client_for, dora, draft):
    client = client_for(dora)
    _upload(client, draft, "отчет.pdf", PDF)
    item = Evidence.objects.get()
    from .conftest import fill

    fill(draft, dora)
    services.submit_report(draft, actor=dora, declared=True)
    assert _upload(client, draft, "късен.pdf", PDF).status_code == 403
    assert client.post(reverse("reports:evidence_delete", args=[draft.pk, item.pk])).status_code == 403
    assert Evidence.objects.count() == 1
    with pytest.raises(services.TransitionNotAllowed):
        evidence.delete_evidence(item, actor=dora)


def test_files_attached_through_the_report_form_are_saved_with_the_draft(client_for, eddie, draft):
    from .test_form_view import _post_data

    data = _post_data(draft, text_1="С доказателство")
    data["evidence_1.1"] = SimpleUploadedFile("план.pdf", PDF)
    response = client_for(eddie).post(reverse("reports:form", args=[draft.pk]), data)
    assert response.status_code == 302
    assert Evidence.objects.get().criterion.code == "1.1"


def test_a_refused_file_never_drops_the_text_or_the_valid_files_chosen_with_it(client_for, eddie, draft):
    """Seen 3: a valid PDF chosen in the same save as a refused file was dropped without a word."""
    from .test_form_view import _post_data

    data = _post_data(draft, text_1="Запазва се")
    data["evidence_1.1"] = SimpleUploadedFile("вирус.pdf", b"<html></html>")
    data["evidence_1.2"] = SimpleUploadedFile("отчет.pdf", PDF)
    response = client_for(eddie).post(reverse("reports:form", args=[draft.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#criterion-1.1"' in html and "вирус.pdf" in html  # which was refused
    assert "Файлът „отчет.pdf“ е приложен." in html  # which was saved
    draft.refresh_from_db()
    assert draft.texts["1"] == "Запазва се"
    assert list(Evidence.objects.values_list("original_name", "criterion__code")) == [("отчет.pdf", "1.2")]


def test_file_sizes_are_written_with_cyrillic_units(client_for, eddie, draft):
    client = client_for(eddie)
    _upload(client, draft, "отчет.pdf", PDF)
    html = client.get(reverse("reports:form", args=[draft.pk])).content.decode()
    assert "\xa0Б)" in html or "\xa0КБ)" in html
    assert "KБ" not in html and "KB" not in html
