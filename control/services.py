"""Every change to a control goes through one function here: views, commands and the demo call these.

Each function checks the actor's rights (PermissionDenied), checks that the control's state
allows the step (TransitionNotAllowed), validates the input (ValidationError, field by
field, nothing saved), changes the data inside one transaction and records an audit entry.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from audit.services import record
from control import timers
from control.models import (
    ESCALATING_CONCLUSIONS,
    OPEN_STATES,
    Answer,
    Checklist,
    ChecklistAnswer,
    Conclusion,
    Control,
    ControlKind,
    ControlType,
    Finding,
    FindingClass,
    FulfilmentReport,
    Objection,
    State,
)

__all__ = [
    "StaleChecklist",
    "TransitionNotAllowed",
    "add_finding",
    "allowed_actions",
    "cancel_control",
    "close_control",
    "delete_finding",
    "escalate_control",
    "issue_protocol",
    "mark_recommendation",
    "open_remedy",
    "order_control",
    "plan_controls",
    "record_delivery",
    "save_checklist",
    "start_inspection",
    "submit_fulfilment",
    "submit_objection",
]


class TransitionNotAllowed(PermissionDenied):
    """The control's state does not allow this step. Answers 403."""


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


# ---------------------------------------------------------------- who may do what
def is_agency(user):
    return bool(user and user.is_authenticated and user.is_agency)


def is_inspector(user, control):
    """One of the control's inspectors, or an agency admin (who may stand in)."""
    if not is_agency(user):
        return False
    return user.is_agency_admin or control.inspectors.filter(pk=user.pk).exists()


def is_centre_editor(user, control):
    return bool(
        user
        and user.is_authenticated
        and user.can_edit_reports
        and user.centre_id == control.centre_id
        and control.state not in (State.PLANNED, State.CANCELLED)
    )


def _require(condition):
    if not condition:
        raise PermissionDenied


def _locked(control):
    return Control.objects.select_for_update(of=("self",)).select_related("centre", "checklist").get(pk=control.pk)


def _sync(control, fresh):
    for field in Control._meta.concrete_fields:
        setattr(control, field.attname, getattr(fresh, field.attname))


def _guard(fresh, *states):
    if fresh.state not in states:
        raise TransitionNotAllowed(
            _("This step is not possible while the control is “%(state)s”.") % {"state": fresh.get_state_display()}
        )


def _move(fresh, to_state, *, actor, action, changes=None, message="", fields=()):
    from_state = fresh.state
    fresh.state = to_state
    fresh.save(update_fields=["state", "updated_at", *fields])
    record(
        actor=actor,
        action=f"control_{action}",
        obj=fresh,
        centre=fresh.centre,
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
        message=message,
    )


def _iso(day):
    return day.isoformat() if day else ""


# ---------------------------------------------------------------- planning from the ranking
def plan_controls(year, centres, *, actor, kind=ControlKind.PERIODIC, type=ControlType.COMPLEX, reason=""):
    """A planned control for each centre, recording the risk model version, score and rank that led to it."""
    from control import risk

    _require(is_agency(actor))
    centres = list(centres)
    if not centres:
        raise ValidationError({"centres": _("Tick at least one centre.")})
    if kind not in ControlKind.values:
        raise ValidationError({"kind": _("Choose the kind of control.")})
    if type not in ControlType.values:
        raise ValidationError({"type": _("Choose the type of control.")})
    model, ranking = risk.ranking_for_year(year)
    by_centre = {r.centre_id: r for r in ranking}
    busy = set(Control.objects.open().filter(centre__in=centres).values_list("centre_id", flat=True))
    problems = [_("%(centre)s already has an open control.") % {"centre": c.name} for c in centres if c.pk in busy] + [
        _("No checklist applies to %(centre)s for %(year)s.") % {"centre": c.name, "year": year}
        for c in centres
        if Checklist.for_centre(c.kind, year) is None
    ]
    if problems:
        raise ValidationError({"centres": problems})
    planned = []
    with transaction.atomic():
        for centre in centres:
            scored = by_centre.get(centre.pk)
            control = Control.objects.create(
                centre=centre,
                year=year,
                kind=kind,
                type=type,
                reason=reason,
                risk_model=model if scored else None,
                risk_score=scored.score if scored else None,
                risk_rank=scored.rank if scored else None,
                checklist=Checklist.for_centre(centre.kind, year),
                created_by=actor,
            )
            record(
                actor=actor,
                action="control_plan",
                obj=control,
                centre=centre,
                to_state=control.state,
                changes={
                    "risk_model": model.code if model and scored else "",
                    "risk_score": format(scored.score, "f") if scored else "",
                    "risk_rank": scored.rank if scored else None,
                },
            )
            planned.append(control)
    return planned


