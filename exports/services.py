"""Every change to an export job goes through here: asking for one, writing it, expiring it.

`request_export` checks the right to the data and queues the job (django-tasks: at once in
tests and by default, `manage.py db_worker` with TASKS_BACKEND=database). `run_export` writes the
file once, updating the job's progress as rows are written, and notifies the person who asked;
a failure is kept on the job with its message. Files are kept EXPORTS_KEEP_HOURS (default 24).
"""

import datetime as dt
import logging
import os
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import record
from exports import kinds, writers
from exports.models import ExportFormat, ExportJob, JobStatus

log = logging.getLogger(__name__)


def keep_hours():
    configured = getattr(settings, "EXPORTS_KEEP_HOURS", None)
    return int(configured if configured is not None else os.environ.get("EXPORTS_KEEP_HOURS", "24"))


def can_download(user, job):
    return bool(user.is_authenticated and job.requested_by_id == user.pk)


def request_export(actor, kind, params, fmt):
    """Record and queue an export of `kind` with `params` in `fmt`; returns the job."""
    builder = kinds.builder(kind)
    if not builder.allowed(actor):
        raise PermissionDenied
    if fmt not in ExportFormat.values:
        raise ValueError(fmt)
    title, filename = builder.describe(params)
    with transaction.atomic():
        job = ExportJob.objects.create(
            kind=kind, params=params, format=fmt, title=title, filename=f"{filename}.{fmt}", requested_by=actor
        )
        record(actor=actor, action="export_requested", obj=job, changes={"kind": kind, "params": params, "format": fmt})
        # Inside the transaction: the database backend's task row commits (or not) with the job.
        from exports.tasks import run_export_job

        run_export_job.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


def _progress(job_id):
    def update(done):
        ExportJob.objects.filter(pk=job_id).update(rows_done=done)

    return update


def run_export(job_id):
    """Write the job's file (once); mark it done or failed. Returns the job."""
    claimed = ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if not claimed:  # already written, running elsewhere, or expired: never twice
        return job
    try:
        with translation.override(settings.LANGUAGE_CODE):
            table = kinds.builder(job.kind).table(job.params)
            ExportJob.objects.filter(pk=job.pk).update(rows_total=table.total)
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, job.filename)
                if job.format == ExportFormat.CSV:
                    writers.write_csv(path, table, _progress(job.pk))
                else:
                    writers.write_xlsx(path, table, _progress(job.pk))
                with open(path, "rb") as handle:
                    job.file.save(job.filename, File(handle), save=False)
    except Exception as error:  # noqa: BLE001 — any failure is shown on the job, with its message
        log.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=f"{type(error).__name__}: {error}"
        )
        job.refresh_from_db()
        return job
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        file=job.file.name,
        size=job.file.size,
        finished_at=now,
        expires_at=now + dt.timedelta(hours=keep_hours()),
    )
    job.refresh_from_db()
    _notify(job)
    return job


def _notify(job):
    user = job.requested_by
    if not user.email:
        return
    url = settings.SITE_URL + reverse("exports:job", args=[job.pk])
    until = timezone.localtime(job.expires_at).strftime("%d.%m.%Y %H:%M")
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("Your export is ready: %(title)s") % {"title": job.title},
            _("The file %(name)s is ready. Download it until %(until)s:\n\n%(url)s\n")
            % {
                "name": job.filename,
                "until": until,
                "url": url,
            },
            None,
            [user.email],
        )


def expire(job):
    """The job's file is deleted and the job marked expired (its row stays, for the record)."""
    if job.file:
        job.file.delete(save=False)
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.EXPIRED, file="")
    job.refresh_from_db()
    return job


def expire_old(now=None):
    """Expire every finished job past its time; returns how many."""
    now = now or timezone.now()
    jobs = list(ExportJob.objects.filter(status=JobStatus.DONE, expires_at__lte=now))
    for job in jobs:
        expire(job)
    return len(jobs)
