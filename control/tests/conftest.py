"""Controls walked through the real services up to any state."""

import datetime as dt

import pytest

from accounts.models import Role
from conftest import make_user
from control import services, timers
from control.models import Answer, ControlKind, ControlType, State


def base_day():
    """Forty days ago: the check ran then, so every step of a walked control lies in the past."""
    return timers.today() - dt.timedelta(days=40)


def order_kwargs(inspectors, start=None):
    start = start or base_day()
    return {
        "order_number": "РД-01-123",
        "ordered_on": start - dt.timedelta(days=7),
        "inspectors": inspectors,
        "check_from": start,
        "check_to": start + dt.timedelta(days=10),
        "desk": True,
        "on_site": True,
        "on_site_from": start + dt.timedelta(days=2),
        "on_site_to": start + dt.timedelta(days=3),
        "period_from": dt.date(2024, 1, 1),
        "period_to": dt.date(2025, 12, 31),
        "objects_checked": [{"kind": "other", "ref": "", "label": "Курс по професия „Готвач“"}],
    }


def answer_all(control, actor, answer=Answer.YES, overrides=None):
    control.refresh_from_db()
    answers = {
        a.item.code: {"answer": answer, "comment": "", "data_missing": False}
        for a in control.answers.select_related("item")
    }
    answers.update(overrides or {})
    return services.save_checklist(control, actor=actor, lock_version=control.lock_version, answers=answers)


def walk(control, actor, to_state, *, findings=True):
    """Take a planned control through the services to `to_state` (findings: one НЕ item with a finding)."""
    order = [
        State.ORDERED,
        State.INSPECTING,
        State.PROTOCOL_ISSUED,
        State.OBJECTION_WINDOW,
        State.REMEDY,
        State.CLOSED,
    ]
    for state in order[: order.index(to_state) + 1] if to_state in order else []:
        if state == State.ORDERED:
            services.order_control(control, actor=actor, **order_kwargs([actor]))
        elif state == State.INSPECTING:
            services.start_inspection(control, actor=actor)
        elif state == State.PROTOCOL_ISSUED:
            first = control.checklist.items.order_by("order").first().code
            overrides = {
                first: {"answer": Answer.NO, "comment": "Правилникът не е актуализиран.", "data_missing": False}
            }
            answer_all(control, actor, overrides=overrides if findings else None)
            if findings:
                services.add_finding(
                    control,
                    actor=actor,
                    item_code=first,
                    klass="irregularity",
                    text="Правилникът не е актуализиран след промяната на ЗПОО.",
                    recommendation="Актуализирайте правилника.",
                    deadline=timers.today() + dt.timedelta(days=10),
                )
            protocol_on = base_day() + dt.timedelta(days=14)
            services.issue_protocol(
                control,
                actor=actor,
                check_ended_on=base_day() + dt.timedelta(days=10),
                protocol_on=protocol_on,
                protocol_number="П-17",
                remedy_deadline=timers.add_months(protocol_on, 2) if findings else None,
            )
        elif state == State.OBJECTION_WINDOW:
            services.record_delivery(control, actor=actor, delivered_on=base_day() + dt.timedelta(days=15))
        elif state == State.REMEDY:
            services.open_remedy(control, actor=actor)
        elif state == State.CLOSED:
            pass
    control.refresh_from_db()
    return control


@pytest.fixture
def erin2(db):
    return make_user("erin2", Role.EXPERT)


@pytest.fixture
def planned(centre_a, erin):
    return services.plan_controls(2024, [centre_a], actor=erin, kind=ControlKind.PERIODIC, type=ControlType.COMPLEX)[0]
