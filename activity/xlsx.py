"""The activity information as an XLSX template: generate it (pre-filled), and read a filled one back.

Each table is one sheet: row 1 holds the Bulgarian headers, hidden row 2 the field keys the
reader matches on (so a reworded header does not break an upload), data from row 3. An upload is
read whole and every problem is reported by sheet, row and column; nothing is saved unless the
whole workbook is clean (activity.services.replace_all does the saving).
"""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from activity import rules
from activity.models import (
    CourseKind,
    Funding,
    Ownership,
    Profession,
    Service,
    Specialty,
)
from activity.xlsx_layout import (
    CHOICE,
    DATE,
    DECIMAL,
    INSTRUCTIONS_TITLE,
    INT,
    LISTS_TITLE,
    PROFESSION,
    SHEETS,
    SPECIALTY,
    YES_NO,
    _label,
)
from centres.models import CentreKind
from centres.regions import Region

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # a small file that inflates to gigabytes is refused before parsing
MAX_ROWS = 2000
FIRST_DATA_ROW = 3
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# ---------------------------------------------------------------- writing the template
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def _cell_value(obj, column):
    value = getattr(obj, column.key if column.kind not in (PROFESSION, SPECIALTY) else column.key)
    if value is None:
        return None
    if column.kind in (PROFESSION, SPECIALTY):
        return value.code
    if column.kind == CHOICE:
        return str(column.choices(value).label)
    if column.kind == YES_NO:
        return _("Yes") if value else _("No")
    return value


def build_template(centre, year, activity=None):
    """An XLSX workbook (bytes) for the centre's kind and year, holding its current data if any."""
    workbook = Workbook()
    intro = workbook.active
    intro.title = str(INSTRUCTIONS_TITLE)
    lists = workbook.create_sheet(str(LISTS_TITLE))
    list_ranges = _write_lists(lists)
    lists.sheet_state = "hidden"
    _write_instructions(intro, centre, year)
    for sheet in SHEETS[centre.kind]:
        ws = workbook.create_sheet(str(sheet.title))
        _write_headers(ws, sheet)
        rows = _existing_rows(sheet, activity)
        for offset, obj in enumerate(rows):
            for index, column in enumerate(sheet.columns, start=1):
                cell = ws.cell(row=FIRST_DATA_ROW + offset, column=index, value=_cell_value(obj, column))
                if column.kind == DATE:
                    cell.number_format = "DD.MM.YYYY"
        _add_validations(ws, sheet, list_ranges)
    workbook.move_sheet(lists, offset=len(workbook.sheetnames))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _existing_rows(sheet, activity):
    if activity is None or activity.pk is None:
        return []
    if sheet.single_row:
        return [activity]
    related = sheet.model.objects.filter(activity=activity)
    if any(c.kind in (PROFESSION, SPECIALTY) for c in sheet.columns):
        related = related.select_related("profession", *(["specialty"] if _has(sheet, "specialty") else []))
    return list(related)


def _has(sheet, key):
    return any(c.key == key for c in sheet.columns)


def _write_headers(ws, sheet):
    for index, column in enumerate(sheet.columns, start=1):
        header = ws.cell(row=1, column=index, value=_label(sheet.model, column.key) + (" *" if column.required else ""))
        header.font = HEADER_FONT
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=2, column=index, value=column.key)
        ws.column_dimensions[get_column_letter(index)].width = 16
    ws.row_dimensions[1].height = 48
    ws.row_dimensions[2].hidden = True
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)


def _write_lists(ws):
    """Choice lists on a hidden sheet: the data-validation drop-downs refer to their ranges."""
    lists = {
        "kind": [str(c.label) for c in CourseKind],
        "region": [str(c.label) for c in Region],
        "funding": [str(c.label) for c in Funding],
        "ownership": [str(c.label) for c in Ownership],
        "service": [str(c.label) for c in Service],
        "yesno": [_("Yes"), _("No")],
        "profession": list(Profession.objects.values_list("code", flat=True)),
        "specialty": list(Specialty.objects.values_list("code", flat=True)),
    }
    ranges = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=value)
        if values:
            ranges[name] = f"'{ws.title}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _add_validations(ws, sheet, list_ranges):
    last = FIRST_DATA_ROW + (0 if sheet.single_row else MAX_ROWS - 1)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}{FIRST_DATA_ROW}:{letter}{last}"
        source = {CHOICE: column.key if column.key != "source" else "funding", YES_NO: "yesno"}.get(column.kind)
        if column.kind in (PROFESSION, SPECIALTY):
            source = column.kind == PROFESSION and "profession" or "specialty"
        if source and source in list_ranges:
            validation = DataValidation(type="list", formula1=list_ranges[source], allow_blank=not column.required)
        elif column.kind == INT:
            validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        elif column.kind == DECIMAL:
            validation = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        elif column.kind == DATE:
            validation = DataValidation(type="date", operator="greaterThan", formula1="1")
        else:
            continue
        validation.error = _("The value is not allowed here.")
        validation.showErrorMessage = True
        ws.add_data_validation(validation)
        validation.add(area)


