"""The published record of every centre, built in a fixed number of queries whatever their number.

`published()` returns one `Published` snapshot for the current cache version: every page, the
open data and the sitemap read it, so they all show the same figures under the same rules
(public.rules). Aggregation happens in SQL (GROUP BY centre and year); the rules are applied here.
The snapshot is kept in the process for its version (one build per worker per change).
"""

import csv
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db.models import F

from activity.models import Profession, Specialty
from centres.models import Centre, CentreKind
from frameworks.models import Area, GradeBand
from public import aggregates, cache, rules, year_figures
from public.search import search_key

FIELDS_FILE = Path(__file__).parent / "data" / "professional_fields.csv"
GRADE_ORDER = ("excellent", "good", "satisfactory", "unsatisfactory")


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
    today: object = None  # the day licences were judged on
    built_at: float = 0.0  # time.monotonic() of the build

    def is_fresh(self, current_version, today):
        """Built for this version, today, and not longer ago than the pages are kept: survey answers
        arrive without an audit entry, and a licence revoked from a future date lapses at midnight."""
        return (
            self.version == current_version
            and self.today == today
            and time.monotonic() - self.built_at < cache.PAGE_SECONDS
        )

    def national_for(self, kind, year):
        return self.national.get((kind, year))


_memo = {}
_lock = threading.Lock()


def published():
    """The snapshot for the current version (built at most once per version and day in this process)."""
    current, today = cache.version(), cache.today()
    snapshot = _memo.get("snapshot")
    if snapshot is not None and snapshot.is_fresh(current, today):
        return snapshot
    with _lock:
        snapshot = _memo.get("snapshot")
        if snapshot is None or not snapshot.is_fresh(current, today):
            snapshot = build(current, today)
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
    area_points = aggregates.area_points()
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
    courses = aggregates.courses(published_years)
    headers = aggregates.headers(published_years)
    validations = aggregates.validations(published_years)
    surveys = aggregates.surveys(published_years)

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
        sums = national_sums.setdefault((r["centre__kind"], r["year"]), year_figures.NationalSums())
        sums.add_report(year)
        year_figures.add_activity(
            year,
            courses.get(key),
            headers.get(key),
            validations.get(key),
            professions,
            profession_names,
            specialties,
            sums,
        )
        year_figures.add_surveys(year, surveys.get(key, {}), sums)
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
        today=today,
        built_at=time.monotonic(),
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
