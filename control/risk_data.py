"""The facts the risk score reads, for every centre of a year, in a fixed number of grouped queries.

Nothing here scores: control.risk turns these facts into points with pure functions.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from centres.models import Centre


@dataclass(slots=True)
class ReportFacts:
    status: str
    submitted: bool
    zero_value: bool
    total: object  # Decimal or None (yes/no frameworks)
    max_total: object
    scored: bool
    first_submitted_at: object = None


@dataclass(slots=True)
class ControlFacts:
    ended_on: object  # date of the last control (check end, else order)
    open_recommendations: int = 0
    by_class: dict = field(default_factory=dict)  # FindingClass value -> count


@dataclass(slots=True)
class CentreFacts:
    centre_id: int
    licence_number: str
    name: str
    kind: str
    region: str
    licensed_on: object
    report: ReportFacts | None = None
    previous_report: ReportFacts | None = None
    disagreements: int = 0
    survey_answers: int = 0
    survey_invited: int = 0
    survey_personal: int = 0
    likert_total: int = 0
    likert_satisfied: int = 0
    graduates_followed_up: object = None
    graduates_placed: object = None
    last_control: ControlFacts | None = None
    # assessment.findings.CentreTotal of the year's independent assessment; None when not assessed.
    assessment: object = None


@dataclass(slots=True)
class YearFacts:
    year: int
    deadline: object  # first late instant (datetime)
    centres: list


def _report_facts(row, first_submitted_at):
    _centre, _year, status, submission_id, zero, total, max_total, scoring = row
    return ReportFacts(
        status=status,
        submitted=submission_id is not None,
        zero_value=bool(zero),
        total=total,
        max_total=max_total,
        scored=scoring == "points",
        first_submitted_at=first_submitted_at,
    )


def facts_for_year(year, centres=None):
    """Facts for each centre licensed on 31 December of `year` (or the given centre queryset)."""
    from activity.models import ActivityReport
    from assessment.findings import centre_totals, result_sessions
    from control.models import Control, Finding, State
    from reports.deadlines import deadline_for
    from reports.models import Answer, Report, Submission
    from surveys.models import Answer as SurveyAnswer
    from surveys.models import Channel, Invitation, Response

    queryset = centres if centres is not None else Centre.objects.licensed_on(dt.date(year, 12, 31))
    columns = ("id", "licence_number", "name", "kind", "region", "licensed_on")
    rows = list(queryset.order_by("licence_number").values(*columns))
    facts = {
        r["id"]: CentreFacts(
            centre_id=r["id"],
            licence_number=r["licence_number"],
            name=r["name"],
            kind=r["kind"],
            region=r["region"],
            licensed_on=r["licensed_on"],
        )
        for r in rows
    }
    limited = centres is not None
    # A subquery, not a list of ids: the database filters, and the statement stays small.
    chosen = queryset.values("pk") if limited else None

    def only(qs, field_name):
        return qs.filter(**{f"{field_name}__in": chosen}) if limited else qs

    # Timeliness is the first submission's (a correction after the deadline does not make it late).
    first = only(Submission.objects.filter(report__year=year, number=1), "report__centre_id")
    first_at = dict(first.values_list("report__centre_id", "submitted_at"))
    reports = only(Report.objects.filter(year__in=(year, year - 1)), "centre_id").values_list(
        "centre_id",
        "year",
        "status",
        "last_submission_id",
        "last_submission__zero_value",
        "last_submission__total",
        "framework__total_points",
        "framework__scoring",
    )
    for row in reports:
        centre = facts.get(row[0])
        if centre is None:
            continue
        if row[1] == year:
            centre.report = _report_facts(row, first_at.get(row[0]))
        else:
            centre.previous_report = _report_facts(row, None)

    answers = Answer.objects.filter(report__year=year, report__last_submission__isnull=False).exclude(
        disagreement_reason=""
    )
    for row in only(answers, "report__centre_id").values("report__centre_id").annotate(n=Count("id")):
        if row["report__centre_id"] in facts:
            facts[row["report__centre_id"]].disagreements = row["n"]

    responses = only(Response.objects.filter(campaign__year=year), "campaign__centre_id")
    for row in responses.values("campaign__centre_id").annotate(
        total=Count("id"), personal=Count("id", filter=Q(channel=Channel.PERSONAL))
    ):
        if row["campaign__centre_id"] in facts:
            centre = facts[row["campaign__centre_id"]]
            centre.survey_answers, centre.survey_personal = row["total"], row["personal"]
    invitations = only(Invitation.objects.filter(campaign__year=year), "campaign__centre_id")
    for row in invitations.values("campaign__centre_id").annotate(n=Count("id")):
        if row["campaign__centre_id"] in facts:
            facts[row["campaign__centre_id"]].survey_invited = row["n"]
    likert = only(
        SurveyAnswer.objects.filter(response__campaign__year=year, number__isnull=False),
        "response__campaign__centre_id",
    )
    for row in likert.values("response__campaign__centre_id").annotate(
        total=Count("id"), satisfied=Count("id", filter=Q(number__gte=4))
    ):
        if row["response__campaign__centre_id"] in facts:
            centre = facts[row["response__campaign__centre_id"]]
            centre.likert_total, centre.likert_satisfied = row["total"], row["satisfied"]

    activity = only(ActivityReport.objects.filter(year=year), "centre_id").values(
        "centre_id", "graduates_followed_up", "graduates_employed", "graduates_in_learning"
    )
    for row in activity:
        if row["centre_id"] in facts:
            centre = facts[row["centre_id"]]
            centre.graduates_followed_up = row["graduates_followed_up"]
            if row["graduates_employed"] is not None:
                centre.graduates_placed = row["graduates_employed"] + (row["graduates_in_learning"] or 0)

    # The last control that reached the centre (ordered or later, not cancelled), up to the end of the year.
    done = Control.objects.exclude(state__in=(State.PLANNED, State.CANCELLED)).filter(
        ordered_on__lte=dt.date(year, 12, 31)
    )
    last = {}
    for row in only(done, "centre_id").values("id", "centre_id", "ordered_on", "check_ended_on"):
        when = row["check_ended_on"] or row["ordered_on"]
        if row["centre_id"] in facts and (row["centre_id"] not in last or when > last[row["centre_id"]][1]):
            last[row["centre_id"]] = (row["id"], when)
    by_control = {control_id: ControlFacts(ended_on=when) for control_id, when in last.values()}
    findings = Finding.objects.filter(control_id__in=list(by_control)).values("control_id", "klass", "fulfilled")
    for row in findings:
        control = by_control[row["control_id"]]
        control.by_class[row["klass"]] = control.by_class.get(row["klass"], 0) + 1
        if row["fulfilled"] is not True:
            control.open_recommendations += 1
    for centre_id, (control_id, _when) in last.items():
        facts[centre_id].last_control = by_control[control_id]

    # Independent assessment of the year's sample: two grouped queries for every centre assessed.
    for centre_id, total in centre_totals(result_sessions(year), year).items():
        if centre_id in facts:
            facts[centre_id].assessment = total

    return YearFacts(year=year, deadline=deadline_for(year), centres=list(facts.values()))


def professional_fields(year, centre_ids=None):
    """{centre id: set of 3-digit professional field codes of its courses in the year}."""
    from activity.models import Course

    courses = Course.objects.filter(activity__year=year)
    if centre_ids is not None:
        courses = courses.filter(activity__centre_id__in=centre_ids)
    fields = {}
    for row in courses.values("activity__centre_id", "profession__code").distinct():
        fields.setdefault(row["activity__centre_id"], set()).add(row["profession__code"][:3])
    return fields
