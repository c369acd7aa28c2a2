"""The published national figures of past years as data: a template, its validation and its import.

One row per centre kind and year. Fixed columns (`kind`, `year`, `licensed`, `submitted`, …)
and coded ones: `grade:<band>`, `share:<band>` (per cent), `area:<code>` and `criterion:<code>`
(mean points), `no_pct:<indicator>` (per cent of "no" answers). Every cell may be empty. The
whole file is checked first and every problem is listed with its row and column; nothing is
saved unless the file is clean. The bundled 2020–2023 figures (analysis/data/) are loaded
through the same checks after migrate.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.figure_types import GRADE_ORDER
from centres.models import CentreKind
from formatting.numbers import parse_decimal
from frameworks.models import Framework
from reports.importing import ImportRejected, Problem

BUNDLED = Path(__file__).parent / "data" / "national_history.csv"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
FIRST_YEAR = 2000
SHARE_TOLERANCE = Decimal("0.1")
HUNDRED = Decimal(100)

COUNTS = (
    "licensed",
    "submitted",
    "on_time",
    "zero_value",
    "non_conforming",
    "validation_procedures",
    "validation_centres",
    "validation_persons",
)
PERCENTS = ("on_time_pct", "non_conforming_pct")
MEANS = ("mean_total",)
TEXTS = ("source",)
FIXED = ("kind", "year", *COUNTS, *PERCENTS, *MEANS, *TEXTS)
# Coded columns: prefix → (model field, value kind)
CODED = {
    "grade": ("grade_counts", "count"),
    "share": ("grade_shares", "percent"),
    "area": ("area_means", "mean"),
    "criterion": ("criterion_means", "mean"),
    "no_pct": ("indicator_no_pct", "percent"),
}
# Counts that cannot exceed the licensed centres (and those that cannot exceed the submitted reports).
AT_MOST_LICENSED = ("submitted", "on_time", "zero_value", "non_conforming", "validation_centres")
AT_MOST_SUBMITTED = ("on_time", "zero_value", "non_conforming")


@dataclass
class ParsedRecord:
    row: int
    kind: str
    year: int
    values: dict = field(default_factory=dict)  # model field → value (int, Decimal, str or {code: value})


def read_rows(data, filename=""):
    """[[str]] of a CSV (UTF-8, ';' or ',') or an XLSX file's first sheet."""
    if len(data) > MAX_BYTES:
        raise ImportRejected([Problem(None, "", filename, _("The file is larger than 2 MB."))])
    if data[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise ImportRejected([Problem(None, "", filename, _("The file is not a readable XLSX workbook."))]) from exc
        rows = [
            ["" if v is None else _text(v) for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        workbook.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected([Problem(None, "", filename, _("The file is not UTF-8 encoded text."))]) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Checker:
    """Collects the problems of one file; every check adds to the list and never stops early."""

    def __init__(self):
        self.problems = []

    def add(self, row, column, value, reason):
        self.problems.append(Problem(row, column, str(value), reason))

    def count(self, row, column, raw):
        try:
            d = parse_decimal(raw)
        except ValueError:
            self.add(row, column, raw, _("Not a number."))
            return None
        if d is None:
            return None
        if d < 0 or d != d.to_integral_value() or d > 10**7:
            self.add(row, column, raw, _("A count must be a whole number from 0 up."))
            return None
        return int(d)

    def decimal(self, row, column, raw, *, top=None):
        try:
            d = parse_decimal(raw)
        except ValueError:
            self.add(row, column, raw, _("Not a number (write 12,5 or 12.5; no thousands separators)."))
            return None
        if d is None:
            return None
        if d < 0 or (top is not None and d > top):
            self.add(row, column, raw, _("Must be from 0 to %(top)s.") % {"top": top})
            return None
        return d.quantize(Decimal("0.01"))


def _frameworks():
    return list(Framework.objects.prefetch_related("grade_bands", "areas", "criteria__area"))


def _framework_for(frameworks, kind, year):
    return next(
        (
            f
            for f in frameworks
            if f.kind == kind and f.first_year <= year and (f.last_year is None or f.last_year >= year)
        ),
        None,
    )


def _known_codes(framework, prefix):
    if framework is None:
        return None  # a year before any framework in the system: codes cannot be checked
    if prefix in ("grade", "share"):
        return {b.code for b in framework.grade_bands.all()}
    if prefix == "area":
        return {a.code: a.max_points for a in framework.areas.all()}
    return {c.code: c.max_points for c in framework.criteria.all()}


def validate(rows, today=None):
    """[ParsedRecord] of a clean table; ImportRejected with every problem otherwise."""
    today = today or timezone.localdate()
    check = _Checker()
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ImportRejected([Problem(None, "", "", _("The file is empty."))])
    header = [cell.strip() for cell in rows[0]]
    for col in header:
        prefix, _sep, code = col.partition(":")
        if col not in FIXED and not (prefix in CODED and code):
            check.add(1, col, col, _("Unknown column."))
    for required in ("kind", "year"):
        if required not in header:
            check.add(1, required, "", _("The column is missing."))
    if len(rows) - 1 > MAX_ROWS:
        check.add(None, "", len(rows) - 1, _("Too many rows (at most %(n)s).") % {"n": MAX_ROWS})
    if check.problems:
        raise ImportRejected(check.problems)

    frameworks = _frameworks()
    parsed, seen = [], {}
    for number, raw_row in enumerate(rows[1:], start=2):
        cells = dict(zip(header, (c.strip() for c in raw_row), strict=False))
        if not any(cells.values()):
            continue
        record = _parse_row(check, number, cells, frameworks, today)
        if record is None:
            continue
        key = (record.kind, record.year)
        if key in seen:
            check.add(
                number,
                "year",
                record.year,
                _("The year %(year)s is already in row %(row)s.") % {"year": record.year, "row": seen[key]},
            )
            continue
        seen[key] = number
        parsed.append(record)
    if check.problems:
        raise ImportRejected(check.problems)
    return parsed


def _parse_row(check, number, cells, frameworks, today):
    kind = cells.get("kind", "").upper()
    if kind not in CentreKind.values:
        check.add(number, "kind", cells.get("kind", ""), _("The centre kind must be CPO or CIPO."))
    year = check.count(number, "year", cells.get("year", ""))
    if year is None:
        if cells.get("year", "") == "":
            check.add(number, "year", "", _("The year is required."))
        return None
    if not FIRST_YEAR <= year <= today.year:
        check.add(
            number,
            "year",
            year,
            _("The year must be from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": today.year},
        )
        return None
    if kind not in CentreKind.values:
        return None
    framework = _framework_for(frameworks, kind, year)
    values = {}
    for col in COUNTS:
        values[col] = check.count(number, col, cells.get(col, ""))
    for col in PERCENTS:
        values[col] = check.decimal(number, col, cells.get(col, ""), top=HUNDRED)
    values["mean_total"] = check.decimal(
        number, "mean_total", cells.get("mean_total", ""), top=framework.total_points if framework else None
    )
    values["source"] = cells.get("source", "")[:300]
    for prefix, (target, value_kind) in CODED.items():
        known = _known_codes(framework, prefix) if prefix != "no_pct" else _known_codes(framework, "criterion")
        coded = {}
        for col, raw in cells.items():
            p, _sep, code = col.partition(":")
            if p != prefix or raw == "":
                continue
            if known is not None and code not in known:
                check.add(number, col, raw, _("No such code in the framework of %(year)s.") % {"year": year})
                continue
            if value_kind == "count":
                value = check.count(number, col, raw)
            else:
                top = HUNDRED if value_kind == "percent" else (known.get(code) if isinstance(known, dict) else None)
                value = check.decimal(number, col, raw, top=top)
            if value is not None:
                coded[code] = value
        values[target] = coded
    _check_consistency(check, number, values, framework)
    return ParsedRecord(number, kind, year, values)


def _check_consistency(check, number, values, framework):
    licensed, submitted = values["licensed"], values["submitted"]
    if licensed is not None:
        for col in AT_MOST_LICENSED:
            if values[col] is not None and values[col] > licensed:
                check.add(number, col, values[col], _("More than the %(n)s licensed centres.") % {"n": licensed})
        for code, n in values["grade_counts"].items():
            if n > licensed:
                check.add(number, f"grade:{code}", n, _("More than the %(n)s licensed centres.") % {"n": licensed})
    if submitted is not None:
        for col in AT_MOST_SUBMITTED:
            if values[col] is not None and values[col] > submitted:
                check.add(number, col, values[col], _("More than the %(n)s submitted reports.") % {"n": submitted})
    bands = {b.code for b in framework.grade_bands.all()} if framework else None
    counts = values["grade_counts"]
    complete = counts and submitted is not None and set(counts) >= (bands or set(GRADE_ORDER))
    if complete and sum(counts.values()) != submitted:
        check.add(
            number,
            "grade:*",
            sum(counts.values()),
            _("The centres by grade add up to %(sum)s, not to the %(n)s submitted reports.")
            % {"sum": sum(counts.values()), "n": submitted},
        )
    shares = values["grade_shares"]
    if shares:
        total = sum(shares.values(), Decimal(0))
        if bands is not None and set(shares) != bands:
            check.add(number, "share:*", "", _("Give the share of every grade, or none."))
        elif abs(total - HUNDRED) > SHARE_TOLERANCE:
            check.add(
                number, "share:*", total, _("The shares by grade add up to %(sum)s %%, not to 100 %%.") % {"sum": total}
            )


def parse_file(data, filename=""):
    return validate(read_rows(data, filename))


MODEL_FIELDS = (*COUNTS, *PERCENTS, *MEANS, *TEXTS, *(target for target, _kind in CODED.values()))


def _json_ready(value):
    if isinstance(value, dict):
        return {k: str(v) if isinstance(v, Decimal) else v for k, v in value.items()}
    return value


def save_records(records, *, actor=None, only_missing=False):
    """Create or replace the records of a validated file in one transaction. Returns the saved records."""
    from analysis.models import NationalRecord

    saved = []
    with transaction.atomic():
        existing = {(r.kind, r.year): r for r in NationalRecord.objects.select_for_update()}
        for rec in records:
            current = existing.get((rec.kind, rec.year))
            if current is not None and only_missing:
                continue
            obj = current or NationalRecord(kind=rec.kind, year=rec.year)
            for name in MODEL_FIELDS:
                setattr(obj, name, _json_ready(rec.values.get(name)) if name in rec.values else getattr(obj, name))
            obj.updated_by = actor
            obj.save()
            saved.append(obj)
    return saved


def load_bundled():
    """The 2020–2023 figures of the published 2024 analysis, for (kind, year) pairs not yet entered."""
    return save_records(parse_file(BUNDLED.read_bytes(), BUNDLED.name), only_missing=True)


def template_rows(kind=CentreKind.CPO, year=None):
    """The header (and an empty row for `year`) of the import template, with the framework's codes."""
    year = year or timezone.localdate().year - 1
    framework = Framework.objects.for_report(kind, year)
    header = list(FIXED)
    if framework is not None:
        if framework.is_scored:
            bands = [b.code for b in framework.grade_bands.all()]
            header += [f"grade:{b}" for b in bands] + [f"share:{b}" for b in bands]
            header += [f"area:{a.code}" for a in framework.areas.all()]
            header += [f"criterion:{c.code}" for c in framework.criteria.all()]
        else:
            header += [f"no_pct:{c.code}" for c in framework.criteria.all()]
    return [header, [kind, str(year)] + [""] * (len(header) - 2)]
