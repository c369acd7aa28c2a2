"""The analysis tables as data: the dashboard, the CSV/XLSX downloads and the documents all read these.

A cell holds an int, an unrounded Decimal, a string or None; each renderer formats it
(two decimals, Bulgarian decimal comma on the page and in the documents).
"""

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from analysis.figure_types import points_key
from analysis.serialize import num
from formatting.cells import safe_cell


@dataclass
class Column:
    label: str
    kind: str = "text"  # text | int | num (2 decimals)


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list

    def formatted_rows(self):
        return [[format_cell(v, col.kind) for v, col in zip(row, self.columns, strict=True)] for row in self.rows]

    def cells(self):
        """[[(text, is a number)]]: what the page and the documents show."""
        kinds = [c.kind != "text" for c in self.columns]
        return [list(zip(row, kinds, strict=True)) for row in self.formatted_rows()]


def display(value, places=2):
    """A number for people: rounded half-up (number_format alone would cut), with the locale's decimal comma."""
    if value is None:
        return "–"
    exponent = Decimal(1).scaleb(-places)
    return number_format(Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP), places)


def format_cell(value, kind):
    if value is None:
        return "–"
    if kind == "num" and isinstance(value, Decimal | int | float):
        return display(value)
    return str(value)


def _points_label(key):
    return number_format(Decimal(key), None) if "." in key else key


def centres_table(figures):
    """Table 1: licensed centres and their submissions."""
    cpo, cipo = figures.cpo, figures.cipo
    prev = cpo.previous
    year_end = f"31.12.{figures.year}"
    rows = [
        [_("CPO licensed on %(date)s") % {"date": year_end}, cpo.licensed, None, prev.licensed if prev else None],
        [
            _("CPO that submitted a self-assessment report"),
            cpo.submitted,
            cpo.submitted_pct,
            prev.submitted if prev else None,
        ],
        [
            _("CPO that submitted on time"),
            cpo.submitted_on_time,
            cpo.submitted_on_time_pct,
            prev.submitted_on_time if prev else None,
        ],
        [_("CPO that submitted late"), cpo.submitted_late, None, prev.submitted_late if prev else None],
        [_("CPO with zero-value reports"), cpo.zero_reports, cpo.zero_reports_pct, prev.zero_reports if prev else None],
        [
            _("CIPO licensed on %(date)s") % {"date": year_end},
            cipo.licensed,
            None,
            cipo.previous.licensed if cipo.previous else None,
        ],
        [
            _("CIPO that submitted on time"),
            cipo.submitted_on_time,
            cipo.submitted_on_time_pct,
            cipo.previous.submitted_on_time if cipo.previous else None,
        ],
    ]
    return Table(
        "centres",
        _("Table 1. Centres and submitted reports"),
        [
            Column(_("Centres")),
            Column(_("Number"), "int"),
            Column(_("Per cent"), "num"),
            Column(_("Previous year"), "int"),
        ],
        rows,
    )


def grades_table(figures):
    cpo = figures.cpo
    prev = cpo.previous
    rows = [
        [
            cpo.grade_names.get(code, code),
            n,
            cpo.levels_pct[code],
            prev.levels.get(code) if prev else None,
            prev.levels_pct.get(code) if prev else None,
        ]
        for code, n in cpo.levels.items()
    ]
    return Table(
        "grades",
        _("CPO by grade"),
        [
            Column(_("Grade")),
            Column(_("Number"), "int"),
            Column(_("Per cent of submitted"), "num"),
            Column(_("Number, previous year"), "int"),
            Column(_("Per cent, previous year"), "num"),
        ],
        rows,
    )


def areas_table(figures):
    """Table 2: mean points by area."""
    rows = [
        [f"{a.code}. {a.name}", a.max_points, a.mean_points, a.pct, a.previous_mean, a.change]
        for a in figures.cpo.areas
    ]
    cpo = figures.cpo
    rows.append(
        [
            _("Total of all areas"),
            cpo.framework.total_points if cpo.framework else None,
            cpo.mean_total,
            None,
            cpo.previous.mean_total if cpo.previous else None,
            cpo.change("mean_total"),
        ]
    )
    return Table(
        "areas",
        _("Table 2. Mean points by area of self-assessment, %(year)s") % {"year": figures.year},
        [
            Column(_("Area")),
            Column(_("Maximum points"), "num"),
            Column(_("Mean points"), "num"),
            Column(_("Achieved, %"), "num"),
            Column(_("Mean, previous year"), "num"),
            Column(_("Change"), "num"),
        ],
        rows,
    )


