"""Reading a filled activity template back: checked as an archive, streamed, every cell through `inputs`.

The workbook is refused before parsing when it is no sound XLSX (a zip bomb, nested archives, too many
parts: inputs.archives), then streamed in read-only mode with a row limit per sheet, so a damaged or
huge sheet is a listed problem, never a traceback or a held worker. A file made for another centre or
another year (its instructions sheet names them) is refused as a whole. Numbers may be typed as text
with a decimal comma ("12,50"); coded columns take their labels, their codes or the natural short
forms people write ("Ж", "България"; activity.xlsx_layout.ALIASES).
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from activity import rules
from activity.models import Profession, Specialty
from activity.xlsx_layout import (
    ALIASES,
    CHOICE,
    DATE,
    DECIMAL,
    INSTRUCTIONS_TITLE,
    INT,
    LISTS_TITLE,
    PROFESSION,
    SHEETS,
    YES_NO,
    _label,
)
from centres.models import CentreKind
from inputs.archives import open_xlsx, sheet_rows
from inputs.bounds import field_range
from inputs.dates import check_date
from inputs.errors import InputRefused
from inputs.numbers import to_decimal, to_int
from inputs.text import has_control_characters

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# Rows streamed per sheet, blank ones included, before the sheet is refused: a template has
# MAX_ROWS data rows at most, and people leave some blank rows between.
MAX_STREAMED_ROWS = MAX_ROWS * 3
FIRST_DATA_ROW = 3
MAX_TEXT = 300
_LICENCE_IN_HEADER = re.compile(r"\(([0-9]{1,20})\)\s*$")
_YEAR_IN_HEADER = re.compile(r"\b(20[0-9]{2})\b")


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str  # the column's letter and header, or "" for the whole sheet
    message: str


class WorkbookRefused(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} problems")


def _file_error(message):
    return CellError(sheet="", row=None, column="", message=message)


def check_file(uploaded):
    """The bytes of an uploaded XLSX, or WorkbookRefused when it is too big or not an XLSX at all."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise WorkbookRefused(
            [_file_error(_("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20})]
        )
    return uploaded.read(MAX_UPLOAD_BYTES + 1)


def read_workbook(data, centre, year):
    """(header values, {row kind: [row dicts]}) from a template's bytes; WorkbookRefused listing every problem."""
    try:
        workbook = open_xlsx(data, data_only=False)
    except InputRefused as exc:
        not_xlsx = _("The file is not an Excel workbook (XLSX). Download the template and fill it in.")
        message = not_xlsx if exc.message == _("The file is not a readable XLSX workbook.") else exc.message
        raise WorkbookRefused([_file_error(message)]) from None
    try:
        return _Reader(workbook, centre, year).read()
    except InputRefused as exc:
        raise WorkbookRefused([_file_error(exc.message)]) from None
    finally:
        workbook.close()


def _made_for(workbook):
    """(licence number, year) named on the instructions sheet of a template, each None when absent."""
    title = str(INSTRUCTIONS_TITLE)
    if title not in workbook.sheetnames:
        return None, None
    rows = list(sheet_rows(workbook[title], max_rows=50, max_columns=1))
    texts = [str(row[0]) for row in rows[:2] if row and row[0] is not None]
    year = _YEAR_IN_HEADER.search(texts[0]) if texts else None
    licence = _LICENCE_IN_HEADER.search(texts[1]) if len(texts) > 1 else None
    return (licence.group(1) if licence else None), (int(year.group(1)) if year else None)


class _Reader:
    def __init__(self, workbook, centre, year):
        self.workbook = workbook
        self.centre = centre
        self.year = year
        self.errors = []
        self.professions = {p.code: p for p in Profession.objects.all()}
        self.specialties = {s.code: s for s in Specialty.objects.all()}

    def read(self):
        self._check_made_for()
        expected = SHEETS[self.centre.kind]
        titles = {str(s.title): s for s in expected}
        known = set(titles) | {str(INSTRUCTIONS_TITLE), str(LISTS_TITLE)}
        for name in self.workbook.sheetnames:
            if name not in known:
                self.errors.append(CellError(name, None, "", _("Unknown sheet: this template has no such sheet.")))
        header, rows = {}, {}
        for title, sheet in titles.items():
            if title not in self.workbook.sheetnames:
                self.errors.append(CellError(title, None, "", _("The sheet is missing.")))
                continue
            try:
                values = self._read_sheet(self.workbook[title], sheet)
            except InputRefused as exc:
                self.errors.append(CellError(title, None, "", exc.message))
                continue
            if values is None:
                continue
            if sheet.single_row:
                header = values[0][1] if values else {c.key: None for c in sheet.columns}
                self._check_header(title, sheet, header)
            else:
                rows[sheet.key] = self._check_rows(title, sheet, values)
        if self.errors:
            raise WorkbookRefused(self.errors)
        return header, rows

    def _check_made_for(self):
        licence, year = _made_for(self.workbook)
        problems = []
        if licence is not None and licence != self.centre.licence_number:
            problems.append(
                _("The file was made for another centre (licence %(theirs)s), not for %(ours)s.")
                % {"theirs": licence, "ours": self.centre.licence_number}
            )
        if year is not None and year != self.year:
            problems.append(
                _("The file was made for the year %(theirs)s, not for %(ours)s.") % {"theirs": year, "ours": self.year}
            )
        if problems:
            raise WorkbookRefused([_file_error(p) for p in problems])

    def _read_sheet(self, ws, sheet):
        title = ws.title
        rows = sheet_rows(ws, max_rows=MAX_STREAMED_ROWS, max_columns=len(sheet.columns), values_only=False)
        try:
            next(rows)  # the Bulgarian headers, for people
            keys = [getattr(c, "value", None) for c in next(rows)]
        except StopIteration:
            keys = []
        expected_keys = [c.key for c in sheet.columns]
        keys = keys[: len(expected_keys)]
        if keys != expected_keys:
            self.errors.append(
                CellError(
                    title, 2, "", _("The header rows were changed: download a new template and copy the data into it.")
                )
            )
            return None
        result = []
        for row_number, row in enumerate(rows, start=FIRST_DATA_ROW):
            cells = list(row)[: len(sheet.columns)]
            if all(_blank(getattr(c, "value", None)) for c in cells):
                continue
            if len(result) >= MAX_ROWS:
                self.errors.append(
                    CellError(title, row_number, "", _("Too many rows (at most %(n)s).") % {"n": MAX_ROWS})
                )
                break
            if sheet.single_row and result:
                self.errors.append(CellError(title, row_number, "", _("This sheet takes only one row of data.")))
                break
            values = {}
            for index, column in enumerate(sheet.columns):
                cell = cells[index] if index < len(cells) else None
                values[column.key] = self._value(title, row_number, index, sheet, column, cell)
            result.append((row_number, values))
        return result

    def _where(self, sheet, index):
        return f"{get_column_letter(index + 1)} ({_label(sheet.model, sheet.columns[index].key)})"

    def _error(self, title, row, sheet, index, message):
        self.errors.append(CellError(title, row, self._where(sheet, index), message))

    def _value(self, title, row, index, sheet, column, cell):
        raw = getattr(cell, "value", None)
        if isinstance(raw, str):
            if has_control_characters(raw, multiline=True) or len(raw) > MAX_TEXT:
                self._error(title, row, sheet, index, _("The text contains control characters or is too long."))
                return None
            raw = raw.strip() or None
        if getattr(cell, "data_type", None) == "f" or (isinstance(raw, str) and raw.startswith("=")):
            self._error(title, row, sheet, index, _("Formulas are not accepted: enter the value itself."))
            return None
        if raw is None:
            if column.required:
                self._error(title, row, sheet, index, _("This cell is required."))
            return column.default
        try:
            return self._convert(sheet, column, raw)
        except ValueError as exc:
            self._error(title, row, sheet, index, str(exc))
            return None

    def _convert(self, sheet, column, raw):
        kind = column.kind
        if kind in (INT, DECIMAL):
            low, high = field_range(sheet.model._meta.get_field(column.key))
            if isinstance(raw, bool | dt.date | dt.time | dt.timedelta):
                raise ValueError(_("A number is expected here, not text."))
            if kind == INT:
                return to_int(raw, minimum=low, maximum=high)
            places = sheet.model._meta.get_field(column.key).decimal_places
            value = to_decimal(_rounded(raw, places), minimum=low, maximum=high, places=places)
            return value
        if kind == DATE:
            return check_date(self._date(raw))
        if kind == CHOICE:
            return self._choice(column.choices, raw)
        if kind == YES_NO:
            text = str(raw).strip().lower()
            if text in (_("Yes").lower(), "да", "д", "yes", "y", "1", "true"):
                return True
            if text in (_("No").lower(), "не", "н", "no", "n", "0", "false"):
                return False
            raise ValueError(_("Write “Yes” or “No”."))
        code = _code(raw)
        if kind == PROFESSION:
            if code not in self.professions:
                raise ValueError(_("No profession with code %(code)s in the list of professions.") % {"code": code})
            return self.professions[code]
        if code not in self.specialties:
            raise ValueError(_("No specialty with code %(code)s in the list of professions.") % {"code": code})
        return self.specialties[code]

    @staticmethod
    def _date(raw):
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, str):
            for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
                try:
                    return dt.datetime.strptime(raw.strip().removesuffix(" г.").strip(), pattern).date()
                except ValueError:
                    pass
        raise ValueError(_("A date is expected here (dd.mm.yyyy)."))

    @staticmethod
    def _choice(choices, raw):
        text = " ".join(str(raw).split()).lower()
        for choice in choices:
            if text in (str(choice.label).lower(), str(choice.value).lower()):
                return choice.value
        alias = ALIASES.get(choices, {}).get(text)
        if alias is not None:
            return alias
        allowed = ", ".join(str(c.label) for c in choices)
        raise ValueError(_("Choose one of: %(allowed)s.") % {"allowed": allowed})

    def _check_header(self, title, sheet, header):
        check = rules.cpo_header_problems if self.centre.kind == CentreKind.CPO else rules.cipo_header_problems
        self._report(title, FIRST_DATA_ROW, sheet, check(header))

    def _check_rows(self, title, sheet, values):
        checks = {
            "courses": lambda v: rules.course_problems(v, self.year),
            "validations": rules.validation_problems,
            "trainees_by_birth_year": lambda v: rules.trainee_birth_year_problems(v, self.year),
            "trainees_by_citizenship": rules.trainee_count_problems,
        }
        seen = set()
        for row_number, row in values:
            problems = list(checks.get(sheet.key, lambda v: [])(row))
            specialty, profession = row.get("specialty"), row.get("profession")
            if specialty and profession and specialty.profession_id != profession.pk:
                problems.append(rules.Problem("specialty", _("The specialty does not belong to the profession.")))
            unique = rules.ROW_KEYS.get(sheet.key)
            if unique and row.get(unique[0]) is not None:
                key = tuple(row.get(f) for f in unique)
                if key in seen:
                    problems.append(rules.Problem(unique[0], _("This is already in another row.")))
                seen.add(key)
            self._report(title, row_number, sheet, problems)
        return [row for _number, row in values]

    def _report(self, title, row, sheet, problems):
        keys = [c.key for c in sheet.columns]
        for problem in problems:
            index = keys.index(problem.field) if problem.field in keys else 0
            self._error(title, row, sheet, index, problem.message)


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _rounded(raw, places):
    """A float cell rounded to the field's places (Excel stores 12.5 as 12.499999…); text and Decimals as typed."""
    if isinstance(raw, float) and abs(raw) < 1e15:
        return round(Decimal(repr(raw)), places)
    return raw


def _code(raw):
    """A profession or specialty code from a cell: a number, the code itself, or "code name" from the drop-down."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if isinstance(raw, float) and (not raw.is_integer() or abs(raw) > 1e15):
            raise ValueError(_("A code is expected here."))
        return str(int(raw))
    text = str(raw).strip()
    return text.split(" ", 1)[0] if text else text
