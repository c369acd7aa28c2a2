"""CSV in two dialects: for people (Bulgarian Excel) and for programs.

Bulgarian Excel reads a ';'-separated file with decimal commas, and UTF-8 only
with a BOM; a program wants ',' and decimal points. Every CSV the system writes
goes through one of these two writers, and every text cell through safe_cell.
"""

import csv
import io
from decimal import Decimal

from formatting.cells import FORMULA_TRIGGERS, safe_cell
from formatting.numbers import format_number

BOM = "\ufeff"
_TRIGGERS = frozenset(FORMULA_TRIGGERS)  # one-character strings: "" (an empty cell) is not in it


class _Echo:
    def write(self, value):
        return value


def _people_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal | float):
        return format_number(value, lang="bg", grouping=False)
    return safe_cell(value)


def _machine_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return format(value, "f") if isinstance(value, Decimal) else repr(value)
    return safe_cell(value)


def _people_row(row):
    # Plain str and int cells, nearly all of a big table, are decided inline (what _people_value and
    # safe_cell would give them) rather than in two calls per cell; every other type goes through them.
    return [
        ("'" + v if v[:1] in _TRIGGERS else v) if type(v) is str else v if type(v) is int else _people_value(v)
        for v in row
    ]


def people_rows(rows):
    """Yield lines: the BOM, then rows separated by ';' with decimal commas (for StreamingHttpResponse)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield BOM
    for row in rows:
        yield writer.writerow(_people_row(row))


def write_people(handle, rows):
    """Write the people's CSV (the same text as people_rows) to an open text file: big exports."""
    handle.write(BOM)
    csv.writer(handle, delimiter=";").writerows(map(_people_row, rows))


def machine_rows(rows):
    """Yield lines of a plain comma CSV with decimal points, UTF-8 without BOM, for programs."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([_machine_value(v) for v in row])


def people_csv(rows):
    """The whole people's CSV as UTF-8 bytes (small tables)."""
    return "".join(people_rows(rows)).encode("utf-8")


def machine_csv(rows):
    return "".join(machine_rows(rows)).encode("utf-8")


def to_text(lines):
    out = io.StringIO()
    for line in lines:
        out.write(line)
    return out.getvalue()
