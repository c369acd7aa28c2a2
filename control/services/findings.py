"""The inspectors' findings while the inspection runs: adding one (with its recommendation and
deadline, optionally tied to an item answered НЕ) and deleting one.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from control import timers
from control.models import Answer, Finding, FindingClass, State
from control.services.common import _guard, _iso, _locked, _require, _text, is_inspector


def add_finding(control, *, actor, item_code, klass, text, recommendation, deadline):
    _require(is_inspector(actor, control))
    errors = {}
    if klass not in FindingClass.values:
        errors["klass"] = _("Choose irregularity, violation or substantial violation.")
    if not _text(text):
        errors["text"] = _("Describe the finding.")
    if not _text(recommendation):
        errors["recommendation"] = _("Write the recommendation.")
    if deadline is None:
        errors["deadline"] = _("Enter the deadline of the recommendation.")
    elif deadline <= timers.today():
        errors["deadline"] = _("The deadline must be after today.")
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.INSPECTING)
        item = None
        if item_code:
            answer = fresh.answers.select_related("item").filter(item__code=item_code).first()
            if answer is None:
                errors["item"] = _("There is no item %(code)s in this checklist.") % {"code": item_code}
            elif answer.answer != Answer.NO:
                errors["item"] = _("Only an item answered НЕ can become a finding (item %(code)s).") % {
                    "code": item_code
                }
            else:
                item = answer.item
        if errors:
            raise ValidationError(errors)
        finding = Finding.objects.create(
            control=fresh,
            item=item,
            klass=klass,
            text=_text(text),
            recommendation=_text(recommendation),
            deadline=deadline,
        )
        record(
            actor=actor,
            action="control_finding_add",
            obj=fresh,
            centre=fresh.centre,
            changes={"finding": finding.pk, "item": item_code or "", "class": klass, "deadline": _iso(deadline)},
        )
    return finding


def delete_finding(finding, *, actor):
    control = finding.control
    _require(is_inspector(actor, control))
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.INSPECTING)
        record(
            actor=actor,
            action="control_finding_delete",
            obj=fresh,
            centre=fresh.centre,
            changes={"finding": finding.pk, "class": finding.klass},
        )
        finding.delete()