# ---------------------------------------------------------------- the order
def _check_inspectors(inspectors):
    errors = []
    seen = set()
    for user in inspectors:
        if user.pk in seen:
            errors.append(_("%(name)s is named twice.") % {"name": user.get_full_name() or user.username})
        seen.add(user.pk)
        if user.role in (Role.DIRECTOR, Role.EDITOR, Role.VIEWER) or user.centre_id:
            errors.append(
                _("%(name)s is a centre's user, not an agency expert.")
                % {"name": user.get_full_name() or user.username}
            )
        elif not (user.is_active and user.role in (Role.EXPERT, Role.ADMIN)):
            errors.append(_("%(name)s is not an agency expert.") % {"name": user.get_full_name() or user.username})
    if not inspectors:
        errors.append(_("Name at least one inspector."))
    return errors


def order_control(
    control,
    *,
    actor,
    order_number,
    ordered_on,
    inspectors,
    check_from,
    check_to,
    desk=True,
    on_site=False,
    on_site_from=None,
    on_site_to=None,
    period_from=None,
    period_to=None,
    objects_checked=(),
):
    """The chair's order: inspectors, the term of the check, the method and the period reviewed."""
    _require(is_agency(actor))
    errors = {}
    inspector_errors = _check_inspectors(list(inspectors))
    if inspector_errors:
        errors["inspectors"] = inspector_errors
    if not (order_number or "").strip():
        errors["order_number"] = _("Enter the order's number.")
    if ordered_on is None:
        errors["ordered_on"] = _("Enter the order's date.")
    if check_from is None or check_to is None:
        errors["check_to"] = _("Enter the term of the check (from – to).")
    elif check_to < check_from:
        errors["check_to"] = _("The check cannot end before it starts.")
    elif ordered_on and check_from < ordered_on:
        errors["check_from"] = _("The check cannot start before the order's date.")
    if not desk and not on_site:
        errors["desk"] = _("Choose at least one method: by documents or on site.")
    if on_site:
        if on_site_from is None or on_site_to is None:
            errors["on_site_to"] = _("Enter the dates of the visit on site.")
        elif on_site_to < on_site_from:
            errors["on_site_to"] = _("The visit on site cannot end before it starts.")
        elif check_from and check_to and not (check_from <= on_site_from and on_site_to <= check_to):
            errors["on_site_from"] = _("The visit on site must fall within the term of the check.")
    if period_from is None or period_to is None:
        errors["period_to"] = _("Enter the period of activity reviewed (from – to).")
    elif period_to < period_from:
        errors["period_to"] = _("The period reviewed cannot end before it starts.")
    cleaned_objects = []
    for obj in objects_checked:
        label = (obj.get("label") or "").strip()
        if label:
            cleaned_objects.append(
                {"kind": obj.get("kind") or "other", "ref": str(obj.get("ref") or ""), "label": label}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.PLANNED)
        fresh.order_number = order_number.strip()
        fresh.ordered_on = ordered_on
        fresh.check_from, fresh.check_to = check_from, check_to
        fresh.desk, fresh.on_site = bool(desk), bool(on_site)
        fresh.on_site_from = on_site_from if on_site else None
        fresh.on_site_to = on_site_to if on_site else None
        fresh.period_from, fresh.period_to = period_from, period_to
        fresh.objects_checked = cleaned_objects
        fresh.inspectors.set(inspectors)
        _move(
            fresh,
            State.ORDERED,
            actor=actor,
            action="order",
            changes={
                "order_number": fresh.order_number,
                "inspectors": [u.username for u in inspectors],
                "check": [_iso(check_from), _iso(check_to)],
            },
            fields=[
                "order_number",
                "ordered_on",
                "check_from",
                "check_to",
                "desk",
                "on_site",
                "on_site_from",
                "on_site_to",
                "period_from",
                "period_to",
                "objects_checked",
            ],
        )
        from control import notifications

        transaction.on_commit(lambda: notifications.on_ordered(fresh))
    _sync(control, fresh)
    return control


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


