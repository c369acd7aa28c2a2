"""When a year's reports are due and which year is being reported on. The calendar is Europe/Sofia.

A year's deadline is 31 January of the next year unless the agency set another day
(ReportingYear.deadline); one centre may be given a later day (DeadlineExtension), and the
on-time rule then judges that centre's submission against its own day.
"""

import datetime as dt
from zoneinfo import ZoneInfo

SOFIA = ZoneInfo("Europe/Sofia")
# Until this long after a year's deadline the task is still that year's report (late filers).
LATE_FILING_GRACE = dt.timedelta(days=28)


def default_deadline(year):
    """The last instant that is on time is 31 January of year+1, 23:59:59.999… Sofia time.

    Returned as the first instant that is late (1 February 00:00 Sofia), so that the
    comparison is a strict `<` and no sub-second edge is lost.
    """
    return dt.datetime(year + 1, 2, 1, tzinfo=SOFIA)


def _first_late_instant(last_day):
    return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=SOFIA)


def deadline_for(year, centre=None):
    """The first late instant for `year`; with a centre, its own extension (if any) counts."""
    if centre is None:
        return _year_deadline(year)
    return deadlines_for(year, [centre])[centre.pk]


def deadlines_for(year, centres):
    """{centre id: the first late instant for `year`} for many centres at once (imports, the seed).

    The one on-time rule of every entry point: a centre's extension if it has one, else the
    year's deadline. Two queries whatever the number of centres.
    """
    from reports.models import DeadlineExtension

    ids = {getattr(c, "pk", c) for c in centres}
    # A year has few extensions: reading them all avoids an IN list of every centre of an import.
    extended = dict(DeadlineExtension.objects.filter(year=year).values_list("centre_id", "last_day"))
    year_deadline = _year_deadline(year)
    return {pk: _first_late_instant(extended[pk]) if pk in extended else year_deadline for pk in ids}


def _year_deadline(year):
    from reports.models import ReportingYear

    last_day = ReportingYear.objects.filter(year=year).values_list("deadline", flat=True).first()
    if last_day is None:
        return default_deadline(year)
    return _first_late_instant(last_day)


def is_on_time(submitted_at, year, deadline=None, centre=None):
    return submitted_at < (deadline or deadline_for(year, centre))


def last_on_time_day(year, centre=None):
    """The date shown to people as the deadline (31 January for the default)."""
    return (deadline_for(year, centre).astimezone(SOFIA) - dt.timedelta(microseconds=1)).date()


def reporting_year(today):
    """The year whose report is the task now (the current cycle).

    Reports for year Y are due by 31 January of Y+1. Until a few weeks after that
    deadline the task is still last year's report (late filers); after that it is the
    report for the year under way.
    """
    previous = today.year - 1
    if today <= last_on_time_day(previous) + LATE_FILING_GRACE:
        return previous
    return today.year
