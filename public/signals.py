"""Invalidation: the public cache moves to a new version when something it shows changes.

Every such change is written to the audit trail by its service, so one receiver on the audit entry
covers approvals, register imports and edits, report imports, closed controls and publications,
without an edit in the apps that make them. The bump waits for the commit, so a page rebuilt
meanwhile cannot be cached with the old data under the new version.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from audit.models import AuditEntry
from public import cache
from reports.signals import reports_created_in_bulk

PUBLIC_ACTIONS = {
    "approve",  # a report approved (reports.services.approve_report)
    "import",  # reports imported as submitted (reports.importing)
    "import_centres",  # the register imported (centres.services.import_centres)
    "close",  # a follow-up control closed (control app, issue 12)
    "publish_analysis",
    "unpublish_analysis",
}
PUBLIC_OBJECT_TYPES = {"centres.centre", "public.publishedanalysis"}


@receiver(post_save, sender=AuditEntry, dispatch_uid="public-cache-version")
def bump_on_public_change(sender, instance, created, **kwargs):
    if not created:
        return
    if (
        instance.action in PUBLIC_ACTIONS
        or instance.object_type in PUBLIC_OBJECT_TYPES
        or (instance.object_type.startswith("control.") and instance.to_state == "closed")
    ):
        transaction.on_commit(cache.bump)


@receiver(reports_created_in_bulk, dispatch_uid="public-cache-version-bulk")
def bump_after_bulk_reports(sender, **kwargs):
    # An import writes its audit entries with bulk_create, which the receiver above never sees.
    transaction.on_commit(cache.bump)
