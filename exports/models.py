"""Long exports made as jobs: asked for, written once by the job queue, kept for a while, then expired.

A big file (a million survey answers) takes longer than an HTTP request may, so the request only
records an ExportJob; a task writes the file, reporting progress on the row, and the person who
asked downloads it from the job's page until it expires.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (Excel, Bulgarian settings)")
    XLSX = "xlsx", _("Excel (XLSX)")


def _export_path(instance, filename):
    # The job's random id names the file: nothing a user typed reaches the file system.
    return f"exports/{instance.pk}.{instance.format}"


class ExportJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40)  # a key of exports.kinds.KINDS
    params = models.JSONField(_("parameters"), default=dict)
    format = models.CharField(_("format"), max_length=5, choices=ExportFormat.choices)
    title = models.CharField(_("title"), max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    message = models.TextField(_("message"), blank=True)  # why it failed
    file = models.FileField(upload_to=_export_path, blank=True)
    filename = models.CharField(max_length=200, blank=True)  # offered to the browser
    size = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return self.title

    @property
    def percent(self):
        if self.status == JobStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def is_pending(self):
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)
