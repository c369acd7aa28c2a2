from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def for_centre(self, centre):
        return self.filter(centre=centre)


class AuditEntry(models.Model):
    """One recorded change: who, when, what object, from which state to which, and what changed.

    Entries are written only by services (see audit.services.record) and never edited.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    centre = models.ForeignKey(
        "centres.Centre", null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    message = models.TextField(_("comment"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class ReadKind(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence file")
    REPORT_DOCUMENT = "report_document", _("Report document")
    EXPORT = "export", _("Export")
    CONTACTS = "contacts", _("Graduates' contact list")
    ACTIVITY_FILE = "activity_file", _("Activity information file")


class ReadRecord(models.Model):
    """One read of sensitive data (a download, an export, the graduates' addresses): who, what, when.

    Kept apart from AuditEntry (the changes) so that a report's history is not drowned in downloads.
    Written by audit.services.record_read and never edited.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(_("what"), max_length=20, choices=ReadKind.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    centre = models.ForeignKey(
        "centres.Centre", null=True, blank=True, on_delete=models.CASCADE, related_name="read_records"
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "at"])]
        verbose_name = _("read of sensitive data")
        verbose_name_plural = _("reads of sensitive data")
