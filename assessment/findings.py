"""What the agency learns from independent assessment, as query functions (aggregation in SQL).

A graduate passes the independent assessment when every agreed result (each unit, theory and practice)
is on an achieved level. The centre's own result for the same cohort is its state-examination pass rate
for the courses of that profession that ended in the sample's year (activity information); the gap is
the centre's own rate minus the independent one, in percentage points — large and positive means the
centre's own exams pass people an outside assessor would not.

Nothing here returns a graduate's name or e-mail: results are counted, or shown by pseudonym.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Exists, F, Max, OuterRef, Q, Sum
from django.db.models.functions import Substr

from activity.models import Course
from assessment.models import (
    Mark,
    OutcomeUnit,
    Participant,
    ParticipantStatus,
    ProfessionalField,
    Session,
    SessionState,
)

ONE_PLACE = Decimal("0.1")
TWO_PLACES = Decimal("0.01")


def rate(part, whole):
    """part ÷ whole in percent, one decimal place; None without a whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def mean(value):
    return None if value is None else Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _result_states(published_only):
    return [SessionState.PUBLISHED] if published_only else [SessionState.FINISHED, SessionState.PUBLISHED]


def result_sessions(year, *, published_only=False):
    """The finished (or published) sessions of the samples of `year`."""
    return Session.objects.filter(sample__year=year, state__in=_result_states(published_only))


def _failed_mark():
    return Mark.objects.filter(participant=OuterRef("pk"), assessor__isnull=True, passed=False)


def _assessed(sessions, centre=None):
    participants = Participant.objects.filter(session__in=sessions, status=ParticipantStatus.ACCEPTED)
    return participants.filter(member__centre=centre) if centre is not None else participants


class _Rates:
    """The independent and the centre's own pass rates and the gap, for rows with these four counts."""

    @property
    def pass_rate(self):
        return rate(self.passed, self.assessed)

    @property
    def own_rate(self):
        return rate(self.own_passed, self.own_admitted)

    @property
    def gap(self):
        """The centre's own pass rate minus the independent one, in percentage points."""
        if self.pass_rate is None or self.own_rate is None:
            return None
        return self.own_rate - self.pass_rate


@dataclass
class CentreResult(_Rates):
    centre_id: int
    centre: str
    profession_id: int
    profession: str
    assessed: int
    passed: int
    own_admitted: int = 0
    own_passed: int = 0


def _own_exams(year, group, centre=None):
    """{group key: (admitted, passed)} of the state examinations of courses that ended in `year`."""
    courses = Course.objects.filter(end_date__year=year)
    if centre is not None:
        courses = courses.filter(activity__centre=centre)
    rows = courses.values(*group).annotate(admitted=Sum("exam_admitted"), passed=Sum("exam_passed")).order_by()
    return {tuple(row[g] for g in group): (row["admitted"] or 0, row["passed"] or 0) for row in rows}


def centre_results(sessions, year, centre=None):
    """Per centre and profession: graduates assessed, passed, and the centre's own exam results."""
    rows = list(
        _assessed(sessions, centre)
        .values(
            centre_id=F("member__centre_id"),
            centre_name=F("member__centre__name"),
            profession_id=F("member__profession_id"),
            profession_code=F("member__profession__code"),
            profession_name=F("member__profession__name"),
        )
        .annotate(assessed=Count("pk"), passed=Count("pk", filter=~Exists(_failed_mark())))
        .order_by("centre_name", "profession_code")
    )
    if not rows:
        return []  # nobody assessed (most years of a ranking): no need to read the courses
    own = _own_exams(year, ("activity__centre_id", "profession_id"), centre)
    results = []
    for row in rows:
        admitted, passed = own.get((row["centre_id"], row["profession_id"]), (0, 0))
        results.append(
            CentreResult(
                centre_id=row["centre_id"],
                centre=row["centre_name"],
                profession_id=row["profession_id"],
                profession=f"{row['profession_code']} {row['profession_name']}",
                assessed=row["assessed"],
                passed=row["passed"],
                own_admitted=admitted,
                own_passed=passed,
            )
        )
    return results


@dataclass
class CentreTotal(_Rates):
    """One centre's year summed over the professions assessed: its graduates assessed and passed, and its
    own state-examination results for those same professions (not for professions nobody assessed)."""

    centre_id: int
    assessed: int = 0
    passed: int = 0
    own_admitted: int = 0
    own_passed: int = 0


def centre_totals(sessions, year, centre=None):
    """{centre id: CentreTotal} over centre_results: two grouped queries whatever the number of centres."""
    totals = {}
    for row in centre_results(sessions, year, centre):
        total = totals.setdefault(row.centre_id, CentreTotal(row.centre_id))
        total.assessed += row.assessed
        total.passed += row.passed
        total.own_admitted += row.own_admitted
        total.own_passed += row.own_passed
    return totals