# ---------------------------------------------------------------- the checklist
def _text(value):
    return (value or "").replace("\r\n", "\n").strip()


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


# ---------------------------------------------------------------- findings
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


# ---------------------------------------------------------------- the protocol
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


# ---------------------------------------------------------------- the centre's side
def _store_files(fresh, uploads, *, actor, purpose, finding=None):
    from control.files import store

    for uploaded in uploads:
        store(fresh, uploaded, actor=actor, purpose=purpose, finding=finding)


def submit_objection(control, *, actor, text, files=(), on=None):
    from control.files import validate_uploads
    from control.models import FilePurpose

    _require(is_centre_editor(actor, control))
    on = on or timers.today()
    text = _text(text)
    errors = {}
    if not text:
        errors["text"] = _("Write the objection.")
    file_errors = validate_uploads(files)
    if file_errors:
        errors["files"] = file_errors
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.OBJECTION_WINDOW)
        due = timers.objection_due(fresh.protocol_delivered_on)
        if on > due:
            raise ValidationError(
                {"text": _("The objection window ended on %(day)s.") % {"day": due.strftime("%d.%m.%Y")}}
            )
        if Objection.objects.filter(control=fresh).exists():
            raise ValidationError({"text": _("An objection to this protocol has already been submitted.")})
        if errors:
            raise ValidationError(errors)
        objection = Objection.objects.create(control=fresh, text=text, submitted_by=actor, submitted_at=timezone.now())
        _store_files(fresh, files, actor=actor, purpose=FilePurpose.OBJECTION)
        record(
            actor=actor,
            action="control_objection",
            obj=fresh,
            centre=fresh.centre,
            changes={"files": len(files), "on": _iso(on)},
        )
    return objection


def open_remedy(control, *, actor, on=None):
    """After the objection window (or once the objection is in), the centre remedies the findings."""
    _require(is_inspector(actor, control))
    on = on or timers.today()
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.OBJECTION_WINDOW)
        if not fresh.findings.exists():
            raise TransitionNotAllowed(_("There are no findings to remedy: close the control instead."))
        window_open = on <= timers.objection_due(fresh.protocol_delivered_on)
        if window_open and not Objection.objects.filter(control=fresh).exists():
            raise TransitionNotAllowed(_("The objection window is still open."))
        _move(fresh, State.REMEDY, actor=actor, action="remedy")
    _sync(control, fresh)
    return control


