"""A report's submission, return, approval, reopening or import schedules the drawing of its year."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from audit.models import AuditEntry
from reports.signals import reports_created_in_bulk


@receiver(post_save, sender=AuditEntry, dispatch_uid="analysis-predraw")
def schedule_predraw(sender, instance, created, **kwargs):
    from analysis import predraw

    if not created or instance.object_type != "reports.report" or instance.action not in predraw.REPORT_ACTIONS:
        return
    from django.conf import settings

    if not settings.ANALYSIS_PREDRAW:
        return
    from reports.models import Report

    year = Report.objects.filter(pk=instance.object_id).values_list("year", flat=True).first()
    if year is not None:
        transaction.on_commit(lambda: predraw.schedule(year))


@receiver(reports_created_in_bulk, dispatch_uid="analysis-predraw-bulk")
def schedule_predraw_after_bulk(sender, year, **kwargs):
    from analysis import predraw

    transaction.on_commit(lambda: predraw.schedule(year))
