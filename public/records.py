"""The published record of every centre, built in a fixed number of queries whatever their number.

`published()` returns one `Published` snapshot for the current cache version: every page, the
open data and the sitemap read it, so they all show the same figures under the same rules
(public.rules). Aggregation happens in SQL (GROUP BY centre and year); the rules are applied here.
The snapshot is kept in the process for its version (one build per worker per change).
"""

import csv
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from activity.models import ActivityReport, Course, Profession, Specialty, ValidationRow
from centres.models import Centre, CentreKind
from frameworks.models import Area, GradeBand
from public import cache, rules
from public.search import search_key
from reports.models import Status, SubmissionScore
from surveys.models import Answer, Channel, Invitation, QuestionnaireKind, Response
from surveys.results import SATISFIED_FROM

FIELDS_FILE = Path(__file__).parent / "data" / "professional_fields.csv"
GRADE_ORDER = ("excellent", "good", "satisfactory", "unsatisfactory")
# The Likert questions each published satisfaction rests on (as surveys.derived uses them).
SATISFACTION_CODES = {
    QuestionnaireKind.TRAINEE: None,  # every Likert question of the trainees' questionnaire
    QuestionnaireKind.GRADUATE: ("satisfaction",),
    QuestionnaireKind.EMPLOYER: ("skills", "partnership"),
}
SURVEY_FIGURES = {
    QuestionnaireKind.TRAINEE: "trainee_satisfaction",
    QuestionnaireKind.GRADUATE: "graduate_satisfaction",
    QuestionnaireKind.EMPLOYER: "employer_satisfaction",
}


@dataclass
class ProfessionRow:
    profession_code: str
    profession_name: str
    specialty_code: str
    specialty_name: str
    enrolled: rules.Shown
    certified: rules.Shown


@dataclass
class YearRecord:
    year: int
    grade_code: str
    grade_name: str
    total: Decimal | None
    zero_value: bool
    areas: dict  # area code → Decimal points of the approved version
    enrolled: rules.Shown = rules.hidden(rules.NOT_REPORTED)
    certified: rules.Shown = rules.hidden(rules.NOT_REPORTED)
    completion: rules.Shown = rules.hidden(rules.NOT_REPORTED)
    placement: rules.Shown = rules.hidden(rules.NOT_REPORTED)
    trainee_satisfaction: rules.Shown = rules.hidden(rules.NO_SURVEY)
    graduate_satisfaction: rules.Shown = rules.hidden(rules.NO_SURVEY)
    employer_satisfaction: rules.Shown = rules.hidden(rules.NO_SURVEY)
    offers_validation: bool = False
    has_activity: bool = False
    professions: list = field(default_factory=list)

    @property
    def has_survey_results(self):
        return any(f.shown for f in (self.trainee_satisfaction, self.graduate_satisfaction, self.employer_satisfaction))


@dataclass
class CentreRecord:
    id: int
    licence_number: str
    name: str
    kind: str
    region: str
    municipality: str
    address: str
    website: str
    email: str
    licensed_on: object
    licence_revoked_on: object
    iso_9001: bool
    licence: rules.LicenceStatus
    search_key: str
    years: list = field(default_factory=list)  # [YearRecord], newest first
    control: rules.Shown = rules.hidden(rules.NO_CLOSED_CONTROL)

    @property
    def last(self):
        return self.years[0] if self.years else None

    @property
    def grade(self):
        last = self.last
        return rules.current_grade(self.licence, (last.year, last.grade_code, last.grade_name) if last else None)

    @property
    def grade_rank(self):
        grade = self.grade
        if not grade.shown or grade.value[1] not in GRADE_ORDER:
            return len(GRADE_ORDER)
        return GRADE_ORDER.index(grade.value[1])

    @property
    def latest_activity(self):
        return next((y for y in self.years if y.has_activity), None)

    @property
    def satisfaction(self):
        last = self.last
        return last.trainee_satisfaction if last else rules.hidden(rules.NO_APPROVED_REPORT)

    @property
    def placement(self):
        activity = self.latest_activity
        return activity.placement if activity else rules.hidden(rules.NOT_REPORTED)

    @property
    def offers_validation(self):
        activity = self.latest_activity
        return bool(activity and activity.offers_validation)

    @property
    def has_survey_results(self):
        return any(y.has_survey_results for y in self.years)

    @property
    def profession_codes(self):
        activity = self.latest_activity
        return {p.profession_code for p in activity.professions} if activity else set()

    @property
    def specialty_codes(self):
        activity = self.latest_activity
        return {p.specialty_code for p in activity.professions if p.specialty_code} if activity else set()

    @property
    def field_codes(self):
        return {code[:3] for code in self.profession_codes}

    @property
    def kind_label(self):
        return CentreKind(self.kind).label

    def year(self, year):
        return next((y for y in self.years if y.year == year), None)


