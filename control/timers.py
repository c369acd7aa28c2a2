"""The legal periods of a control, in Europe/Sofia dates, with Bulgarian public holidays from `holidays`.

- protocol: within 7 days after the check ends;
- objection: within 7 days after the protocol is delivered;
- remedy: a deadline 1 to 3 months after the protocol;
- inspectors' report: within 5 working days after the objection window (no findings) or the remedy deadline.

A period counted in days that ends on a Saturday, Sunday or public holiday ends on the next
working day (the general rule for procedural periods, чл. 60, ал. 6 ГПК).
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.deadlines import SOFIA

PROTOCOL_DAYS = 7
OBJECTION_DAYS = 7
REPORT_WORKING_DAYS = 5
REMEDY_MONTHS = (1, 2, 3)


def today():
    return timezone.localtime(timezone.now(), SOFIA).date()


@lru_cache(maxsize=32)
def _public_holidays(year):
    return frozenset(holidays.country_holidays("BG", years=year))


def is_working_day(day):
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day):
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_days(day, days):
    """`days` calendar days after `day`; moved to the next working day when it ends on a day off."""
    return next_working_day(day + dt.timedelta(days=days))


def add_working_days(day, days):
    """The `days`-th working day after `day`."""
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def add_months(day, months):
    return day + relativedelta(months=months)


def protocol_due(check_ended_on):
    return add_days(check_ended_on, PROTOCOL_DAYS)


def objection_due(delivered_on):
    return add_days(delivered_on, OBJECTION_DAYS)


def remedy_bounds(protocol_on):
    """(earliest, latest) remedy deadline: 1 to 3 months after the protocol."""
    return add_months(protocol_on, REMEDY_MONTHS[0]), add_months(protocol_on, REMEDY_MONTHS[-1])


def report_due(after):
    return add_working_days(after, REPORT_WORKING_DAYS)


@dataclass(frozen=True)
class Deadline:
    step: str
    label: str
    due: dt.date
    days_left: int

    @property
    def overdue(self):
        return self.days_left < 0

    @property
    def days_overdue(self):
        return max(0, -self.days_left)


STEP_LABELS = {
    "check": _("End of the check"),
    "protocol": _("Protocol"),
    "delivery": _("Delivery of the protocol"),
    "objection": _("Objection window"),
    "remedy": _("Remedy deadline"),
    "report": _("Inspectors' report"),
}


def _deadline(step, due, on):
    return Deadline(step=step, label=str(STEP_LABELS[step]), due=due, days_left=(due - on).days)


def next_deadline(control, on=None):
    """The next deadline of an open control and the days left (negative: overdue); None when nothing is timed."""
    from control.models import State

    on = on or today()
    state = control.state
    if state == State.ORDERED and control.check_to:
        return _deadline("check", control.check_to, on)
    if state == State.INSPECTING:
        ended = control.check_ended_on or control.check_to
        return _deadline("protocol", protocol_due(ended), on) if ended else None
    if state == State.OBJECTION_WINDOW and control.protocol_delivered_on:
        window_end = objection_due(control.protocol_delivered_on)
        if on <= window_end:
            return _deadline("objection", window_end, on)
        if not _has_findings(control):
            return _deadline("report", report_due(window_end), on)
        # The window has passed with findings: the next step (opening the remedy period) is overdue.
        return _deadline("objection", window_end, on)
    if state == State.REMEDY and control.remedy_deadline:
        if on <= control.remedy_deadline:
            return _deadline("remedy", control.remedy_deadline, on)
        return _deadline("report", report_due(control.remedy_deadline), on)
    return None


def _has_findings(control):
    cached = getattr(control, "finding_count", None)
    if cached is not None:
        return cached > 0
    return control.findings.exists()
