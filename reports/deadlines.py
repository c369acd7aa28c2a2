"""When a year's reports are due. Server time decides; the calendar is Europe/Sofia."""

import datetime as dt
from zoneinfo import ZoneInfo

SOFIA = ZoneInfo("Europe/Sofia")


def default_deadline(year):
    """The last instant that is on time is 31 January of year+1, 23:59:59.999… Sofia time.

    Returned as the first instant that is late (1 February 00:00 Sofia), so that the
    comparison is a strict `<` and no sub-second edge is lost.
    """
    return dt.datetime(year + 1, 2, 1, tzinfo=SOFIA)


def deadline_for(year):
    from reports.models import ReportingYear

    last_day = ReportingYear.objects.filter(year=year).values_list("deadline", flat=True).first()
    if last_day is None:
        return default_deadline(year)
    return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=SOFIA)


def is_on_time(submitted_at, year, deadline=None):
    return submitted_at < (deadline or deadline_for(year))


def last_on_time_day(year):
    """The date shown to people as the deadline (31 January for the default)."""
    return (deadline_for(year).astimezone(SOFIA) - dt.timedelta(microseconds=1)).date()
