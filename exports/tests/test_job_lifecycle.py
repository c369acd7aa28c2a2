"""An export job's life: queued, progress while written, done (file, e-mail, download), expired, failed."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from exports import kinds, services, writers
from exports.models import ExportJob, JobStatus
from exports.tests import fake_kind


@pytest.fixture(autouse=True)
def _fake_kind(monkeypatch):
    monkeypatch.setitem(kinds.KINDS, "test_rows", "exports.tests.fake_kind")
    fake_kind.SEEN.clear()


def ask(user, fmt="csv", **params):
    return services.request_export(user, "test_rows", params, fmt)


def test_a_queued_job_waits_and_its_page_polls_and_reloads_without_javascript(settings, dora, client_for):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    job = ask(dora)
    assert job.status == JobStatus.QUEUED and not job.file
    page = client_for(dora).get(reverse("exports:job", args=[job.pk])).content.decode()
    assert 'hx-get="' + reverse("exports:progress", args=[job.pk]) in page
    assert '<noscript><meta http-equiv="refresh"' in page
    assert "<progress" in page


def test_progress_is_written_on_the_job_as_rows_are_written(monkeypatch, dora):
    monkeypatch.setattr(writers, "PROGRESS_EVERY", 3)
    job = ask(dora, rows=10)
    assert fake_kind.SEEN == [0, 0, 0, 3, 3, 3, 6, 6, 6, 9]
    job.refresh_from_db()
    assert (job.rows_done, job.rows_total, job.percent) == (10, 10, 100)


def test_a_done_job_keeps_its_file_mails_the_link_and_downloads(settings, dora, client_for):
    settings.EXPORTS_KEEP_HOURS = 6
    job = ask(dora, rows=3)
    assert job.status == JobStatus.DONE and job.size > 0
    assert job.expires_at - job.finished_at == dt.timedelta(hours=6)
    assert len(mail.outbox) == 1 and str(job.pk) in mail.outbox[0].body
    client = client_for(dora)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert reverse("exports:download", args=[job.pk]) in page
    response = client.get(reverse("exports:download", args=[job.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Disposition"].startswith('attachment; filename="proba.csv"')
    assert text.splitlines()[:3] == ["Номер;Текст;Формула", "n;text;formula", "0;ред 0;'=1+1"]


def test_the_file_is_written_once(dora):
    job = ask(dora, rows=2)
    name = job.file.name
    again = services.run_export(job.pk)
    assert again.file.name == name and len(fake_kind.SEEN) == 2


def test_an_expired_job_has_no_file_and_says_so(dora, client_for):
    job = ask(dora, rows=2)
    storage, name = job.file.storage, job.file.name
    with freeze_time(timezone.now() + dt.timedelta(hours=25)):
        client = client_for(dora)  # logged in a day later: an older session would have timed out
        assert client.get(reverse("exports:download", args=[job.pk])).status_code == 410
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED and not job.file and not storage.exists(name)


def test_the_command_expires_old_jobs_only(dora):
    old, new = ask(dora, rows=1), ask(dora, rows=1)
    ExportJob.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    call_command("expire_exports")
    assert ExportJob.objects.get(pk=old.pk).status == JobStatus.EXPIRED
    assert ExportJob.objects.get(pk=new.pk).status == JobStatus.DONE


def test_a_failed_job_shows_its_message(dora, client_for):
    job = ask(dora, rows=5, fail_at=2)
    assert job.status == JobStatus.FAILED and "няма връзка с базата" in job.message
    assert not job.file
    page = client_for(dora).get(reverse("exports:job", args=[job.pk])).content.decode()
    assert "няма връзка с базата" in page
    assert client_for(dora).get(reverse("exports:download", args=[job.pk])).status_code == 409


def test_xlsx_jobs_write_a_workbook_with_safe_cells(dora):
    from openpyxl import load_workbook

    job = ask(dora, fmt="xlsx", rows=2)
    rows = list(load_workbook(job.file.path).active.iter_rows(values_only=True))
    assert rows == [
        ("Номер", "Текст", "Формула"),
        ("n", "text", "formula"),
        (0, "ред 0", "'=1+1"),
        (1, "ред 1", "'=1+1"),
    ]


def test_only_the_person_who_asked_sees_the_job(dora, boris):
    job = ask(dora, rows=1)
    anonymous, other, own = Client(), Client(), Client()
    other.force_login(boris)
    own.force_login(dora)
    for name in ("exports:job", "exports:progress", "exports:download"):
        url = reverse(name, args=[job.pk])
        assert anonymous.get(url).status_code == 302  # to the login page
        assert other.get(url).status_code == 404
        assert own.get(url).status_code == 200