@dataclass
class NationalYear:
    year: int
    kind: str
    reports: int
    mean_total: Decimal | None
    area_means: dict
    completion: rules.Shown
    placement: rules.Shown
    trainee_satisfaction: rules.Shown
    graduate_satisfaction: rules.Shown
    employer_satisfaction: rules.Shown


@dataclass
class Published:
    version: str
    centres: list  # [CentreRecord] by name
    by_licence: dict
    national: dict  # (kind, year) → NationalYear
    grade_names: dict  # grade code → name
    areas: dict  # kind → [(code, name, max points)]
    professions: dict  # code → name
    specialties: dict  # code → (name, profession code)
    fields: dict  # code → name
    years: list  # years with an approved report, newest first

    def national_for(self, kind, year):
        return self.national.get((kind, year))


_memo = {}
_lock = threading.Lock()


def published():
    """The snapshot for the current version (built at most once per version in this process)."""
    current = cache.version()
    snapshot = _memo.get("snapshot")
    if snapshot is not None and snapshot.version == current:
        return snapshot
    with _lock:
        snapshot = _memo.get("snapshot")
        if snapshot is None or snapshot.version != current:
            snapshot = build(current)
            _memo["snapshot"] = snapshot
    return snapshot


def forget():
    _memo.clear()


def _fields():
    with FIELDS_FILE.open(encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def build(version="", today=None):
    today = today or cache.today()
    centres = list(Centre.objects.order_by("name", "pk").values(*rules.PUBLIC_CENTRE_FIELDS))
    reports = list(
        rules.published_reports()
        .order_by()
        .values(
            "centre_id",
            "year",
            "framework_id",
            "centre__kind",
            total=F("last_submission__total"),
            grade=F("last_submission__grade"),
            zero=F("last_submission__zero_value"),
        )
    )
    published_years = {(r["centre_id"], r["year"]) for r in reports}
    area_points = _area_points()
    bands = {}
    for framework_id, code, name in GradeBand.objects.values_list("framework_id", "code", "name"):
        bands[(framework_id, code)] = name
    grade_names = {code: name for (_f, code), name in sorted(bands.items(), key=lambda kv: kv[0][0])}
    areas_by_kind = {}
    for kind, code, name, max_points in Area.objects.order_by("framework__first_year", "order").values_list(
        "framework__kind", "code", "name", "max_points"
    ):
        areas = areas_by_kind.setdefault(kind, {})
        areas[code] = (code, name, max_points)  # the newest framework's wording wins
    professions = dict(Profession.objects.values_list("id", "code"))
    profession_names = dict(Profession.objects.values_list("code", "name"))
    specialties = {
        s_id: (code, name, p_id)
        for s_id, code, name, p_id in Specialty.objects.values_list("id", "code", "name", "profession_id")
    }
    courses = _courses(published_years)
    headers = _headers(published_years)
    validations = _validations(published_years)
    surveys = _surveys(published_years)

    records, by_id = [], {}
    # By the name people say: "ЦПО към „Алфа“" sorts under А, not under Ц.
    for row in centres:
        record = CentreRecord(
            **row_fields(row),
            licence=rules.licence_status(row["licensed_on"], row["licence_revoked_on"], today),
            search_key=search_key(row["name"]),
        )
        records.append(record)
        by_id[record.id] = record
    records.sort(key=lambda r: (r.search_key, r.name, r.id))
    for outcome_id, outcome in rules.control_outcomes(list(by_id)).items():
        by_id[outcome_id].control = outcome

    national_sums = {}
    for r in sorted(reports, key=lambda r: -r["year"]):
        key = (r["centre_id"], r["year"])
        year = YearRecord(
            year=r["year"],
            grade_code=r["grade"] or "",
            grade_name=bands.get((r["framework_id"], r["grade"]), ""),
            total=r["total"],
            zero_value=bool(r["zero"]),
            areas=area_points.get(key, {}),
        )
        sums = national_sums.setdefault((r["centre__kind"], r["year"]), _NationalSums())
        sums.add_report(year)
        _add_activity(
            year,
            courses.get(key),
            headers.get(key),
            validations.get(key),
            professions,
            profession_names,
            specialties,
            sums,
        )
        _add_surveys(year, surveys.get(key, {}), sums)
        by_id[r["centre_id"]].years.append(year)

    national = {(kind, y): sums.result(kind, y) for (kind, y), sums in national_sums.items()}
    return Published(
        version=version,
        centres=records,
        by_licence={r.licence_number: r for r in records},
        national=national,
        grade_names=grade_names,
        areas={kind: list(areas.values()) for kind, areas in areas_by_kind.items()},
        professions=profession_names,
        specialties={code: (name, professions.get(p_id, "")) for code, name, p_id in specialties.values()},
        fields=_fields(),
        years=sorted({y for _c, y in published_years}, reverse=True),
    )


def row_fields(row):
    return {
        "id": row["id"],
        "licence_number": row["licence_number"],
        "name": row["name"],
        "kind": row["kind"],
        "region": row["region"],
        "municipality": row["municipality"],
        "address": row["address"],
        "website": row["website"],
        "email": row["email"],
        "licensed_on": row["licensed_on"],
        "licence_revoked_on": row["licence_revoked_on"],
        "iso_9001": row["iso_9001"],
    }


# ---------------------------------------------------------------- the grouped queries
def _area_points():
    """{(centre id, year): {area code: points}} of the approved versions: one GROUP BY."""
    rows = (
        SubmissionScore.objects.filter(
            submission__report__status=Status.APPROVED,
            submission__report__last_submission_id=F("submission_id"),
        )
        .values_list("submission__report__centre_id", "submission__report__year", "criterion__area__code")
        .annotate(points=Sum("points"))
        .order_by()
    )
    result = {}
    for centre_id, year, area, points in rows:
        result.setdefault((centre_id, year), {})[area] = Decimal(points or 0)
    return result


def _courses(published_years):
    """{(centre, year): [(profession id, specialty id, enrolled, certified, by validation)]}: one GROUP BY."""
    rows = (
        Course.objects.values_list("activity__centre_id", "activity__year", "profession_id", "specialty_id")
        .annotate(
            enrolled=Coalesce(Sum("enrolled"), 0),
            certified=Coalesce(Sum("certified"), 0),
            validated=Coalesce(Sum("certified_validation"), 0),
        )
        .order_by()
    )
    result = {}
    for centre_id, year, profession_id, specialty_id, enrolled, certified, validated in rows:
        if (centre_id, year) in published_years:
            result.setdefault((centre_id, year), []).append(
                (profession_id, specialty_id, enrolled, certified, validated)
            )
    return result


def _headers(published_years):
    rows = ActivityReport.objects.values_list(
        "centre_id", "year", "graduates_followed_up", "graduates_employed", "graduates_in_learning"
    )
    return {
        (c, y): (followed, employed, learning)
        for c, y, followed, employed, learning in rows
        if (c, y) in published_years
    }


def _validations(published_years):
    rows = (
        ValidationRow.objects.values_list("activity__centre_id", "activity__year")
        .annotate(persons=Coalesce(Sum("persons"), 0))
        .order_by()
    )
    return {(c, y): persons for c, y, persons in rows if (c, y) in published_years}


def _surveys(published_years):
    """{(centre, year): {kind: [answers, personal answers, invited, satisfied, likert answers]}}: three GROUP BYs."""
    result = {}

    def slot(centre_id, year, kind):
        return result.setdefault((centre_id, year), {}).setdefault(kind, [0, 0, 0, 0, 0])

    kind_path = "campaign__version__questionnaire__kind"
    for centre_id, year, kind, total, personal in (
        Response.objects.values_list("campaign__centre_id", "campaign__year", kind_path)
        .annotate(total=Count("id"), personal=Count("id", filter=Q(channel=Channel.PERSONAL)))
        .order_by()
    ):
        if (centre_id, year) in published_years:
            counts = slot(centre_id, year, kind)
            counts[0], counts[1] = total, personal
    for centre_id, year, kind, invited in (
        Invitation.objects.values_list("campaign__centre_id", "campaign__year", kind_path)
        .annotate(n=Count("id"))
        .order_by()
    ):
        if (centre_id, year) in published_years:
            slot(centre_id, year, kind)[2] = invited
    answer_kind = "response__" + kind_path
    for centre_id, year, kind, code, satisfied, total in (
        Answer.objects.filter(number__isnull=False)
        .values_list("response__campaign__centre_id", "response__campaign__year", answer_kind, "question_code")
        .annotate(satisfied=Count("id", filter=Q(number__gte=SATISFIED_FROM)), total=Count("id"))
        .order_by()
    ):
        codes = SATISFACTION_CODES.get(kind)
        if (centre_id, year) in published_years and (codes is None or code in codes):
            counts = slot(centre_id, year, kind)
            counts[3] += satisfied
            counts[4] += total
    return result


# ---------------------------------------------------------------- applying the rules
class _NationalSums:
    def __init__(self):
        self.reports = 0
        self.total = Decimal(0)
        self.with_total = 0
        self.areas = {}
        self.enrolled = self.certified = self.followed = self.placed = 0
        self.surveys = {kind: [0, 0, 0, 0, 0] for kind in SURVEY_FIGURES}

    def add_report(self, year):
        self.reports += 1
        if year.total is not None:
            self.total += Decimal(year.total)
            self.with_total += 1
        for code, points in year.areas.items():
            self.areas[code] = self.areas.get(code, Decimal(0)) + points

    def result(self, kind, year):
        def survey(kind_):
            answers, personal, invited, satisfied, total = self.surveys[kind_]
            return rules.survey_share(rules.sufficiency(answers, invited, personal), satisfied, total)

        return NationalYear(
            year=year,
            kind=kind,
            reports=self.reports,
            mean_total=self.total / self.with_total if self.with_total else None,
            area_means={code: s / self.reports for code, s in self.areas.items()},
            completion=rules.people_share(self.certified, self.enrolled),
            placement=rules.people_share(self.placed, self.followed),
            trainee_satisfaction=survey(QuestionnaireKind.TRAINEE),
            graduate_satisfaction=survey(QuestionnaireKind.GRADUATE),
            employer_satisfaction=survey(QuestionnaireKind.EMPLOYER),
        )


def _add_activity(year, courses, header, validation_persons, professions, profession_names, specialties, sums):
    if courses is None and header is None:
        return
    year.has_activity = True
    courses = courses or []
    year.offers_validation = bool(validation_persons) or any(c[4] for c in courses)
    if header is not None:
        followed, employed, learning = header
        if followed:
            placed = (employed or 0) + (learning or 0)
            year.placement = rules.people_share(placed, followed)
            sums.followed += followed
            sums.placed += placed
    if not courses:
        return  # a CIPO's year, or a CPO that ran no course: no trainees to count
    enrolled = sum(c[2] for c in courses)
    certified = sum(c[3] for c in courses)
    year.enrolled = rules.people_count(enrolled)
    year.certified = rules.people_count(certified)
    year.completion = rules.people_share(certified, enrolled)
    sums.enrolled += enrolled
    sums.certified += certified
    # One row per profession and specialty; small groups hidden, never broken down.
    grouped = {}
    specialty_names = {}
    for profession_id, specialty_id, n_enrolled, n_certified, _v in courses:
        code, name, _p = specialties.get(specialty_id, ("", "", None))
        specialty_names[code] = name
        key = (professions.get(profession_id, ""), code)
        counts = grouped.setdefault(key, [0, 0])
        counts[0] += n_enrolled
        counts[1] += n_certified
    shown_enrolled = rules.breakdown({key: c[0] for key, c in grouped.items()})
    shown_certified = rules.breakdown({key: c[1] for key, c in grouped.items()})
    for (p_code, s_code), (n_enrolled, _n_certified) in sorted(grouped.items()):
        certified_figure = shown_certified[(p_code, s_code)]
        if not shown_enrolled[(p_code, s_code)].shown:
            # A small group is not broken down into its graduates.
            certified_figure = rules.hidden(rules.FEWER_THAN_5) if n_enrolled < rules.MIN_PEOPLE else certified_figure
        year.professions.append(
            ProfessionRow(
                profession_code=p_code,
                profession_name=profession_names.get(p_code, ""),
                specialty_code=s_code,
                specialty_name=specialty_names.get(s_code, ""),
                enrolled=shown_enrolled[(p_code, s_code)],
                certified=certified_figure,
            )
        )


def _add_surveys(year, by_kind, sums):
    for kind, attribute in SURVEY_FIGURES.items():
        counts = by_kind.get(kind)
        if not counts:
            continue
        answers, personal, invited, satisfied, total = counts
        setattr(year, attribute, rules.survey_share(rules.sufficiency(answers, invited, personal), satisfied, total))
        national = sums.surveys[kind]
        for i, value in enumerate(counts):
            national[i] += value
