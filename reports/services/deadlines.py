"""Reporting years and deadlines: opening a year for every licensed centre, the year's last
on-time day, and one centre's extension of it (granted, changed or revoked). Agency admins only,
each change audited.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from centres.models import Centre
from frameworks.models import Framework
from reports.deadlines import last_on_time_day
from reports.models import Answer, DeadlineExtension, Report, ReportingYear


def open_reporting_year(year, *, actor):
    """Open a draft for every centre licensed on 31 December of `year` that has none; return how many."""
    if not actor.is_agency_admin:
        raise PermissionDenied
    with transaction.atomic():
        centres = list(Centre.objects.licensed_on(dt.date(year, 12, 31)).exclude(reports__year=year))
        frameworks = {kind: Framework.objects.for_report(kind, year) for kind in {c.kind for c in centres}}
        reports = Report.objects.bulk_create(
            Report(centre=c, year=year, framework=frameworks[c.kind]) for c in centres if frameworks[c.kind]
        )
        criteria = {f.pk: list(f.criteria.all()) for f in frameworks.values() if f}
        Answer.objects.bulk_create(
            (Answer(report=r, criterion=c) for r in reports for c in criteria[r.framework_id]), batch_size=5000
        )
        reporting_year, _created = ReportingYear.objects.get_or_create(year=year)
        reporting_year.opened_at = timezone.now()
        reporting_year.save(update_fields=["opened_at"])
        record(actor=actor, action="open_year", obj=reporting_year, changes={"opened": len(reports)})
    return len(reports)


def set_deadline(year, *, actor, last_day):
    """Set (or clear, with None) the last on-time day of a year's reports for every centre. Audited."""
    if not actor.is_agency_admin:
        raise PermissionDenied
    with transaction.atomic():
        reporting_year, _created = ReportingYear.objects.select_for_update().get_or_create(year=year)
        before = reporting_year.deadline
        reporting_year.deadline = last_day
        reporting_year.save(update_fields=["deadline"])
        record(
            actor=actor,
            action="deadline",
            obj=reporting_year,
            changes={"year": year, "deadline": [_day(before), _day(last_day)]},
        )
    return reporting_year


def grant_extension(centre, year, *, actor, last_day, reason):
    """Give one centre a later last on-time day for a year (or change it). Audited with the reason.

    The on-time rule (reports.deadlines.is_on_time) judges that centre's first submission against it.
    """
    if not actor.is_agency_admin:
        raise PermissionDenied
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Write why the deadline is extended.")
    if last_day is None:
        errors["last_day"] = _("Give the new last day.")
    elif last_day <= last_on_time_day(year):
        errors["last_day"] = _("The new last day must be after the year's deadline (%(day)s).") % {
            "day": last_on_time_day(year).strftime("%d.%m.%Y")
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        extension, created = DeadlineExtension.objects.select_for_update().get_or_create(
            centre=centre, year=year, defaults={"last_day": last_day, "reason": reason, "granted_by": actor}
        )
        before = None if created else extension.last_day
        if not created:
            extension.last_day, extension.reason, extension.granted_by = last_day, reason, actor
            extension.save(update_fields=["last_day", "reason", "granted_by", "granted_at"])
        record(
            actor=actor,
            action="extension",
            obj=extension,
            centre=centre,
            changes={"year": year, "last_day": [_day(before), _day(last_day)]},
            message=reason,
        )
    return extension


def revoke_extension(extension, *, actor):
    if not actor.is_agency_admin:
        raise PermissionDenied
    with transaction.atomic():
        record(
            actor=actor,
            action="extension_revoked",
            obj=extension,
            centre=extension.centre,
            changes={"year": extension.year, "last_day": [_day(extension.last_day), ""]},
        )
        extension.delete()


def _day(value):
    return value.isoformat() if value else ""
