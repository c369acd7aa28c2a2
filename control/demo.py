"""Demo controls in every state, walked through the real services, dated around today.

The risk model and both checklists are the bundled data (loaded after migrate). The first
demo CPO (the `director` login) has only a closed control, so that the expert can rank,
plan and take a new control of it through the browser; `director2` has one in its objection
window and `director3` one in its remedy period; the CIPO (`cipo`) is being inspected.
"""

import datetime as dt

from accounts.models import User
from control import risk, services, timers
from control.models import Answer, ControlKind, ControlType, State

FINDINGS = [
    ("irregularity", "Правилникът не е актуализиран след последните промени в ЗПОО.", "Актуализирайте правилника."),
    ("irregularity", "Дневникът на курса не е попълнен за две седмици.", "Попълнете дневника и въведете контрол."),
    (
        "violation",
        "Обучаващият по практика не отговаря на изискванията на чл. 49б.",
        "Осигурете квалифициран обучаващ.",
    ),
    ("substantial", "Издадени са свидетелства без проведен изпит.", "Анулирайте документите и уведомете НАПОО."),
]


def _order(control, actor, inspectors, start):
    today = timers.today()
    services.order_control(
        control,
        actor=actor,
        order_number=f"РД-09-{100 + control.pk}",
        ordered_on=min(start - dt.timedelta(days=7), today),
        inspectors=inspectors,
        check_from=start,
        check_to=start + dt.timedelta(days=10),
        desk=True,
        on_site=True,
        on_site_from=start + dt.timedelta(days=2),
        on_site_to=start + dt.timedelta(days=3),
        period_from=dt.date(control.year - 1, 1, 1),
        period_to=dt.date(control.year, 12, 31),
        objects_checked=[{"kind": "other", "ref": "", "label": "Обучаващи по професия „Готвач“ (по документи)"}],
    )


def _inspect(control, actor, findings, rng, complete=True):
    control.refresh_from_db()
    items = list(control.checklist.items.order_by("order"))
    failing = rng.sample(items, len(findings)) if findings else []
    answers = {}
    for item in items if complete else items[: len(items) // 3]:
        answers[item.code] = {"answer": Answer.YES, "comment": "", "data_missing": False}
    for item in failing:
        answers[item.code] = {
            "answer": Answer.NO,
            "comment": "Установено при проверката на място.",
            "data_missing": False,
        }
    services.save_checklist(control, actor=actor, lock_version=control.lock_version, answers=answers)
    deadline = timers.today() + dt.timedelta(days=14)
    for item, (klass, text, recommendation) in zip(failing, findings, strict=True):
        services.add_finding(
            control,
            actor=actor,
            item_code=item.code,
            klass=klass,
            text=text,
            recommendation=recommendation,
            deadline=deadline,
        )


def _protocol(control, actor, start):
    protocol_on = start + dt.timedelta(days=13)
    services.issue_protocol(
        control,
        actor=actor,
        check_ended_on=start + dt.timedelta(days=10),
        protocol_on=protocol_on,
        protocol_number=f"КП-{200 + control.pk}",
        remedy_deadline=timers.add_months(protocol_on, 2) if control.findings.exists() else None,
    )


def walk(control, to_state, *, actor, inspectors, start, findings, rng):
    """Take a planned control as far as `to_state` (CANCELLED and ESCALATED end the walk their own way)."""
    steps = [State.ORDERED, State.INSPECTING, State.PROTOCOL_ISSUED, State.OBJECTION_WINDOW, State.REMEDY]
    target = {State.CLOSED: State.REMEDY, State.ESCALATED: State.OBJECTION_WINDOW}.get(to_state, to_state)
    if to_state == State.CLOSED and not findings:
        target = State.OBJECTION_WINDOW  # nothing to remedy: closed after the objection window
    if target in steps:
        for state in steps[: steps.index(target) + 1]:
            if state == State.ORDERED:
                _order(control, actor, inspectors, start)
            elif state == State.INSPECTING:
                services.start_inspection(control, actor=actor)
                _inspect(control, actor, findings, rng, complete=to_state != State.INSPECTING)
            elif state == State.PROTOCOL_ISSUED:
                _protocol(control, actor, start)
            elif state == State.OBJECTION_WINDOW:
                services.record_delivery(control, actor=actor, delivered_on=start + dt.timedelta(days=14))
            elif state == State.REMEDY:
                services.open_remedy(control, actor=actor)
    if to_state == State.CLOSED:
        if findings:
            director = control.centre.users.filter(role="director").first()
            done = "Препоръката е изпълнена; прилагаме доказателства."
            entries = {f.pk: {"done": True, "text": done} for f in control.findings.all()}
            services.submit_fulfilment(control, actor=director, entries=entries)
            for finding in control.findings.all():
                services.mark_recommendation(finding, actor=actor, fulfilled=True)
        services.close_control(
            control,
            actor=actor,
            report_text="Нередовностите са отстранени в срок.",
            good_practices="Центърът поддържа актуален регистър на обучаващите.",
        )
    elif to_state == State.ESCALATED:
        services.escalate_control(
            control,
            actor=actor,
            conclusion="commission",
            report_text="Установено е съществено нарушение, което не може да бъде отстранено.",
        )
    elif to_state == State.CANCELLED:
        services.cancel_control(control, actor=actor, reason="Центърът е подал заявление за заличаване.")
    control.refresh_from_db()
    return control


def seed(ctx):
    today = timers.today()
    year = ctx.years[-1] if ctx.years else today.year - 1
    expert = User.objects.get(username="expert")
    admin = User.objects.get(username="admin")
    inspectors = [expert, admin]
    demo = ctx.data.get("demo_centres", [])
    _model, ranking = risk.ranking_for_year(year)
    demo_ids = {c.pk for c in demo}
    from centres.models import Centre

    top = [r.centre_id for r in ranking if r.centre_id not in demo_ids][:8]
    by_pk = Centre.objects.in_bulk(top + list(demo_ids))
    rng = ctx.rng
    # (centre, state, start of the check as days from today, findings)
    plan = []
    if len(demo) >= 4:
        plan += [
            (demo[0], State.CLOSED, -35, FINDINGS[:1]),
            (demo[1], State.OBJECTION_WINDOW, -16, FINDINGS[:2]),
            (demo[2], State.REMEDY, -30, FINDINGS[1:3]),
            (demo[3], State.INSPECTING, -4, []),
        ]
    states = [
        (State.PLANNED, 0, []),
        (State.PLANNED, 0, []),
        (State.ORDERED, 6, []),
        (State.PROTOCOL_ISSUED, -15, FINDINGS[:1]),
        (State.OBJECTION_WINDOW, -40, FINDINGS[:2]),  # the window has passed: overdue
        (State.ESCALATED, -40, FINDINGS[2:4]),
        (State.CANCELLED, 0, []),
        (State.CLOSED, -38, []),
    ]
    plan += [(by_pk[pk], state, days, findings) for pk, (state, days, findings) in zip(top, states, strict=False)]
    for centre, state, days, findings in plan:
        kind = ControlKind.CURRENT if state == State.ESCALATED else ControlKind.PERIODIC
        kind_type = ControlType.THEMATIC if state == State.INSPECTING else ControlType.COMPLEX
        control = services.plan_controls(year, [by_pk.get(centre.pk, centre)], actor=expert, kind=kind, type=kind_type)[
            0
        ]
        if state != State.PLANNED:
            walk(
                control,
                state,
                actor=expert,
                inspectors=inspectors,
                start=today + dt.timedelta(days=days),
                findings=findings,
                rng=rng,
            )
    ctx.progress("controls", len(plan), len(plan))
