"""How a case ends: closed (nothing left to remedy), escalated to the expert commission with the
inspectors' report and proposal, or cancelled by the agency while open.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from control import timers
from control.models import ESCALATING_CONCLUSIONS, OPEN_STATES, Conclusion, State
from control.services.common import (
    TransitionNotAllowed,
    _guard,
    _locked,
    _move,
    _require,
    _sync,
    _text,
    is_agency,
    is_inspector,
)


def _inspectors_report(fresh, report_text, good_practices, conclusion, on):
    fresh.report_text = _text(report_text)
    fresh.good_practices = _text(good_practices)
    fresh.conclusion = conclusion
    fresh.report_on = on


def close_control(control, *, actor, report_text, good_practices="", on=None):
    """Close: no findings and the window has passed, or every recommendation marked fulfilled."""
    _require(is_inspector(actor, control))
    on = on or timers.today()
    if not _text(report_text):
        raise ValidationError({"report_text": _("Write the inspectors' report.")})
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.OBJECTION_WINDOW, State.REMEDY)
        findings = list(fresh.findings.all())
        if fresh.state == State.OBJECTION_WINDOW:
            if findings:
                raise TransitionNotAllowed(_("The findings must be remedied first."))
            if on <= timers.objection_due(fresh.protocol_delivered_on) and not hasattr(fresh, "objection"):
                raise TransitionNotAllowed(_("The objection window is still open."))
        elif any(f.fulfilled is not True for f in findings):
            raise TransitionNotAllowed(
                _("Every recommendation must be marked fulfilled to close; otherwise escalate the control.")
            )
        _inspectors_report(fresh, report_text, good_practices, Conclusion.REMOVED, on)
        _move(
            fresh,
            State.CLOSED,
            actor=actor,
            action="close",
            fields=["report_text", "good_practices", "conclusion", "report_on"],
        )
    _sync(control, fresh)
    return control


def escalate_control(control, *, actor, conclusion, report_text, good_practices="", on=None):
    """Propose revocation (temporary or permanent) or termination by the expert commission."""
    _require(is_inspector(actor, control))
    on = on or timers.today()
    errors = {}
    if conclusion not in ESCALATING_CONCLUSIONS:
        errors["conclusion"] = _("Choose what the inspectors propose.")
    if not _text(report_text):
        errors["report_text"] = _("Write the inspectors' report.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.OBJECTION_WINDOW, State.REMEDY)
        if not fresh.findings.exists():
            raise TransitionNotAllowed(_("A control without findings cannot be escalated."))
        if fresh.state == State.REMEDY and fresh.findings.filter(fulfilled__isnull=True).exists():
            raise TransitionNotAllowed(_("Mark every recommendation fulfilled or not first."))
        if fresh.state == State.REMEDY and not fresh.findings.filter(fulfilled=False).exists():
            raise TransitionNotAllowed(_("Every recommendation is fulfilled: close the control instead."))
        if fresh.state == State.OBJECTION_WINDOW and not fresh.findings.filter(klass="substantial").exists():
            raise TransitionNotAllowed(_("Only a substantial violation can be escalated before the remedy period."))
        _inspectors_report(fresh, report_text, good_practices, conclusion, on)
        _move(
            fresh,
            State.ESCALATED,
            actor=actor,
            action="escalate",
            changes={"conclusion": conclusion},
            fields=["report_text", "good_practices", "conclusion", "report_on"],
        )
    _sync(control, fresh)
    return control


def cancel_control(control, *, actor, reason):
    _require(is_agency(actor))
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, *OPEN_STATES)
        fresh.cancel_reason = reason
        _move(fresh, State.CANCELLED, actor=actor, action="cancel", message=reason, fields=["cancel_reason"])
    _sync(control, fresh)
    return control
