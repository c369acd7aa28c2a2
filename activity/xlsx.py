"""The activity information as an XLSX template: generate it (pre-filled), and read a filled one back.

Each table is one sheet: row 1 holds the Bulgarian headers, hidden row 2 the field keys the
reader matches on (so a reworded header does not break an upload), data from row 3. An upload is
read whole and every problem is reported by sheet, row and column; nothing is saved unless the
whole workbook is clean (activity.services.replace_all does the saving).
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from activity.models import Profession, Specialty
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

# Reading a filled template lives in activity.xlsx_read; its names are used through this module.
from activity.xlsx_read import (  # noqa: F401
    FIRST_DATA_ROW,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    CellError,
    WorkbookRefused,
    check_file,
    read_workbook,
)
from formatting.cells import safe_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# ---------------------------------------------------------------- writing the template
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def _cell_value(obj, column):
    value = getattr(obj, column.key if column.kind not in (PROFESSION, SPECIALTY) else column.key)
    if value is None:
        return None
    if column.kind in (PROFESSION, SPECIALTY):
        return _coded_name(value)
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
    list_ranges = _write_lists(lists, centre.kind)
    lists.sheet_state = "hidden"
    _write_instructions(intro, centre, year)
    for sheet in SHEETS[centre.kind]:
        ws = workbook.create_sheet(str(sheet.title))
        _write_headers(ws, sheet)
        rows = _existing_rows(sheet, activity)
        for offset, obj in enumerate(rows):
            for index, column in enumerate(sheet.columns, start=1):
                cell = ws.cell(row=FIRST_DATA_ROW + offset, column=index, value=safe_cell(_cell_value(obj, column)))
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


def _coded_name(obj):
    """'3410101 Name' — what the profession and specialty drop-downs offer; the reader takes the code."""
    return f"{obj.code} {obj.name}"


def _choice_lists(kind):
    """{list name: labels}: one list per choice class used by the kind's sheets, plus yes/no and the professions."""
    lists = {}
    for sheet in SHEETS[kind]:
        for column in sheet.columns:
            if column.kind == CHOICE:
                lists[column.choices.__name__] = [str(c.label) for c in column.choices]
    lists["yesno"] = [_("Yes"), _("No")]
    lists["profession"] = [_coded_name(p) for p in Profession.objects.order_by("code")]
    lists["specialty"] = [_coded_name(s) for s in Specialty.objects.order_by("code")]
    return lists


def _write_lists(ws, kind):
    """Choice lists on a hidden sheet: the data-validation drop-downs refer to their ranges."""
    ranges = {}
    for index, (name, values) in enumerate(_choice_lists(kind).items(), start=1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=safe_cell(value))
        if values:
            ranges[name] = f"'{ws.title}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _add_validations(ws, sheet, list_ranges):
    last = FIRST_DATA_ROW + (0 if sheet.single_row else MAX_ROWS - 1)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}{FIRST_DATA_ROW}:{letter}{last}"
        source = {
            CHOICE: column.choices.__name__ if column.choices else None,
            YES_NO: "yesno",
            PROFESSION: "profession",
            SPECIALTY: "specialty",
        }.get(column.kind)
        if source and source in list_ranges:
            validation = DataValidation(type="list", formula1=list_ranges[source], allow_blank=not column.required)
            # The natural short forms ("Ж", "България") are accepted too: warn, do not stop the person.
            validation.errorStyle = "warning"
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
        _("Decimal numbers may be written with a comma (12,50). The file is accepted only for this centre and year."),
        _("Uploading the file replaces all the activity information for the year with the file's content."),
    ]
    for row, text in enumerate(lines, start=1):
        ws.cell(row=row, column=1, value=safe_cell(text))
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110
