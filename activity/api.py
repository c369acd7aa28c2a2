"""Activity information: read a year's data, and upload it as JSON from a centre's own training software.

The upload goes through the same conversions and consistency rules as the XLSX template (the
template's reader, fed JSON values instead of cells), every problem listed with its JSON path,
and replaces the year's data all or nothing through services.replace_all.
"""

import contextlib
import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from activity import services
from activity.models import ActivityReport
from activity.xlsx_layout import CHOICE, DATE, PROFESSION, SHEETS, SPECIALTY, YES_NO
from activity.xlsx_read import _Reader
from api.auth import require
from api.problems import Problem
from api.schemas import responses
from centres.access import centres_visible_to

router = Router(tags=["activity"])


class ActivityOut(Schema):
    licence_number: str
    year: int
    header: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]


class ActivityIn(Schema):
    model_config = {"extra": "forbid"}
    header: dict[str, Any] = {}
    rows: dict[str, list[dict[str, Any]]] = {}


def _centre(request, licence_number):
    return get_object_or_404(centres_visible_to(request.user), licence_number=licence_number)


def _json_value(obj, column):
    value = getattr(obj, column.key)
    if value is None:
        return None
    if column.kind in (PROFESSION, SPECIALTY):
        return value.code
    if column.kind == DATE:
        return value.isoformat()
    if column.kind == YES_NO:
        return bool(value)
    if column.kind == CHOICE:
        return str(value)
    return value


def serialise(centre, activity):
    header, rows = {}, {}
    for sheet in SHEETS[centre.kind]:
        if sheet.single_row:
            header = {c.key: (_json_value(activity, c) if activity else None) for c in sheet.columns}
            continue
        objects = sheet.model.objects.filter(activity=activity) if activity else []
        rows[sheet.key] = [{c.key: _json_value(o, c) for c in sheet.columns} for o in objects]
    return header, rows


@router.get("/{licence_number}/{int:year}", response=responses(ActivityOut), summary="A year's activity information")
def get_activity(request, licence_number: str, year: int):
    require(request, "activity")
    centre = _centre(request, licence_number)
    activity = ActivityReport.objects.filter(centre=centre, year=year).first()
    header, rows = serialise(centre, activity)
    return {"licence_number": centre.licence_number, "year": year, "header": header, "rows": rows}


class _Value:
    """A JSON value dressed as a cell for the template's reader."""

    data_type = "n"

    def __init__(self, value):
        self.value = value


class JsonReader(_Reader):
    def __init__(self, centre, year, body):
        super().__init__(None, centre, year)
        self.body = body
        self.problems = []

    def read(self):
        sheets = {s.key: s for s in SHEETS[self.centre.kind]}
        for key in self.body.rows:
            if key not in sheets or sheets[key].single_row:
                self.problems.append({"path": f"/rows/{key}", "message": _("There is no such table.")})
        header, rows = {}, {}
        for sheet in sheets.values():
            if sheet.single_row:
                header = self._row("/header", None, sheet, self.body.header)
                self._check_header("/header", sheet, header)
            elif sheet.key in self.body.rows:
                values = [
                    (i, self._row(f"/rows/{sheet.key}", i, sheet, raw))
                    for i, raw in enumerate(self.body.rows[sheet.key])
                ]
                rows[sheet.key] = self._check_rows(f"/rows/{sheet.key}", sheet, values)
        if self.problems:
            raise Problem(400, _("Invalid activity information"), _("Nothing was saved."), errors=self.problems)
        return header, rows

    def _row(self, base, index, sheet, raw):
        if not isinstance(raw, dict):
            self.problems.append({"path": f"{base}/{index}", "message": _("An object is expected here.")})
            return {}
        keys = {c.key for c in sheet.columns}
        for key in raw:
            if key not in keys:
                where = base if index is None else f"{base}/{index}"
                self.problems.append({"path": f"{where}/{key}", "message": _("Unknown field.")})
        values = {}
        for position, column in enumerate(sheet.columns):
            value = raw.get(column.key)
            if column.kind == DATE and isinstance(value, str):
                with contextlib.suppress(ValueError):  # if not ISO, the reader says what is expected
                    value = dt.date.fromisoformat(value)
            cell = _Value(value) if value is not None else None
            values[column.key] = self._value(base, index, position, sheet, column, cell)
        return values

    def _error(self, title, row, sheet, index, message):
        key = sheet.columns[index].key
        path = f"{title}/{key}" if row is None else f"{title}/{row}/{key}"
        self.problems.append({"path": path, "message": str(message)})

    def _report(self, title, row, sheet, problems):
        keys = [c.key for c in sheet.columns]
        for problem in problems:
            index = keys.index(problem.field) if problem.field in keys else 0
            self._error(title, row, sheet, index, problem.message)


@router.put("/{licence_number}/{int:year}", response=responses(ActivityOut), summary="Replace a year’s activity data")
def put_activity(request, licence_number: str, year: int, payload: ActivityIn):
    """Idempotent: the same body replaces the data with the same data. Tables not sent stay as they are."""
    require(request, "activity", write=True)
    centre = _centre(request, licence_number)
    if not services.may_edit(request.user, centre):
        raise Problem(403, _("Forbidden"), _("Only the centre's director or editor may change its activity data."))
    if not services.is_open(centre, year):
        raise Problem(409, _("Locked"), _("The year's report has been submitted: its activity information is locked."))
    header, rows = JsonReader(centre, year, payload).read()
    activity = services.replace_all(
        actor=request.user, centre=centre, year=year, header=header, rows=rows, source="api"
    )
    header, rows = serialise(centre, activity)
    return {"licence_number": centre.licence_number, "year": year, "header": header, "rows": rows}
