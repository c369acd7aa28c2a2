"""Planning controls from the risk ranking and the chair's order that starts the case.

plan_controls creates a planned control per ticked centre, recording the risk model, score and
rank that led to it; order_control names the inspectors, the term and method of the check and
the period reviewed, moving the control to "ordered".
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from audit.services import record
from control.models import Checklist, Control, ControlKind, ControlType, State
from control.services.common import _guard, _iso, _locked, _move, _require, _sync, is_agency


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