def latest_centre_total(centre, *, published_only=False):
    """(year, CentreTotal) of the latest sample year with results for the centre's graduates, or None."""
    finished = Session.objects.filter(state__in=_result_states(published_only))
    year = _assessed(finished, centre).aggregate(year=Max("session__sample__year"))["year"]
    if year is None:
        return None
    total = centre_totals(result_sessions(year, published_only=published_only), year, centre).get(centre.pk)
    return (year, total) if total is not None else None


@dataclass
class UnitResult:
    centre_id: int | None
    profession_id: int
    unit_id: int
    profession: str
    code: str
    title: str
    numeric: bool
    assessed: int  # graduates with an agreed result for the unit
    not_achieved: int  # of them, with theory or practice below the achieved level
    theory_mean: Decimal | None = None
    practice_mean: Decimal | None = None

    @property
    def achieved_rate(self):
        return rate(self.assessed - self.not_achieved, self.assessed)


def unit_results(sessions, centre=None, by_centre=True):
    """Per (centre and) profession and unit: how many reached it, and the mean agreed mark on numeric scales."""
    marks = Mark.objects.filter(assessor__isnull=True, participant__in=_assessed(sessions, centre).values("pk"))
    group = {"profession_id": F("unit__outcome_set__profession_id"), "unit_ref": F("unit_id")}
    if by_centre:
        group["centre_ref"] = F("participant__member__centre_id")
    rows = (
        marks.values(**group)
        .annotate(
            assessed=Count("participant", distinct=True),
            not_achieved=Count("participant", distinct=True, filter=Q(passed=False)),
            theory_mean=Avg("score", filter=Q(component="theory")),
            practice_mean=Avg("score", filter=Q(component="practice")),
        )
        .order_by()
    )
    units = {
        u.pk: u
        for u in OutcomeUnit.objects.filter(pk__in={r["unit_ref"] for r in rows}).select_related(
            "outcome_set__profession"
        )
    }
    results = []
    for row in rows:
        unit = units[row["unit_ref"]]
        numeric = unit.outcome_set.scale_kind == "numeric"
        results.append(
            UnitResult(
                centre_id=row.get("centre_ref"),
                profession_id=row["profession_id"],
                unit_id=unit.pk,
                profession=str(unit.outcome_set.profession),
                code=unit.code,
                title=unit.title,
                numeric=numeric,
                assessed=row["assessed"],
                not_achieved=row["not_achieved"],
                theory_mean=mean(row["theory_mean"]) if numeric else None,
                practice_mean=mean(row["practice_mean"]) if numeric else None,
            )
        )
    results.sort(key=lambda r: (r.centre_id or 0, r.profession_id, units[r.unit_id].order))
    return results


def weakest_units(results, top=5):
    """The units most often not achieved (share of graduates assessed), most often first."""
    failing = [r for r in results if r.not_achieved]
    return sorted(failing, key=lambda r: (-Decimal(r.not_achieved) / r.assessed, -r.not_achieved, r.code))[:top]


@dataclass
class FieldResult(_Rates):
    code: str
    name: str
    assessed: int
    passed: int
    own_admitted: int = 0
    own_passed: int = 0


def field_results(sessions, year):
    """Nationally, per professional field (the first three digits of the profession's code)."""
    rows = (
        _assessed(sessions)
        .annotate(field_code=Substr("member__profession__code", 1, 3))
        .values("field_code")
        .annotate(assessed=Count("pk"), passed=Count("pk", filter=~Exists(_failed_mark())))
        .order_by("field_code")
    )
    own_rows = (
        Course.objects.filter(end_date__year=year)
        .annotate(field_code=Substr("profession__code", 1, 3))
        .values("field_code")
        .annotate(admitted=Sum("exam_admitted"), passed=Sum("exam_passed"))
        .order_by()
    )
    own = {r["field_code"]: (r["admitted"] or 0, r["passed"] or 0) for r in own_rows}
    names = dict(ProfessionalField.objects.values_list("code", "name"))
    return [
        FieldResult(
            code=row["field_code"],
            name=names.get(row["field_code"], ""),
            assessed=row["assessed"],
            passed=row["passed"],
            own_admitted=own.get(row["field_code"], (0, 0))[0],
            own_passed=own.get(row["field_code"], (0, 0))[1],
        )
        for row in rows
    ]


def pseudonymous_marks(sessions, centre=None):
    """Every agreed and independent mark with the graduate's pseudonym (for exports): never a name or e-mail."""
    marks = Mark.objects.filter(participant__session__in=sessions)
    if centre is not None:
        marks = marks.filter(participant__member__centre=centre)
    return marks.values_list(
        "participant__member__pseudonym",
        "participant__member__centre__name",
        "unit__outcome_set__profession__code",
        "unit__code",
        "component",
        "assessor_id",
        "value",
        "passed",
    ).order_by("participant__member__pseudonym", "unit__order", "component", "assessor_id")
