"""A file's delete button inside the report form: the typed text is saved with the deletion."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inputs import samples
from reports.models import Answer, Evidence

from .test_form_view import _post_data, _url

PDF = samples.pdf_bytes()  # a real PDF: evidence is checked by its structure


def _attach(client, report, name="отчет.pdf", criterion="2.10"):
    response = client.post(
        reverse("reports:evidence_upload", args=[report.pk]),
        {"criterion": criterion, "file": SimpleUploadedFile(name, PDF)},
    )
    assert response.status_code == 302
    return Evidence.objects.get(report=report, original_name=name)


def test_delete_button_saves_what_was_typed_and_deletes_the_file(client_for, eddie, draft):
    client = client_for(eddie)
    item = _attach(client, draft)
    data = _post_data(draft, **{"comment_2.10": "Написано преди изтриването"}, delete_evidence=str(item.pk))
    response = client.post(_url(draft), data)
    assert response.status_code == 302 and response["Location"].endswith("#criterion-2.10")
    assert not Evidence.objects.filter(pk=item.pk).exists()
    assert Answer.objects.get(report=draft, criterion__code="2.10").comment == "Написано преди изтриването"
    page = client.get(response["Location"]).content.decode()
    assert "отчет.pdf" in page  # the message names the deleted file
    assert 'name="delete_evidence"' not in page


def test_plain_save_deletes_no_file(client_for, eddie, draft):
    client = client_for(eddie)
    item = _attach(client, draft)
    assert client.post(_url(draft), _post_data(draft)).status_code == 302
    assert Evidence.objects.filter(pk=item.pk).exists()


def test_another_reports_file_or_a_bad_value_is_404_and_nothing_is_saved(client_for, eddie, boris, draft, other_draft):
    foreign = _attach(client_for(boris), other_draft)
    client = client_for(eddie)
    for value in (str(foreign.pk), "abc", "-1"):
        data = _post_data(draft, **{"comment_2.10": "Не бива да се запише"}, delete_evidence=value)
        assert client.post(_url(draft), data).status_code == 404
    assert Evidence.objects.filter(pk=foreign.pk).exists()
    assert not Answer.objects.filter(report=draft, comment="Не бива да се запише").exists()


def test_the_forms_first_submit_button_saves(client_for, eddie, draft):
    client = client_for(eddie)
    _attach(client, draft)
    html = client.get(_url(draft)).content.decode()
    form = html[html.index('id="report-form"') :]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert 'name="delete_evidence"' not in first_button and 'type="submit"' in first_button
