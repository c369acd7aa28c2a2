"""Writing a Table to a file in constant memory, reporting progress every PROGRESS_EVERY rows.

CSV goes through formatting.csv (`;`, BOM, decimal commas: what Bulgarian Excel reads), written by
csv.writer into a buffered file. XLSX is written by xlsxwriter in constant-memory mode (rows go to
disk as they come), each cell by its type's own method. Measured on a million answers (200,000
responses × 5 answers, SQLite, bench/bench_exports.py, 2 cores under a load of 3–4): xlsxwriter
20–26 s, openpyxl's write-only mode 40–42 s (the CSV 4.6–6 s), so xlsxwriter is the default;
`engine="openpyxl"` is kept for that comparison. Every text cell passes the safe-cell rule of
formatting.cells; no per-cell styles.
"""

import itertools

from formatting.cells import FORMULA_TRIGGERS, safe_cell
from formatting.csv import write_people

PROGRESS_EVERY = 5000
BUFFER = 1 << 20  # bytes of CSV per write to disk
_TRIGGERS = frozenset(FORMULA_TRIGGERS)


def _counted(table, progress):
    done = 0
    for row in table.rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done)
    progress(done)


def write_csv(path, table, progress=lambda done: None):
    # csv.writer straight into the file (its buffer makes the chunks): no line string per row in Python.
    with open(path, "w", encoding="utf-8", newline="", buffering=BUFFER) as handle:
        write_people(handle, itertools.chain(table.headers, _counted(table, progress)))


def _cell(value):
    return safe_cell(value) if isinstance(value, str) else value


def write_xlsx(path, table, progress=lambda done: None, engine="xlsxwriter"):
    if engine == "openpyxl":
        return _write_openpyxl(path, table, progress)
    import xlsxwriter

    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(path, options) as workbook:
        sheet = workbook.add_worksheet(table.sheet[:31])
        bold = workbook.add_format({"bold": True})
        for r, header in enumerate(table.headers):
            sheet.write_row(r, 0, [_cell(v) for v in header], bold if r == 0 else None)
        sheet.freeze_panes(len(table.headers), 0)
        number, string = sheet.write_number, sheet.write_string
        for r, row in enumerate(_counted(table, progress), start=len(table.headers)):
            # Each cell by its type's own method rather than write_row's per-cell dispatch; None and ""
            # skipped (write_row would write nothing for them either: a blank without a format).
            for c, value in enumerate(row):
                kind = type(value)
                if kind is int:
                    number(r, c, value)
                elif kind is str:
                    if value:
                        string(r, c, "'" + value if value[:1] in _TRIGGERS else value)
                elif value is not None:
                    sheet.write(r, c, _cell(value))
    return None


def _write_openpyxl(path, table, progress):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.sheet[:31])
    for header in table.headers:
        sheet.append([_cell(v) for v in header])
    for row in _counted(table, progress):
        sheet.append([_cell(v) for v in row])
    workbook.save(path)
