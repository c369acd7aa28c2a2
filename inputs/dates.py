"""Dates and times from files and forms, bounded to what the system can hold and show.

A year outside 1…9999 cannot be written by Python's date type: a `9999-12-31T23:59:59-12:00`
stored in UTC is year 10000, after which every page showing it fails. Submission times lie between
2000 and a year from today; other dates (licences, courses) between 1990 and 2100.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from inputs.errors import InputRefused

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)
EARLIEST_SUBMISSION = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
MAX_DATE_TEXT = 40


def latest_submission():
    return timezone.now() + dt.timedelta(days=366)


def check_date(value, *, earliest=EARLIEST, latest=LATEST):
    if value < earliest or value > latest:
        raise InputRefused(
            _("The date must lie between %(earliest)s and %(latest)s.")
            % {"earliest": earliest.strftime("%d.%m.%Y"), "latest": latest.strftime("%d.%m.%Y")}
        )
    return value


def parse_iso_date(text, **bounds):
    text = str(text).strip()
    if len(text) != 10:  # fromisoformat would also take 20240101 and week dates
        raise InputRefused(_("Not a date in the form YYYY-MM-DD."))
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise InputRefused(_("Not a date in the form YYYY-MM-DD.")) from None
    return check_date(value, **bounds)


def check_submission_time(value):
    """An aware datetime between 2000 and a year from now (InputRefused otherwise)."""
    if value.tzinfo is None:
        raise InputRefused(_("The time has no time zone."))
    try:
        utc = value.astimezone(dt.UTC)
    except OverflowError:
        raise InputRefused(_("The date is out of range.")) from None
    if utc < EARLIEST_SUBMISSION or utc > latest_submission():
        raise InputRefused(_("A submission time must lie between 2000 and a year from today."))
    return value


def parse_submission_time(text, default_tz):
    """ISO 8601; a time without an offset is in `default_tz`; a bare date means its first instant."""
    text = str(text).strip()
    if len(text) > MAX_DATE_TEXT:
        raise InputRefused(_("Not a date and time in ISO 8601 form (e.g. 2025-01-31T14:30)."))
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputRefused(_("Not a date and time in ISO 8601 form (e.g. 2025-01-31T14:30).")) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return check_submission_time(value)