def submit_fulfilment(control, *, actor, entries, files=None, on=None):
    """The centre's report on fulfilled recommendations: {finding id: {"done": bool, "text": str}}, once."""
    from control.files import validate_uploads
    from control.models import FilePurpose

    _require(is_centre_editor(actor, control))
    on = on or timers.today()
    files = files or {}
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.REMEDY)
        if FulfilmentReport.objects.filter(control=fresh).exists():
            raise ValidationError({"__all__": _("The report on fulfilled recommendations has already been submitted.")})
        if on > fresh.remedy_deadline:
            raise ValidationError(
                {
                    "__all__": _("The remedy deadline passed on %(day)s.")
                    % {"day": fresh.remedy_deadline.strftime("%d.%m.%Y")}
                }
            )
        findings = {f.pk: f for f in fresh.findings.all()}
        errors = {}
        for pk in findings:
            entry = entries.get(pk) or {}
            done = entry.get("done")
            if done is None:
                errors[f"finding-{pk}"] = _("Say whether recommendation %(n)s was fulfilled.") % {"n": pk}
            elif not _text(entry.get("text")):
                errors[f"finding-{pk}"] = _("Describe what was done for recommendation %(n)s.") % {"n": pk}
            file_errors = validate_uploads(files.get(pk, ()))
            if file_errors:
                errors[f"files-{pk}"] = file_errors
        unknown = set(entries) - set(findings)
        if unknown:
            errors["__all__"] = _("Unknown recommendation.")
        if errors:
            raise ValidationError(errors)
        for pk, finding in findings.items():
            finding.centre_done = bool(entries[pk]["done"])
            finding.centre_text = _text(entries[pk]["text"])
        Finding.objects.bulk_update(findings.values(), ["centre_done", "centre_text"])
        report = FulfilmentReport.objects.create(control=fresh, submitted_by=actor, submitted_at=timezone.now())
        for pk, uploads in files.items():
            _store_files(fresh, uploads, actor=actor, purpose=FilePurpose.FULFILMENT, finding=findings[pk])
        record(
            actor=actor,
            action="control_fulfilment",
            obj=fresh,
            centre=fresh.centre,
            changes={"done": sum(1 for f in findings.values() if f.centre_done), "of": len(findings)},
        )
    return report


# ---------------------------------------------------------------- the inspectors' decision
def mark_recommendation(finding, *, actor, fulfilled):
    control = finding.control
    _require(is_inspector(actor, control))
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.REMEDY)
        finding = Finding.objects.select_for_update().get(pk=finding.pk, control=fresh)
        report = FulfilmentReport.objects.filter(control=fresh).first()
        finding.fulfilled = bool(fulfilled)
        finding.fulfilled_on_time = bool(
            fulfilled and report and timezone.localtime(report.submitted_at, timers.SOFIA).date() <= finding.deadline
        )
        finding.save(update_fields=["fulfilled", "fulfilled_on_time"])
        record(
            actor=actor,
            action="control_mark",
            obj=fresh,
            centre=fresh.centre,
            changes={"finding": finding.pk, "fulfilled": finding.fulfilled},
        )
    return finding


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


# ---------------------------------------------------------------- which buttons to show
def allowed_actions(control, user, on=None):
    """The steps this user may take now: the case page shows a button for each and for nothing else."""
    on = on or timers.today()
    actions = []
    state = control.state
    agency = is_agency(user)
    inspector = agency and is_inspector(user, control)
    has_findings = control.findings.exists() if state in (State.OBJECTION_WINDOW, State.REMEDY) else False
    has_objection = Objection.objects.filter(control=control).exists() if state == State.OBJECTION_WINDOW else False
    window_open = (
        state == State.OBJECTION_WINDOW
        and control.protocol_delivered_on
        and on <= timers.objection_due(control.protocol_delivered_on)
    )
    if agency and state == State.PLANNED:
        actions.append("order")
    if inspector and state == State.ORDERED:
        actions.append("start")
    if inspector and state == State.INSPECTING:
        actions += ["checklist", "protocol"]
    if agency and state == State.PROTOCOL_ISSUED:
        actions.append("deliver")
    if inspector and state == State.OBJECTION_WINDOW:
        if has_findings and (not window_open or has_objection):
            actions.append("remedy")
        if not has_findings and (not window_open or has_objection):
            actions.append("close")
        if has_findings and control.findings.filter(klass="substantial").exists():
            actions.append("escalate")
    if inspector and state == State.REMEDY:
        findings = list(control.findings.all())
        actions.append("mark")
        if findings and all(f.fulfilled is True for f in findings):
            actions.append("close")
        if findings and all(f.fulfilled is not None for f in findings) and any(f.fulfilled is False for f in findings):
            actions.append("escalate")
    if agency and state in OPEN_STATES:
        actions.append("cancel")
    if is_centre_editor(user, control):
        if window_open and not has_objection:
            actions.append("object")
        if (
            state == State.REMEDY
            and on <= control.remedy_deadline
            and not FulfilmentReport.objects.filter(control=control).exists()
        ):
            actions.append("fulfil")
    return actions