def _write_instructions(ws, centre, year):
    lines = [
        _("Activity information for %(year)s") % {"year": year},
        str(centre),
        "",
        _("Fill in one row per course (or per profession, service or funding source) from row 3 down."),
        _("Do not rename the sheets and do not change the header rows; leave unknown numbers empty."),
        _("Enter numbers and dates as values, not formulas. Choose the options from the drop-down lists."),
        _("Uploading the file replaces all the activity information for the year with the file's content."),
    ]
    for row, text in enumerate(lines, start=1):
        ws.cell(row=row, column=1, value=text)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110


# ---------------------------------------------------------------- reading a filled template
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


def check_file(uploaded):
    """The bytes of an uploaded XLSX, or WorkbookRefused when it is too big or not an XLSX at all."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise WorkbookRefused(
            [_file_error(_("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20})]
        )
    data = uploaded.read()
    not_xlsx = _file_error(_("The file is not an Excel workbook (XLSX). Download the template and fill it in."))
    # Trust the content, not the name or the browser's content type: an XLSX is a ZIP holding xl/workbook.xml.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" not in names:
                raise WorkbookRefused([not_xlsx])
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookRefused([_file_error(_("The workbook is too large when unpacked."))])
    except zipfile.BadZipFile:
        raise WorkbookRefused([not_xlsx]) from None
    return data


def _file_error(message):
    return CellError(sheet="", row=None, column="", message=message)


def read_workbook(data, centre, year):
    """(header values, {row kind: [row dicts]}) from a template's bytes; WorkbookRefused listing every problem."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same to the person
        raise WorkbookRefused([_file_error(_("The workbook cannot be read. Save it again as XLSX."))]) from None
    try:
        return _Reader(workbook, centre, year).read()
    finally:
        workbook.close()


class _Reader:
    def __init__(self, workbook, centre, year):
        self.workbook = workbook
        self.centre = centre
        self.year = year
        self.errors = []
        self.professions = {p.code: p for p in Profession.objects.all()}
        self.specialties = {s.code: s for s in Specialty.objects.all()}

    def read(self):
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
            values = self._read_sheet(self.workbook[title], sheet)
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

    def _read_sheet(self, ws, sheet):
        title = ws.title
        rows = ws.iter_rows(min_row=1)
        try:
            next(rows)  # the Bulgarian headers, for people
            keys = [c.value for c in next(rows)]
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
            if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells):
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
            raw = raw.strip() or None
        if getattr(cell, "data_type", None) == "f" or (isinstance(raw, str) and raw.startswith("=")):
            self._error(title, row, sheet, index, _("Formulas are not accepted: enter the value itself."))
            return None
        if raw is None:
            if column.required:
                self._error(title, row, sheet, index, _("This cell is required."))
            return column.default
        try:
            return self._convert(column, raw)
        except ValueError as exc:
            self._error(title, row, sheet, index, str(exc))
            return None

    def _convert(self, column, raw):
        kind = column.kind
        if kind in (INT, DECIMAL):
            if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)):
                raise ValueError(_("A number is expected here, not text."))
            try:
                value = Decimal(str(raw))
            except InvalidOperation:
                raise ValueError(_("A number is expected here, not text.")) from None
            if value < 0:
                raise ValueError(_("Must not be negative."))
            if kind == INT:
                if value != value.to_integral_value():
                    raise ValueError(_("A whole number is expected here."))
                return int(value)
            return value.quantize(Decimal("0.01"))
        if kind == DATE:
            if isinstance(raw, dt.datetime):
                return raw.date()
            if isinstance(raw, dt.date):
                return raw
            if isinstance(raw, str):
                try:
                    return dt.datetime.strptime(raw, "%d.%m.%Y").date()
                except ValueError:
                    pass
            raise ValueError(_("A date is expected here (dd.mm.yyyy)."))
        if kind == CHOICE:
            return self._choice(column.choices, raw)
        if kind == YES_NO:
            text = str(raw).strip().lower()
            if text in (_("Yes").lower(), "да", "yes", "1", "true"):
                return True
            if text in (_("No").lower(), "не", "no", "0", "false"):
                return False
            raise ValueError(_("Write “Yes” or “No”."))
        code = str(int(raw)) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else str(raw).strip()
        if kind == PROFESSION:
            if code not in self.professions:
                raise ValueError(_("No profession with code %(code)s in the list of professions.") % {"code": code})
            return self.professions[code]
        if code not in self.specialties:
            raise ValueError(_("No specialty with code %(code)s in the list of professions.") % {"code": code})
        return self.specialties[code]

    @staticmethod
    def _choice(choices, raw):
        text = " ".join(str(raw).split()).lower()
        for choice in choices:
            if text in (str(choice.label).lower(), str(choice.value).lower()):
                return choice.value
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
