"""The open data: one row per centre and approved year, from the same snapshot and rules as the pages.

COLUMNS is also the data dictionary: every column with its unit, source and the publication rule
that applies. A figure that may not be shown is an empty cell with the reason in its `_note` column
(in JSON: null and the note), never a zero.
"""

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from public import rules

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.bg"
MAX_AREAS = 3  # both frameworks have three areas (CPO 1–3, CIPO К1–К3)


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    unit: str
    source: str
    rule: str


R_PUBLIC = _("public register data")
R_APPROVED = _("only approved reports; none while the licence is revoked for the current grade")
R_PEOPLE = _("counts below 5 people are not given; a share needs at least 5 people")
R_SURVEY = _("only with at least 10 answers and, for personal links, at least 50 % of those invited")
S_REGISTER = _("register of licensed centres (NAVET)")
S_REPORT = _("the approved self-assessment report")
S_ACTIVITY = _("the annual activity information, approved with the report")
S_SURVEY = _("the system's anonymous surveys")
S_NATIONAL = _("all approved reports of the year, same kind of centre")

FIGURES = (
    ("enrolled", _("Trainees enrolled"), _("people"), S_ACTIVITY, R_PEOPLE),
    ("certified", _("Trainees certified"), _("people"), S_ACTIVITY, R_PEOPLE),
    ("completion", _("Completion rate"), "%", S_ACTIVITY, R_PEOPLE),
    ("placement", _("Placement within 12 months"), "%", S_ACTIVITY, R_PEOPLE),
    ("trainee_satisfaction", _("Trainees' satisfaction"), "%", S_SURVEY, R_SURVEY),
    ("graduate_satisfaction", _("Graduates' satisfaction"), "%", S_SURVEY, R_SURVEY),
    ("employer_satisfaction", _("Employers' satisfaction"), "%", S_SURVEY, R_SURVEY),
)
NATIONAL_FIGURES = ("completion", "placement", "trainee_satisfaction", "graduate_satisfaction", "employer_satisfaction")

COLUMNS = [
    Column("licence_number", _("Licence number"), "", S_REGISTER, R_PUBLIC),
    Column("name", _("Name"), "", S_REGISTER, R_PUBLIC),
    Column("kind", _("Kind (CPO or CIPO)"), "", S_REGISTER, R_PUBLIC),
    Column("region", _("Region"), "", S_REGISTER, R_PUBLIC),
    Column("municipality", _("Municipality"), "", S_REGISTER, R_PUBLIC),
    Column("licence_status", _("Licence status (active or revoked)"), "", S_REGISTER, R_PUBLIC),
    Column("licence_revoked_on", _("Licence revoked on"), _("date (YYYY-MM-DD)"), S_REGISTER, R_PUBLIC),
    Column("year", _("Year of the report"), _("year"), S_REPORT, R_APPROVED),
    Column("grade_code", _("Grade (code)"), "", S_REPORT, R_APPROVED),
    Column("grade", _("Grade"), "", S_REPORT, R_APPROVED),
    Column("total_points", _("Total points"), _("points"), S_REPORT, R_APPROVED),
    Column("national_mean_total", _("National mean of total points"), _("points"), S_NATIONAL, R_APPROVED),
    *[
        Column(f"area{i}_points", _("Points of area %(n)s") % {"n": i}, _("points"), S_REPORT, R_APPROVED)
        for i in range(1, MAX_AREAS + 1)
    ],
]
for _name, _label, _unit, _source, _rule in FIGURES:
    COLUMNS.append(Column(_name, _label, _unit, _source, _rule))
    COLUMNS.append(Column(f"{_name}_note", _("Why the figure is not given"), "", _source, _rule))
for _name in NATIONAL_FIGURES:
    _figure = next(f for f in FIGURES if f[0] == _name)
    COLUMNS.append(
        Column(f"national_{_name}", _("National value: %(label)s") % {"label": _figure[1]}, "%", S_NATIONAL, _figure[4])
    )

HUNDREDTH = Decimal("0.01")


def _rounded(value):
    if isinstance(value, Decimal):
        return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    return value


def records(snapshot):
    """One dict per centre and approved year, in COLUMNS order (values: str, int, Decimal or None)."""
    for centre in snapshot.centres:
        areas = [code for code, _n, _m in snapshot.areas.get(centre.kind, [])]
        for year in centre.years:
            national = snapshot.national_for(centre.kind, year.year)
            row = {
                "licence_number": centre.licence_number,
                "name": centre.name,
                "kind": centre.kind,
                "region": centre.region,
                "municipality": centre.municipality,
                "licence_status": "active" if centre.licence.active else "revoked",
                "licence_revoked_on": centre.licence_revoked_on.isoformat() if centre.licence_revoked_on else None,
                "year": year.year,
                "grade_code": year.grade_code or None,
                "grade": year.grade_name or None,
                "total_points": year.total,
                "national_mean_total": _rounded(national.mean_total) if national else None,
            }
            for i in range(MAX_AREAS):
                row[f"area{i + 1}_points"] = year.areas.get(areas[i]) if i < len(areas) else None
            for name, *_rest in FIGURES:
                figure = getattr(year, name)
                row[name] = _rounded(figure.value)
                row[f"{name}_note"] = figure.note() or None
            for name in NATIONAL_FIGURES:
                figure = getattr(national, name) if national else rules.hidden(rules.NOT_REPORTED)
                row[f"national_{name}"] = _rounded(figure.value)
            yield row


def table_rows(snapshot):
    """The header, then every record as a list: for the CSV writers of formatting.csv."""
    yield [c.name for c in COLUMNS]
    for row in records(snapshot):
        yield [row[c.name] for c in COLUMNS]


def _json_value(value):
    return float(value) if isinstance(value, Decimal) else value


def json_chunks(snapshot, meta):
    """The JSON document in pieces (streamed): {"meta": …, "columns": […], "records": […]}."""
    head = {"meta": meta, "columns": [{"name": c.name, "unit": str(c.unit)} for c in COLUMNS]}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "records": ['
    first = True
    for row in records(snapshot):
        yield ("" if first else ",") + json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False)
        first = False
    yield "]}"
