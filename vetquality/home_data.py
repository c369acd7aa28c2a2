"""What each role's home page shows: everything waiting for the user, and where this reporting year stands."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from activity.models import ActivityReport
from centres.models import Centre, CentreKind
from control.home import control_home
from reports.deadlines import deadline_for, last_on_time_day, reporting_year
from reports.models import Report, Status


@dataclass
class Task:
    kind: str  # "returned", "draft", "open", "activity"
    title: str
    url: str
    comment: str = ""  # the expert's comment on a returned report
    year: int = 0


def centre_tasks(centre, user, year):
    """Everything waiting for the centre: returned reports first (with the expert's comment), then drafts,
    then this year's report if not opened, then missing activity information of the years still open."""
    reports = list(Report.objects.filter(centre=centre).order_by("-year"))
    editor = user.can_edit_reports
    tasks = []
    for report in reports:
        if report.status == Status.RETURNED:
            tasks.append(
                Task(
                    "returned",
                    _("Correct and resubmit the report for %(year)s: the agency returned it.") % {"year": report.year},
                    reverse("reports:form", args=[report.pk]),
                    report.return_comment,
                    report.year,
                )
            )
    for report in reports:
        if report.status == Status.DRAFT:
            tasks.append(
                Task(
                    "draft",
                    _("Fill in and submit the self-assessment report for %(year)s.") % {"year": report.year},
                    reverse("reports:form", args=[report.pk]),
                    year=report.year,
                )
            )
    if not any(r.year == year for r in reports) and editor:
        tasks.append(
            Task(
                "open",
                _("Fill in and submit the self-assessment report for %(year)s.") % {"year": year},
                reverse("reports:list"),
                year=year,
            )
        )
    open_years = {t.year for t in tasks}
    entered = set(ActivityReport.objects.filter(centre=centre, year__in=open_years).values_list("year", flat=True))
    for open_year in sorted(open_years - entered, reverse=True):
        tasks.append(
            Task(
                "activity",
                _("Enter the activity information for %(year)s (needed to submit the report).") % {"year": open_year},
                reverse("activity:edit", args=[centre.pk, open_year]),
                year=open_year,
            )
        )
    return tasks


def for_centre(centre, today, user=None):
    year = reporting_year(today)
    deadline_day = last_on_time_day(year, centre)
    report = Report.objects.filter(centre=centre, year=year).select_related("last_submission").first()
    return {
        "centre": centre,
        "year": year,
        "report": report,
        "tasks": centre_tasks(centre, user, year) if user is not None else [],
        "deadline_day": deadline_day,
        "days_left": (deadline_day - today).days,
        "recent_reports": Report.objects.filter(centre=centre).order_by("-year")[:5],
    }


def for_agency(today, user=None):
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
    assigned = 0
    if user is not None and user.is_authenticated:
        assigned = Report.objects.filter(status=Status.SUBMITTED, assigned_to=user).count()
    return {
        # The inspector's open controls and overdue steps (control app); none for a user who inspects nothing.
        "control": control_home(user) if user is not None and user.is_authenticated else None,
        "year": year,
        "backlog": list(backlog),
        "assigned_to_me": assigned,
        "deadline": deadline,
        "deadline_day": day_end,
        "days_left": (day_end - today).days,
        "licensed_cpo": per_kind.get(CentreKind.CPO, 0),
        "licensed_cipo": per_kind.get(CentreKind.CIPO, 0),
        **counts,
    }
