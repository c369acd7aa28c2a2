"""Import a year's submitted reports from a CSV (UTF-8, with or without BOM) or XLSX file.

Columns: `licence_number`, `submitted_at`, then one column per criterion (CPO: points)
or indicator (CIPO: да/не) code of the framework for that kind and year. The whole file
is checked first and every problem is listed (row, column, value, reason); nothing is
saved unless the file is clean. Saving goes through `reports.bulk.create_submitted_reports`.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from centres.access import is_agency_admin
from centres.models import Centre, CentreKind
from frameworks.models import POINTS, Framework
from inputs.archives import is_zip, open_xlsx, sheet_rows
from inputs.dates import parse_submission_time
from inputs.errors import InputRefused
from inputs.numbers import to_decimal
from inputs.text import has_control_characters
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Report

LICENCE = "licence_number"
SUBMITTED_AT = "submitted_at"
YES = {"да", "yes", "1", "д", "y", "true"}
NO = {"не", "no", "0", "н", "n", "false"}
MAX_ROWS = 20000
MAX_COLUMNS = 300  # the licence, the time and one column per criterion (a framework has about 60)
MAX_BYTES = 30 * 1024 * 1024


@dataclass
class Problem:
    row: int | None  # the line in the file (the header is row 1); None: the file as a whole
    column: str
    value: str
    reason: str


@dataclass
class ImportResult:
    problems: list = field(default_factory=list)
    reports: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


class ImportRejected(Exception):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _read_rows(data, filename):
    """The file's rows as lists of strings. XLSX is recognised by its ZIP signature, not its name."""
    if len(data) > MAX_BYTES:
        raise ImportRejected([Problem(None, "", filename or "", _("The file is too large."))])
    if is_zip(data) or (filename or "").lower().endswith(".xlsx"):
        try:
            workbook = open_xlsx(data)
        except InputRefused as exc:
            raise ImportRejected([Problem(None, "", filename or "", exc.message)]) from None
        try:
            # MAX_ROWS data rows plus the header; more is refused while streaming.
            rows = sheet_rows(workbook.worksheets[0], max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
            return [["" if v is None else _cell_text(v) for v in row] for row in rows]
        except InputRefused as exc:
            raise ImportRejected([Problem(None, "", filename or "", exc.message)]) from None
        finally:
            workbook.close()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected([Problem(None, "", filename or "", _("The file is not UTF-8 encoded text."))]) from exc
    first_line = text.split("\n", 1)[0]
    # Spreadsheet programs in a Bulgarian locale save CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(rows) > MAX_ROWS:
                raise ImportRejected(
                    [Problem(None, "", "", _("The file has more than %(max)s rows.") % {"max": MAX_ROWS})]
                )
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as exc:
        raise ImportRejected([Problem(None, "", filename or "", _("The CSV file cannot be read."))]) from exc
    return rows


def _cell_text(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def parse_submitted_at(text):
    """ISO 8601; a time without an offset is Sofia time; a bare date means its first instant.

    Bounded to 2000 … a year from today (InputRefused, a ValueError, otherwise)."""
    return parse_submission_time(text, SOFIA)


def _parse_points(text):
    return to_decimal(text, minimum=Decimal(0), places=POINTS["decimal_places"], max_digits=POINTS["max_digits"])


def _shown(text):
    text = text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
    return text[:40] + "…" if len(text) > 40 else text


def _parse_yes_no(text):
    value = text.strip().lower()
    if value in YES:
        return Decimal(1)
    if value in NO:
        return Decimal(0)
    raise ValueError(value)


def validate(rows, *, year, kind, framework):
    """(entries, problems) for the rows of a file; entries are only meaningful when problems is empty."""
    problems = []
    if not rows or not any(cell.strip() for cell in rows[0]):
        return [], [Problem(None, "", "", _("The file is empty."))]
    if any(has_control_characters(cell) for row in rows for cell in row):
        return [], [
            Problem(n, "", "", _("The row contains control characters (such as NUL)."))
            for n, row in enumerate(rows, start=1)
            if any(has_control_characters(cell) for cell in row)
        ][:100]
    header = [cell.strip() for cell in rows[0]]
    criteria = list(framework.criteria.prefetch_related("levels"))
    codes = [c.code for c in criteria]
    expected = [LICENCE, SUBMITTED_AT, *codes]
    for name in expected:
        if name not in header:
            problems.append(Problem(1, name, "", _("The column is missing.")))
    seen_columns = set()
    for name in header:
        if name and name not in expected:
            problems.append(
                Problem(
                    1,
                    name,
                    name,
                    _("Unknown column: it is not a code of framework %(code)s.") % {"code": framework.code},
                )
            )
        elif name in seen_columns:
            problems.append(Problem(1, name, name, _("The column appears twice.")))
        seen_columns.add(name)
    if problems:
        return [], problems

    index = {name: header.index(name) for name in expected}
    levels = {c.code: {lv.points for lv in c.levels.all()} for c in criteria}
    data_rows = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not data_rows:
        return [], [Problem(None, "", "", _("The file has no data rows."))]
    if len(data_rows) > MAX_ROWS:
        return [], [Problem(None, "", "", _("The file has more than %(max)s rows.") % {"max": MAX_ROWS})]

    def cell(row, name):
        i = index[name]
        return row[i].strip() if i < len(row) else ""

    licences = {cell(row, LICENCE) for _n, row in data_rows}
    centres = {c.licence_number: c for c in Centre.objects.filter(licence_number__in=licences)}
    with_report = set(
        Report.objects.filter(year=year, centre__licence_number__in=licences).values_list(
            "centre__licence_number", flat=True
        )
    )
    other_kind = CentreKind(kind).label
    first_row_of = {}
    entries = []
    for n, row in data_rows:
        licence = cell(row, LICENCE)
        centre = centres.get(licence)
        if not licence:
            problems.append(Problem(n, LICENCE, "", _("The licence number is missing.")))
        elif centre is None:
            problems.append(Problem(n, LICENCE, _shown(licence), _("No centre has this licence number.")))
        elif centre.kind != kind:
            problems.append(Problem(n, LICENCE, licence, _("The centre is not a %(kind)s.") % {"kind": other_kind}))
        elif licence in first_row_of:
            problems.append(
                Problem(
                    n,
                    LICENCE,
                    licence,
                    _("The same centre is already in row %(row)s.") % {"row": first_row_of[licence]},
                )
            )
        elif licence in with_report:
            problems.append(
                Problem(n, LICENCE, licence, _("The centre already has a report for %(year)s.") % {"year": year})
            )
        if licence and licence not in first_row_of:
            first_row_of[licence] = n

        raw_date = cell(row, SUBMITTED_AT)
        submitted_at = None
        try:
            submitted_at = parse_submitted_at(raw_date)
        except ValueError as exc:
            problems.append(Problem(n, SUBMITTED_AT, _shown(raw_date), str(exc)))

        points = {}
        row_ok = True
        for code in codes:
            raw = cell(row, code)
            try:
                points[code] = _parse_points(raw) if framework.is_scored else _parse_yes_no(raw)
            except ValueError:
                row_ok = False
                reason = _("Not a number of points.") if framework.is_scored else _("Answer да or не.")
                problems.append(Problem(n, code, _shown(raw), reason))
        if row_ok:
            all_zero = all(p == 0 for p in points.values())
            for code, p in points.items():
                if p in levels[code] or (p == 0 and all_zero):
                    continue
                allowed = ", ".join(format(lv.normalize(), "f") for lv in sorted(levels[code]))
                reason = (
                    _("0 is allowed only when every value in the row is 0 (a zero-value report); levels: %(levels)s.")
                    if p == 0
                    else _("Not one of the criterion's levels: %(levels)s.")
                ) % {"levels": allowed}
                problems.append(Problem(n, code, cell(row, code), reason))
        if centre is not None and submitted_at is not None and row_ok:
            entries.append(SubmittedEntry(centre=centre, submitted_at=submitted_at, points=points))
    return entries, problems


def import_reports(file, *, year, kind, actor, filename=None):
    """Validate the whole file, then create its reports as submitted reports of `year` — or nothing.

    `file` is a path, bytes or a binary file object. Raises ImportRejected with every
    problem found; returns an ImportResult with the created reports. `actor` None means the
    command line (the operator of the server); a person must be an agency administrator.
    """
    if actor is not None and not is_agency_admin(actor):
        raise PermissionDenied
    kind = CentreKind(kind)
    if isinstance(file, bytes):
        data = file
    elif hasattr(file, "read"):
        data = file.read()
    else:
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:  # no such file, a directory, no permission
            reason = exc.strerror or _("The file cannot be read.")
            raise ImportRejected([Problem(None, "", str(file), reason)]) from None
        filename = filename or str(file)
    framework = Framework.objects.for_report(kind, year)
    if framework is None:
        raise ImportRejected(
            [
                Problem(
                    None,
                    "",
                    str(year),
                    _("No framework applies to %(kind)s reports of %(year)s.") % {"kind": kind.label, "year": year},
                )
            ]
        )
    rows = _read_rows(data, filename)
    entries, problems = validate(rows, year=year, kind=kind, framework=framework)
    if problems:
        raise ImportRejected(problems)
    reports = create_submitted_reports(entries, year=year, framework=framework, actor=actor, action="import")
    return ImportResult(reports=reports)
