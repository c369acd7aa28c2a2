"""Writing a Table to a file in constant memory, reporting progress every PROGRESS_EVERY rows.

CSV goes through formatting.csv.people_rows (`;`, BOM, decimal commas: what Bulgarian Excel
reads), written in buffered chunks. XLSX is written by xlsxwriter in constant-memory mode (rows
go to disk as they come): measured against openpyxl's write-only mode on a million answers
(bench/bench_exports.py), it was several times faster; `engine="openpyxl"` is kept for that
comparison. Every text cell passes formatting.cells.safe_cell; no per-cell styles.
"""

import itertools

from formatting.cells import safe_cell
from formatting.csv import write_people

PROGRESS_EVERY = 5000
BUFFER = 1 << 20  # bytes of CSV per write to disk


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
        for r, row in enumerate(_counted(table, progress), start=len(table.headers)):
            sheet.write_row(r, 0, [_cell(v) for v in row])
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
