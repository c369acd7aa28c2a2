"""What every report service shares: the refusals, who may do what, and the row lock.

The exceptions (TransitionNotAllowed, StaleReport, ReportIncomplete), the permission checks
(can_edit, can_submit, can_review), and the helpers each state change uses: _locked (the
report's row lock), _sync (the caller's instance reflects the saved row), _notify (mail after
commit) and _fmt (points as stored text). The other modules of the package import from here,
never from the package itself, so there is no import cycle.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from reports.models import Report

ZERO = Decimal(0)


class TransitionNotAllowed(PermissionDenied):
    """The report's status does not allow this change (e.g. editing a submitted report). Answers 403."""


class StaleReport(Exception):
    """Somebody saved the same fields after the version the change was based on; nothing was saved.

    `conflicts` are the fields both changed; `keep_theirs` maps the anchors of fields only the
    other person changed to their saved values, which the form must show instead of the stale ones.
    """

    def __init__(self, conflicts, current_lock_version, keep_theirs=None):
        self.conflicts = conflicts
        self.current_lock_version = current_lock_version
        self.keep_theirs = keep_theirs or {}
        super().__init__(f"report changed meanwhile ({len(conflicts)} fields changed by both)")


class ReportIncomplete(Exception):
    def __init__(self, gaps):
        self.gaps = gaps
        super().__init__(f"{len(gaps)} gaps")


# ---------------------------------------------------------------- who may do what
def can_edit(user, report):
    return bool(user.is_authenticated and user.can_edit_reports and user.centre_id == report.centre_id)


def can_submit(user, report):
    return bool(user.is_authenticated and user.can_submit_reports and user.centre_id == report.centre_id)


def can_review(user):
    return bool(user.is_authenticated and user.is_agency)


def _notify(name, *args):
    from reports import notifications

    transaction.on_commit(lambda: getattr(notifications, name)(*args))


def _locked(report):
    return Report.objects.select_for_update().select_related("framework", "centre").get(pk=report.pk)


def _sync(report, fresh):
    """Make the caller's instance reflect the saved row."""
    names = (
        "status",
        "texts",
        "zero_value",
        "lock_version",
        "return_comment",
        "approval_comment",
        "last_submission_id",
    )
    for name in (*names, "updated_at"):
        setattr(report, name, getattr(fresh, name))
    report.__dict__.pop("last_submission", None)
    report._state.fields_cache.pop("last_submission", None)


def _fmt(points):
    return "" if points is None else format(points.normalize(), "f")
