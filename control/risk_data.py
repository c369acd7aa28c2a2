"""The facts the risk score reads, for every centre of a year, in a fixed number of queries.

Nothing here scores: control.risk turns these facts into points with pure functions.

Speed (bench/bench_control_risk.py ranks 1,000 centres): every query is a values_list() (no model
instances, no dicts) with the models' default orderings cleared (Report's and ActivityReport's by
centre name would join the centres and sort rows nobody needs sorted). The centre's own rows of the
year — its report with the last and first submissions and the disagreements, last year's submitted
total and the activity information — come with the centre in one statement of LEFT JOINs on unique
(centre, year) and (report, number) keys, which both planners estimate exactly. The statements of an
unfiltered year are built once per process (_year_statements) and cloned for each ranking: building
them is a third of the Python a ranking spends outside the scoring.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace

from django.db.models import Case, Count, F, FilteredRelation, Func, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from centres.models import Centre


@dataclass(slots=True)
class ReportFacts:
    status: str
    submitted: bool
    zero_value: bool
    total: object  # Decimal or None (yes/no frameworks)
    max_total: object
    scored: bool
    # Of the first submission (a correction after the deadline does not make a report late): the days
    # after the deadline, the deadline's own day counting as the first (days_after); 0 when on time;
    # None when the report was never submitted.
    days_late: int | None = None


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
    # The total of last year's submitted version; None when none was submitted or it has no total (yes/no).
    previous_total: object = None
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


# The columns of the centre statement, in order: the centre (CentreFacts' first six fields), its report of
# the year with the last and the first submission and the disagreements, last year's submitted total, and
# its activity information.
_CENTRE_COLUMNS = (
    "id",
    "licence_number",
    "name",
    "kind",
    "region",
    "licensed_on",
    "report__id",
    "report__status",
    "report__last_submission_id",
    "report__last_submission__zero_value",
    "report__last_submission__total",
    "report__framework_id",
    "first__id",
    "first_late_at",
    "disagreements",
    "previous__last_submission__total",
    "activity__graduates_followed_up",
    "activity__graduates_employed",
    "activity__graduates_in_learning",
)


def days_after(submitted_at, deadline):
    """0 when submitted before `deadline` (the first late instant), else the days since it, its day the first."""
    if submitted_at < deadline:
        return 0
    return (submitted_at - deadline).days + 1


def _centre_statement(queryset, year, deadline):
    from reports.models import Answer

    # Criteria kept at a level the centre's own data do not support, counted per submitted report in a
    # subquery on the report's answers (answer.report_id is indexed): PostgreSQL then reads the year's
    # ~20 answers per report, where a grouped join scanned every answer of every year (3× slower).
    disagreements = (
        Answer.objects.filter(report_id=OuterRef("report__id"))
        .exclude(disagreement_reason="")
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
        .values("n")
    )
    return (
        queryset.alias(
            report=FilteredRelation("reports", condition=Q(reports__year=year)),
            previous=FilteredRelation("reports", condition=Q(reports__year=year - 1)),
            activity=FilteredRelation("activity_reports", condition=Q(activity_reports__year=year)),
        )
        # Timeliness is the first submission's (a correction after the deadline does not make it late).
        .alias(first=FilteredRelation("report__submissions", condition=Q(report__submissions__number=1)))
        .annotate(
            # The first submission's time only when it was late: the database compares it with the
            # deadline, and the on-time majority costs no datetime built from text and made aware
            # (SQLite's dearest column to convert); days_after() turns the late ones into days.
            first_late_at=Case(When(first__submitted_at__gte=deadline, then=F("first__submitted_at"))),
            disagreements=Case(When(report__last_submission__isnull=False, then=Subquery(disagreements)), default=0),
        )
        .order_by("licence_number")
        .values_list(*_CENTRE_COLUMNS)
    )


def _statements(year, deadline, centres=None):
    """Every statement of the facts of a year (unevaluated querysets), for the given centre queryset or,
    without one, for every centre licensed on 31 December."""
    from assessment.findings import result_sessions
    from control.models import Control, State
    from frameworks.models import Framework
    from surveys.models import Answer as SurveyAnswer
    from surveys.models import Channel, Invitation, Response

    queryset = centres if centres is not None else Centre.objects.licensed_on(dt.date(year, 12, 31))
    # A subquery, not a list of ids: the database filters, and the statement stays small.
    chosen = queryset.values("pk") if centres is not None else None

    def only(qs, field_name):
        return (qs.filter(**{f"{field_name}__in": chosen}) if chosen is not None else qs).order_by()

    done = Control.objects.exclude(state__in=(State.PLANNED, State.CANCELLED)).filter(
        ordered_on__lte=dt.date(year, 12, 31)
    )
    return SimpleNamespace(
        # The frameworks' total points and scoring, once (a handful of rows), not joined to every report.
        frameworks=Framework.objects.order_by().values_list("id", "total_points", "scoring"),
        centres=_centre_statement(queryset, year, deadline),
        responses=only(Response.objects.filter(campaign__year=year), "campaign__centre_id")
        .values_list("campaign__centre_id")
        .annotate(total=Count("id"), personal=Count("id", filter=Q(channel=Channel.PERSONAL))),
        invitations=only(Invitation.objects.filter(campaign__year=year), "campaign__centre_id")
        .values_list("campaign__centre_id")
        .annotate(n=Count("id")),
        likert=only(
            SurveyAnswer.objects.filter(response__campaign__year=year, number__isnull=False),
            "response__campaign__centre_id",
        )
        .values_list("response__campaign__centre_id")
        .annotate(total=Count("id"), satisfied=Count("id", filter=Q(number__gte=4))),
        # The controls that reached a centre (ordered or later, not cancelled) up to the end of the year,
        # with their findings. Newest first (the model's own order, stated because it decides): of two
        # controls that ended on the same day, the one met first — the later selection year, then the
        # later created — is the last. `ended`: the end of the check, else the order.
        controls=only(done, "centre_id")
        .order_by("-year", "-created_at", "-id")
        .annotate(ended=Coalesce("check_ended_on", "ordered_on"))
        .values_list("id", "centre_id", "ended", "findings__klass", "findings__fulfilled"),
        sessions=result_sessions(year),
    )


# The statements of a year's unfiltered ranking (the page's default, the dashboard, planning, the command
# and the API all ask for it), built once per year and deadline. Never evaluated themselves (their result
# cache would be shared): facts_for_year reads clones (.all()).
_year_statements = lru_cache(maxsize=16)(_statements)


def facts_for_year(year, centres=None):
    """Facts for each centre licensed on 31 December of `year` (or the given centre queryset)."""
    from assessment.findings import centre_totals
    from frameworks.models import Scoring
    from reports.deadlines import deadline_for

    deadline = deadline_for(year)
    statements = _year_statements(year, deadline) if centres is None else _statements(year, deadline, centres)
    frameworks = {
        pk: (total_points, scoring == Scoring.POINTS) for pk, total_points, scoring in statements.frameworks.all()
    }
    facts = {}
    for row in statements.centres.all():
        centre = facts[row[0]] = CentreFacts(*row[:6])
        report_id, status, submission_id, zero, total, framework_id, first_id, late_at, n, previous = row[6:16]
        centre.disagreements = n
        if report_id is not None:
            days_late = None if first_id is None else 0 if late_at is None else days_after(late_at, deadline)
            max_total, scored = frameworks[framework_id]
            centre.report = ReportFacts(
                status, submission_id is not None, bool(zero), total, max_total, scored, days_late
            )
        centre.previous_total = previous
        followed_up, employed, in_learning = row[16:]
        centre.graduates_followed_up = followed_up
        if employed is not None:
            centre.graduates_placed = employed + (in_learning or 0)

    for centre_id, total, personal in statements.responses.all():
        if centre_id in facts:
            centre = facts[centre_id]
            centre.survey_answers, centre.survey_personal = total, personal
    for centre_id, n in statements.invitations.all():
        if centre_id in facts:
            facts[centre_id].survey_invited = n
    for centre_id, total, satisfied in statements.likert.all():
        if centre_id in facts:
            centre = facts[centre_id]
            centre.likert_total, centre.likert_satisfied = total, satisfied

    for centre_id, control in _last_controls(statements.controls.all()).items():
        if centre_id in facts:
            facts[centre_id].last_control = control

    # Independent assessment of the year's sample: two grouped queries for every centre assessed. Most
    # years have no finished session, and asking that first costs a fifth of building the grouped query.
    sessions = statements.sessions.all()
    if sessions.exists():
        for centre_id, total in centre_totals(sessions, year).items():
            if centre_id in facts:
                facts[centre_id].assessment = total

    return YearFacts(year=year, deadline=deadline, centres=list(facts.values()))


def _last_controls(rows):
    """{centre id: ControlFacts} of each centre's last control with its findings, from the controls
    statement's rows (newest first, one row per finding)."""
    last = {}  # centre id -> (control id, ended on)
    findings = {}  # control id -> [(class, fulfilled)]
    for control_id, centre_id, when, klass, fulfilled in rows:
        if centre_id not in last or when > last[centre_id][1]:
            last[centre_id] = (control_id, when)
        if klass is not None:
            findings.setdefault(control_id, []).append((klass, fulfilled))
    result = {}
    for centre_id, (control_id, when) in last.items():
        control = result[centre_id] = ControlFacts(ended_on=when)
        for klass, fulfilled in findings.get(control_id, ()):
            control.by_class[klass] = control.by_class.get(klass, 0) + 1
            if fulfilled is not True:
                control.open_recommendations += 1
    return result


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
