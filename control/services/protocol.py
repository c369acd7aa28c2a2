"""The protocol: issuing it (dates, number, remedy deadline, checklist complete) and recording
the day the centre received it, which opens the objection window.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from control import timers
from control.models import State
from control.services.checklist import checklist_gaps
from control.services.common import _guard, _iso, _locked, _move, _require, _sync, is_agency, is_inspector


def issue_protocol(control, *, actor, check_ended_on, protocol_on, protocol_number, remedy_deadline=None):
    _require(is_inspector(actor, control))
    errors = {}
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.INSPECTING)
        if check_ended_on is None:
            errors["check_ended_on"] = _("Enter the day the check ended.")
        elif fresh.check_from and check_ended_on < fresh.check_from:
            errors["check_ended_on"] = _("The check cannot end before it started (%(day)s).") % {
                "day": fresh.check_from.strftime("%d.%m.%Y")
            }
        if protocol_on is None:
            errors["protocol_on"] = _("Enter the protocol's date.")
        elif check_ended_on and protocol_on < check_ended_on:
            errors["protocol_on"] = _("The protocol cannot be dated before the check ended.")
        if not (protocol_number or "").strip():
            errors["protocol_number"] = _("Enter the protocol's number.")
        findings = list(fresh.findings.all())
        if findings:
            if remedy_deadline is None:
                errors["remedy_deadline"] = _("Enter the deadline to remedy the findings (1 to 3 months).")
            elif protocol_on:
                earliest, latest = timers.remedy_bounds(protocol_on)
                if not earliest <= remedy_deadline <= latest:
                    errors["remedy_deadline"] = _(
                        "The remedy deadline must be 1 to 3 months after the protocol: from %(earliest)s to %(latest)s."
                    ) % {"earliest": earliest.strftime("%d.%m.%Y"), "latest": latest.strftime("%d.%m.%Y")}
                else:
                    late = [f for f in findings if f.deadline > remedy_deadline]
                    if late:
                        errors["remedy_deadline"] = _(
                            "%(n)s recommendations have a deadline after the remedy deadline."
                        ) % {"n": len(late)}
        elif remedy_deadline is not None:
            errors["remedy_deadline"] = _("Without findings there is nothing to remedy: leave the deadline empty.")
        gaps = checklist_gaps(fresh)
        if gaps:
            errors["checklist"] = [message for _code, message in gaps]
        if errors:
            raise ValidationError(errors)
        fresh.check_ended_on = check_ended_on
        fresh.protocol_on = protocol_on
        fresh.protocol_number = protocol_number.strip()
        fresh.remedy_deadline = remedy_deadline
        _move(
            fresh,
            State.PROTOCOL_ISSUED,
            actor=actor,
            action="protocol",
            changes={
                "protocol_number": fresh.protocol_number,
                "protocol_on": _iso(protocol_on),
                "on_time": protocol_on <= timers.protocol_due(check_ended_on),
                "remedy_deadline": _iso(remedy_deadline),
                "findings": len(findings),
            },
            fields=["check_ended_on", "protocol_on", "protocol_number", "remedy_deadline"],
        )
    _sync(control, fresh)
    return control


def record_delivery(control, *, actor, delivered_on):
    _require(is_agency(actor))
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.PROTOCOL_ISSUED)
        if delivered_on is None:
            raise ValidationError({"delivered_on": _("Enter the day the centre received the protocol.")})
        if delivered_on < fresh.protocol_on:
            raise ValidationError({"delivered_on": _("The protocol cannot be delivered before it was issued.")})
        if delivered_on > timers.today():
            raise ValidationError({"delivered_on": _("The delivery day cannot be in the future.")})
        fresh.protocol_delivered_on = delivered_on
        _move(
            fresh,
            State.OBJECTION_WINDOW,
            actor=actor,
            action="delivered",
            changes={"delivered_on": _iso(delivered_on), "objection_due": _iso(timers.objection_due(delivered_on))},
            fields=["protocol_delivered_on"],
        )
        from control import notifications

        transaction.on_commit(lambda: notifications.on_protocol_delivered(fresh))
    _sync(control, fresh)
    return control
