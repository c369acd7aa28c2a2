"""The agency's review of a submitted report: approve, return for correction (with notes per
criterion), reopen an approval (agency admin only) and assign the report to an expert.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from reports.models import ReviewNote, Status
from reports.services.common import TransitionNotAllowed, _locked, _notify, _sync, can_review


def approve_report(report, *, actor, comment=""):
    """Approve the submitted version; the optional comment is stored, audited, e-mailed and shown to the centre."""
    if not can_review(actor):
        raise PermissionDenied
    comment = (comment or "").strip()
    with transaction.atomic():
        fresh = _locked(report)
        if not fresh.can_be_reviewed():
            raise TransitionNotAllowed(_("Only a submitted report can be approved."))
        fresh.status = Status.APPROVED
        fresh.approval_comment = comment
        fresh.lock_version += 1
        fresh.save(update_fields=["status", "approval_comment", "lock_version", "updated_at"])
        record(
            actor=actor,
            action="approve",
            obj=fresh,
            centre=fresh.centre,
            from_state=Status.SUBMITTED,
            to_state=Status.APPROVED,
            message=comment,
        )
        _notify("on_approved", fresh)
    _sync(report, fresh)
    return report


def can_reopen(user):
    return bool(user.is_authenticated and user.is_agency_admin)


def reopen_report(report, *, actor, reason):
    """Undo an approval (agency admin only): the report is waiting for review again. Audited with the reason."""
    if not can_reopen(actor):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the approval is undone.")})
    with transaction.atomic():
        fresh = _locked(report)
        if fresh.status != Status.APPROVED:
            raise TransitionNotAllowed(_("Only an approved report can be reopened."))
        fresh.status = Status.SUBMITTED
        fresh.approval_comment = ""
        fresh.lock_version += 1
        fresh.save(update_fields=["status", "approval_comment", "lock_version", "updated_at"])
        record(
            actor=actor,
            action="reopen",
            obj=fresh,
            centre=fresh.centre,
            from_state=Status.APPROVED,
            to_state=Status.SUBMITTED,
            message=reason,
        )
    _sync(report, fresh)
    return report


def assign_report(report, *, actor, expert):
    """Give the report to an agency expert to review (None: nobody). Experts take reports for themselves;
    an agency admin assigns anybody's. Audited."""
    if not can_review(actor):
        raise PermissionDenied
    if expert is not None and not (expert.is_agency and expert.is_active):
        raise ValidationError({"expert": _("Reports are assigned to active agency experts only.")})
    if not actor.is_agency_admin and expert not in (None, actor):
        raise PermissionDenied
    with transaction.atomic():
        fresh = _locked(report)
        if not actor.is_agency_admin and fresh.assigned_to_id not in (None, actor.pk):
            raise PermissionDenied  # an expert does not take another expert's report
        before = fresh.assigned_to
        fresh.assigned_to = expert
        fresh.save(update_fields=["assigned_to", "updated_at"])
        record(
            actor=actor,
            action="assign",
            obj=fresh,
            centre=fresh.centre,
            changes={"assigned_to": [_person(before), _person(expert)]},
        )
    report.assigned_to = fresh.assigned_to
    return report


def _person(user):
    return (user.get_full_name() or user.username) if user else ""


def return_report(report, *, actor, comment, notes=None):
    """Return a submitted report for correction; `notes` is {criterion code or "": text} on the last version."""
    if not can_review(actor):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write why the report is returned for correction.")})
    with transaction.atomic():
        fresh = _locked(report)
        if not fresh.can_be_reviewed():
            raise TransitionNotAllowed(_("Only a submitted report can be returned for correction."))
        criteria = {c.code: c for c in fresh.framework.criteria.all()}
        notes = {str(k or ""): (v or "").strip() for k, v in (notes or {}).items()}
        unknown = [code for code in notes if code and code not in criteria]
        if unknown:
            raise ValidationError(
                {"notes": _("There is no criterion %(codes)s.") % {"codes": ", ".join(sorted(unknown))}}
            )
        ReviewNote.objects.bulk_create(
            ReviewNote(
                report=fresh,
                submission_id=fresh.last_submission_id,
                criterion=criteria.get(code),
                text=text,
                author=actor,
            )
            for code, text in notes.items()
            if text
        )
        fresh.status = Status.RETURNED
        fresh.return_comment = comment
        fresh.lock_version += 1
        fresh.save(update_fields=["status", "return_comment", "lock_version", "updated_at"])
        record(
            actor=actor,
            action="return",
            obj=fresh,
            centre=fresh.centre,
            from_state=Status.SUBMITTED,
            to_state=Status.RETURNED,
            changes={"notes": {k: v for k, v in notes.items() if v}},
            message=comment,
        )
        _notify("on_returned", fresh)
    _sync(report, fresh)
    return report
