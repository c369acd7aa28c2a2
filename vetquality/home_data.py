"""What each role's home page shows: this reporting year's tasks and where things stand."""

import datetime as dt

from django.db.models import Count, Q

from centres.models import Centre, CentreKind
from reports.deadlines import deadline_for, last_on_time_day, reporting_year
from reports.models import Report, Status


def for_centre(centre, today):
    year = reporting_year(today)
    deadline_day = last_on_time_day(year)
    report = Report.objects.filter(centre=centre, year=year).select_related("last_submission").first()
    return {
        "centre": centre,
        "year": year,
        "report": report,
        "deadline_day": deadline_day,
        "days_left": (deadline_day - today).days,
        "recent_reports": Report.objects.filter(centre=centre).order_by("-year")[:5],
    }


def for_agency(today):
    year = reporting_year(today)
    deadline = deadline_for(year)
    day_end = last_on_time_day(year)
    licensed = Centre.objects.licensed_on(dt.date(year, 12, 31))
    per_kind = {row["kind"]: row["n"] for row in licensed.values("kind").annotate(n=Count("id"))}
    counts = Report.objects.for_year(year).aggregate(
        submitted=Count("id", filter=Q(last_submission__isnull=False)),
        on_time=Count("id", filter=Q(last_submission__on_time=True)),
        awaiting_review=Count("id", filter=Q(status=Status.SUBMITTED)),
        returned=Count("id", filter=Q(status=Status.RETURNED)),
        approved=Count("id", filter=Q(status=Status.APPROVED)),
    )
    backlog = Report.objects.filter(status=Status.SUBMITTED).values("year").annotate(n=Count("id")).order_by("-year")
    return {
        "year": year,
        "backlog": list(backlog),
        "deadline": deadline,
        "deadline_day": day_end,
        "days_left": (day_end - today).days,
        "licensed_cpo": per_kind.get(CentreKind.CPO, 0),
        "licensed_cipo": per_kind.get(CentreKind.CIPO, 0),
        **counts,
    }
