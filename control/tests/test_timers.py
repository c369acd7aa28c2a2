"""The legal periods in Sofia dates, with Bulgarian public holidays and weekends."""

import datetime as dt
from types import SimpleNamespace

from control import timers
from control.models import State


def test_working_days_skip_a_weekend_and_a_public_holiday():
    # Friday 27 Feb 2026; Mon 2 Mar works, Tue 3 Mar (Liberation Day) does not.
    friday = dt.date(2026, 2, 27)
    assert not timers.is_working_day(dt.date(2026, 3, 3))
    assert timers.add_working_days(friday, 1) == dt.date(2026, 3, 2)
    assert timers.add_working_days(friday, 2) == dt.date(2026, 3, 4)
    assert timers.report_due(friday) == dt.date(2026, 3, 9)


def test_inspectors_report_across_easter():
    # Orthodox Easter 2026: Good Friday 10 April to Easter Monday 13 April are days off.
    thursday = dt.date(2026, 4, 9)
    assert timers.report_due(thursday) == dt.date(2026, 4, 20)


def test_seven_day_period_ending_on_a_day_off_moves_to_the_next_working_day():
    # 24 Feb + 7 = 3 March, Liberation Day: the period ends on Wednesday 4 March.
    assert timers.protocol_due(dt.date(2026, 2, 24)) == dt.date(2026, 3, 4)
    # Ending on a Saturday: moved to Monday.
    assert timers.objection_due(dt.date(2026, 2, 21)) == dt.date(2026, 3, 2)
    # Ending on a working day: exactly 7 days.
    assert timers.objection_due(dt.date(2026, 2, 2)) == dt.date(2026, 2, 9)


def test_remedy_bounds_are_one_to_three_months():
    assert timers.remedy_bounds(dt.date(2026, 1, 31)) == (dt.date(2026, 2, 28), dt.date(2026, 4, 30))


def _control(**fields):
    base = {"state": State.INSPECTING, "check_to": None, "check_ended_on": None, "protocol_delivered_on": None}
    base.update(fields)
    return SimpleNamespace(**base)


def test_next_deadline_and_days_left():
    inspecting = _control(check_to=dt.date(2026, 2, 2))
    deadline = timers.next_deadline(inspecting, dt.date(2026, 2, 5))
    assert deadline.step == "protocol" and deadline.due == dt.date(2026, 2, 9) and deadline.days_left == 4
    late = timers.next_deadline(inspecting, dt.date(2026, 2, 12))
    assert late.overdue and late.days_left == -3


def test_objection_window_then_report_when_no_findings():
    window = _control(state=State.OBJECTION_WINDOW, protocol_delivered_on=dt.date(2026, 2, 2), finding_count=0)
    assert timers.next_deadline(window, dt.date(2026, 2, 4)).step == "objection"
    after = timers.next_deadline(window, dt.date(2026, 2, 12))
    assert after.step == "report" and after.due == dt.date(2026, 2, 16)


def test_objection_window_passed_with_findings_is_overdue():
    window = _control(state=State.OBJECTION_WINDOW, protocol_delivered_on=dt.date(2026, 2, 2), finding_count=1)
    deadline = timers.next_deadline(window, dt.date(2026, 2, 12))
    assert deadline.step == "objection" and deadline.overdue


def test_remedy_then_report():
    remedy = _control(state=State.REMEDY, remedy_deadline=dt.date(2026, 4, 9))
    assert timers.next_deadline(remedy, dt.date(2026, 4, 1)).step == "remedy"
    after = timers.next_deadline(remedy, dt.date(2026, 4, 10))
    assert after.step == "report" and after.due == dt.date(2026, 4, 20)