def distribution_text(criterion):
    return "; ".join(f"{_points_label(k)}: {n}" for k, n in criterion.distribution.items())


def criteria_table(figures):
    rows = [
        [c.code, c.name, c.max_points, c.mean_points, c.pct, distribution_text(c), c.change]
        for c in figures.cpo.criteria
    ]
    return Table(
        "criteria",
        _("Criteria: mean points and reports by level"),
        [
            Column(_("Code")),
            Column(_("Criterion")),
            Column(_("Maximum points"), "num"),
            Column(_("Mean points"), "num"),
            Column(_("Achieved, %"), "num"),
            Column(_("Reports by points (points: number)")),
            Column(_("Change of the mean"), "num"),
        ],
        rows,
    )


def distribution_table(figures):
    """The per-criterion distribution in long form (one row per criterion and level), for spreadsheets."""
    submitted = figures.cpo.submitted
    rows = [
        [c.code, Decimal(k), n, Decimal(n) * 100 / submitted if submitted else None]
        for c in figures.cpo.criteria
        for k, n in c.distribution.items()
    ]
    return Table(
        "distribution",
        _("Reports by level of each criterion"),
        [Column(_("Code")), Column(_("Points"), "num"), Column(_("Reports"), "int"), Column(_("Per cent"), "num")],
        rows,
    )


def cipo_table(figures):
    rows = [[i.code, i.name, i.yes, i.no, i.yes_pct, i.no_pct, i.change] for i in figures.cipo.indicators]
    return Table(
        "cipo",
        _("CIPO: answers by indicator"),
        [
            Column(_("Code")),
            Column(_("Indicator")),
            Column(_("Yes"), "int"),
            Column(_("No"), "int"),
            Column(_("Yes, %"), "num"),
            Column(_("No, %"), "num"),
            Column(_("Change of yes, percentage points"), "num"),
        ],
        rows,
    )


TABLES = {
    "centres": centres_table,
    "grades": grades_table,
    "areas": areas_table,
    "criteria": criteria_table,
    "distribution": distribution_table,
    "cipo": cipo_table,
}


def all_tables(figures):
    return {key: build(figures) for key, build in TABLES.items()}


def safe_text(value):
    """Text that a spreadsheet program will not evaluate as a formula (CSV/XLSX injection)."""
    return safe_cell(value)


def _csv_rows(table):
    """The header and rows with numbers rounded as shown (two places for "num" columns)."""
    yield [c.label for c in table.columns]
    for row in table.rows:
        yield [
            Decimal(v).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if col.kind == "num" and isinstance(v, Decimal | int | float) and not isinstance(v, bool)
            else v
            for v, col in zip(row, table.columns, strict=True)
        ]


def to_people_csv(table):
    """For people (Bulgarian Excel): ';', decimal comma, BOM — formatting.csv's rule."""
    from formatting.csv import people_csv

    return people_csv(_csv_rows(table))


def to_machine_csv(table):
    """For programs: ',', decimal point, no BOM."""
    from formatting.csv import machine_csv

    return machine_csv(_csv_rows(table))


def to_csv(table):
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheet programs read UTF-8 only with the BOM
    writer = csv.writer(out)
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else safe_text(v) if isinstance(v, str) else str(_plain(v)) for v in row])
    return out.getvalue().encode("utf-8")


def _plain(value):
    return num(value) if isinstance(value, Decimal) else value


def write_sheet(ws, table, bold=None):
    """Append a table to an openpyxl worksheet (write-only or not)."""
    from openpyxl.cell import WriteOnlyCell

    header = []
    for c in table.columns:
        cell = WriteOnlyCell(ws, value=c.label)
        if bold is not None:
            cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in table.rows:
        ws.append([xlsx_cell(ws, v, col.kind) for v, col in zip(row, table.columns, strict=True)])


def xlsx_cell(ws, value, kind="text"):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=None)
        cell.value = safe_text(value)
        cell.data_type = "s"  # never a formula, whatever the text
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(ws, value=num(value))
        cell.number_format = "0.00"
        return cell
    return WriteOnlyCell(ws, value=value)


def to_xlsx(table):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.key[:31])
    write_sheet(ws, table, Font(bold=True))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


__all__ = ["TABLES", "Table", "all_tables", "points_key", "safe_text", "to_csv", "to_xlsx"]
