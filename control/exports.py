"""The control app's tables as CSV (people's or machines') and XLSX, through the formatting app."""

import io

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from formatting.cells import safe_cell, xlsx_text_cell
from formatting.csv import machine_csv, people_csv


def ranking_header():
    return [
        _("Rank"),
        _("Licence number"),
        _("Centre"),
        _("Kind"),
        _("Region"),
        _("Score"),
        _("Signal"),
        _("Weight"),
        _("Value"),
        _("Points"),
        _("Status"),
        _("Explanation"),
    ]


def ranking_rows(ranking):
    """One row per centre and signal (the long form keeps every reason in a cell of its own)."""
    for risk in ranking:
        for s in risk.signals:
            value = s.value
            if isinstance(value, bool):
                value = int(value)
            yield [
                risk.rank,
                risk.licence_number,
                risk.facts.name,
                risk.facts.kind,
                risk.facts.region,
                risk.score,
                s.code,
                s.weight,
                value,
                s.points,
                s.status,
                s.explanation,
            ]


def ranking_csv(ranking, *, machine=False):
    rows = [ranking_header(), *ranking_rows(ranking)]
    if machine:
        rows[0] = [
            "rank",
            "licence_number",
            "name",
            "kind",
            "region",
            "score",
            "signal",
            "weight",
            "value",
            "points",
            "status",
            "explanation",
        ]
        return machine_csv(rows)
    return people_csv(rows)


def _plain(value):
    # Lazy translations (choice labels) are text to a spreadsheet.
    return str(value) if isinstance(value, Promise) else value


def _plain_rows(header, rows):
    return [[_plain(v) for v in header], *[[_plain(v) for v in row] for row in rows]]


def table_csv(header, rows):
    return people_csv(_plain_rows(header, rows))


def table_xlsx(title, header, rows):
    """One sheet: the header in bold, text cells never formulas, numbers as numbers."""
    from openpyxl import Workbook

    header, *rows = _plain_rows(header, rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(title)[:31])
    ws.append([xlsx_text_cell(ws, h) for h in header])
    for row in rows:
        ws.append([xlsx_text_cell(ws, v) if isinstance(v, str) else safe_cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
