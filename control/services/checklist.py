"""The inspection: starting it, saving the checklist and the gaps that stop the protocol.

start_inspection creates an empty answer per checklist item; save_checklist saves the draft with
optimistic locking (StaleChecklist with the differing items as Conflicts); checklist_gaps lists
unanswered items and missing required comments.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from control.models import ChecklistAnswer, Control, State
from control.services.common import (
    _guard,
    _locked,
    _move,
    _require,
    _sync,
    _text,
    is_inspector,
)


class StaleChecklist(Exception):
    """Somebody saved the checklist after the version the change was based on; nothing was saved."""

    def __init__(self, conflicts, current_lock_version):
        self.conflicts = conflicts
        self.current_lock_version = current_lock_version
        super().__init__(f"checklist changed meanwhile ({len(conflicts)} differing items)")


@dataclass(frozen=True)
class Conflict:
    anchor: str
    label: str
    theirs: str
    yours: str


def start_inspection(control, *, actor):
    _require(is_inspector(actor, control))
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.ORDERED)
        existing = set(fresh.answers.values_list("item_id", flat=True))
        ChecklistAnswer.objects.bulk_create(
            ChecklistAnswer(control=fresh, item=item) for item in fresh.checklist.items.all() if item.pk not in existing
        )
        _move(fresh, State.INSPECTING, actor=actor, action="start")
    _sync(control, fresh)
    return control


def save_checklist(control, *, actor, lock_version, answers):
    """Save the checklist draft: {item code: {"answer": "ДА"|"НЕ"|"НП"|"", "data_missing": bool, "comment": str}}.

    Refused with StaleChecklist, saving nothing, when somebody saved since `lock_version`.
    """
    _require(is_inspector(actor, control))
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.INSPECTING)
        rows = {a.item.code: a for a in fresh.answers.select_related("item")}
        errors = {}
        given = {}
        for code, value in (answers or {}).items():
            row = rows.get(str(code))
            if row is None:
                errors[f"item-{code}"] = _("There is no item %(code)s in this checklist.") % {"code": code}
                continue
            answer = (value.get("answer") or "").strip()
            if answer and answer not in row.item.allowed_answers:
                errors[f"item-{code}"] = _("%(answer)s is not an allowed answer for item %(code)s.") % {
                    "answer": answer,
                    "code": code,
                }
            given[row.item.code] = (answer, bool(value.get("data_missing")), _text(value.get("comment")))
        if errors:
            raise ValidationError(errors)
        if fresh.lock_version != int(lock_version):
            conflicts = [
                Conflict(
                    f"item-{code}",
                    f"{code} {rows[code].item.text}",
                    f"{rows[code].answer} {rows[code].comment}".strip(),
                    f"{new[0]} {new[2]}".strip(),
                )
                for code, new in given.items()
                if (rows[code].answer, rows[code].data_missing, rows[code].comment) != new
            ]
            raise StaleChecklist(conflicts, fresh.lock_version)
        changed, changes = [], {}
        for code, (answer, missing, comment) in given.items():
            row = rows[code]
            old = (row.answer, row.data_missing, row.comment)
            if old != (answer, missing, comment):
                row.answer, row.data_missing, row.comment = answer, missing, comment
                changed.append(row)
                changes[code] = [old[0], answer]
        ChecklistAnswer.objects.bulk_update(changed, ["answer", "data_missing", "comment"])
        Control.objects.filter(pk=fresh.pk).update(lock_version=F("lock_version") + 1, updated_at=timezone.now())
        fresh.refresh_from_db(fields=["lock_version", "updated_at"])
        if changes:
            record(actor=actor, action="control_checklist", obj=fresh, centre=fresh.centre, changes=changes)
    control.lock_version = fresh.lock_version
    return control


def checklist_gaps(control):
    """[(item code, message)] that stop the protocol: unanswered items and comments the rules require."""
    gaps = []
    for row in control.answers.select_related("item").order_by("item__order"):
        code = row.item.code
        if not row.answer:
            gaps.append((code, _("Item %(code)s has no answer.") % {"code": code}))
        elif not row.comment and (row.answer in row.item.comment_required_on or row.data_missing):
            if row.data_missing:
                message = _("Item %(code)s: data are missing or out of date, so a comment is required.")
            else:
                message = _("Item %(code)s: the answer %(answer)s needs a comment.")
            gaps.append((code, message % {"code": code, "answer": row.answer}))
    return gaps
