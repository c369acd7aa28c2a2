"""Every change to activity information goes through here: permission, one transaction, an audit entry.

The activity information has no workflow of its own: it may change only while the year's
self-assessment report may (draft or returned), or before that report exists.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from activity.models import (
    ActivityReport,
    Course,
    FundingRow,
    MaterialBase,
    ServiceRow,
    TraineeBirthYearRow,
    TraineeCitizenshipRow,
    ValidationRow,
)
from audit.services import record
from reports.models import Report

ROW_MODELS = {
    "courses": Course,
    "validations": ValidationRow,
    "material_bases": MaterialBase,
    "trainees_by_birth_year": TraineeBirthYearRow,
    "trainees_by_citizenship": TraineeCitizenshipRow,
    "services": ServiceRow,
    "funding_rows": FundingRow,
}


class ActivityLocked(PermissionDenied):
    """The year's report has been submitted or approved: the activity information is locked with it."""


def report_for(centre, year):
    return Report.objects.filter(centre=centre, year=year).only("id", "status").first()


def is_open(centre, year, report=None):
    report = report if report is not None else report_for(centre, year)
    return report is None or report.is_editable


def may_edit(user, centre):
    """Whether the user's role lets them edit this centre's activity information (regardless of status)."""
    return bool(user.is_authenticated and user.can_edit_reports and user.centre_id == centre.pk)


def can_edit(user, centre, year):
    return may_edit(user, centre) and is_open(centre, year)


def activity_for(centre, year):
    return ActivityReport.objects.filter(centre=centre, year=year).first()


def _check_and_lock(actor, centre, year):
    if not may_edit(actor, centre):
        raise PermissionDenied
    # Lock the report row so the activity cannot change under a submission running at the same time.
    report = Report.objects.select_for_update().filter(centre=centre, year=year).first()
    if not is_open(centre, year, report):
        raise ActivityLocked(
            _("The report for %(year)s has been submitted; its activity information is locked.") % {"year": year}
        )
    activity, _created = ActivityReport.objects.select_for_update().get_or_create(centre=centre, year=year)
    return activity


def save_forms(*, actor, centre, year, header_form, formsets):
    """Save validated forms (the header and the row formsets) as the centre's activity information."""
    with transaction.atomic():
        activity = _check_and_lock(actor, centre, year)
        header_form.instance.pk = activity.pk
        header_form.instance.centre = centre
        header_form.instance.year = year
        header_form.instance.updated_by = actor
        activity = header_form.save()
        counts = {}
        for name, formset in formsets.items():
            formset.instance = activity
            formset.save()
            counts[name] = activity_rows(activity, name).count()
        record(
            actor=actor,
            action="activity.saved",
            obj=activity,
            centre=centre,
            changes={"header": sorted(header_form.changed_data), "rows": counts},
        )
    return activity


def activity_rows(activity, name):
    return ROW_MODELS[name].objects.filter(activity=activity)


def replace_all(*, actor, centre, year, header, rows, source="upload"):
    """Replace the year's activity information with the given values, all or nothing.

    `header` maps ActivityReport fields to values; `rows` maps a row kind ("courses", …) to a
    list of field dicts. Row kinds not in `rows` are left as they are.
    """
    with transaction.atomic():
        activity = _check_and_lock(actor, centre, year)
        for field, value in header.items():
            setattr(activity, field, value)
        activity.updated_by = actor
        activity.save()
        counts = {}
        for name, values in rows.items():
            model = ROW_MODELS[name]
            model.objects.filter(activity=activity).delete()
            model.objects.bulk_create([model(activity=activity, **row) for row in values])
            counts[name] = len(values)
        record(
            actor=actor,
            action="activity.imported" if source == "upload" else "activity.replaced",
            obj=activity,
            centre=centre,
            changes={"rows": counts, "header": sorted(header)},
        )
    return activity


def import_workbook(*, actor, centre, year, uploaded):
    """Replace the year's activity information with an uploaded template, or refuse it whole.

    Raises xlsx.WorkbookRefused listing every problem by sheet, row and column; nothing is saved then.
    """
    from activity import xlsx

    if not may_edit(actor, centre):
        raise PermissionDenied
    if not is_open(centre, year):
        raise ActivityLocked
    data = xlsx.check_file(uploaded)
    header, rows = xlsx.read_workbook(data, centre, year)
    return replace_all(actor=actor, centre=centre, year=year, header=header, rows=rows, source="upload")
