"""The year's activity information as a submitted report version keeps it, and the diff of two such snapshots.

Registered with reports.snapshots (AppConfig.ready): each submission stores the key figures (the
header's totals, the courses' sums, a CIPO's clients per service) and the course rows in a compact
form, so that the expert comparing two versions sees what the data were at each submission.

    {"entered": true, "figures": {"trainers_total": 3, "enrolled": 10, …},
     "columns": ["profession", "specialty", "kind", …], "courses": [["541010", null, "other", …], …]}
"""

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activity import rules
from activity.models import ActivityReport, Course, Profession, Service, ServiceRow
from activity.summary import summary_for
from centres.models import CentreKind
from formatting.numbers import format_number
from reports.snapshots import Line, register_snapshot

# The courses' sums an expert reads first (activity.summary), beside the header's own totals.
SUMMARY_FIGURES = {
    "courses": gettext_lazy("Courses in total"),
    "enrolled": gettext_lazy("Enrolled in total"),
    "certified": gettext_lazy("Certified in total"),
    "qualifying_by_validation": gettext_lazy("Certified through validation in total"),
    "vulnerable": gettext_lazy("From vulnerable groups in total"),
    "dropped_out": gettext_lazy("Dropped out in total"),
    "exam_admitted": gettext_lazy("Admitted to the state examination in total"),
    "exam_passed": gettext_lazy("Passed the state examination in total"),
}
HEADER_FIELDS = {
    CentreKind.CPO: (*rules.TRAINER_FIELDS, *rules.FOLLOW_UP_FIELDS),
    CentreKind.CIPO: (*rules.CLIENT_FIELDS, "clients_average_age"),
}
# A course row: its fields in this order; the profession and specialty by their codes.
COURSE_COLUMNS = tuple(
    f.name for f in Course._meta.concrete_fields if f.name not in ("id", "activity")
)  # profession, specialty, kind, degree, region, start_date, …
_LOOKUPS = {"profession": "profession__code", "specialty": "specialty__code"}
# Two rows with these equal are the same course, changed; otherwise one was removed and another added.
COURSE_KEY = ("profession", "specialty", "kind", "start_date", "end_date")
SERVICE_PREFIX = "service:"


def _plain(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def take(centre, year):
    """The snapshot of `centre`'s activity information for `year` ({"entered": False} when there is none)."""
    activity = ActivityReport.objects.filter(centre=centre, year=year).first()
    if activity is None:
        return {"entered": False}
    figures = {name: _plain(getattr(activity, name)) for name in HEADER_FIELDS.get(centre.kind, ())}
    if centre.kind == CentreKind.CIPO:
        for service, clients in ServiceRow.objects.filter(activity=activity).values_list("service", "clients"):
            figures[SERVICE_PREFIX + service] = clients
    else:
        summary = summary_for(activity)
        figures.update({name: summary[name] for name in SUMMARY_FIGURES})
    lookups = [_LOOKUPS.get(name, name) for name in COURSE_COLUMNS]
    rows = Course.objects.filter(activity=activity).order_by("start_date", "id").values_list(*lookups)
    return {
        "entered": True,
        "figures": figures,
        "columns": list(COURSE_COLUMNS),
        "courses": [[_plain(value) for value in row] for row in rows],
    }


# ---------------------------------------------------------------- reading two snapshots
def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field a later version of the app no longer has: its name still says something
        return name


def _figure_label(name):
    if name in SUMMARY_FIGURES:
        return str(SUMMARY_FIGURES[name])
    if not name.startswith(SERVICE_PREFIX):
        return capfirst(_field_label(ActivityReport, name))  # a row's label: "Преподаватели общо"
    service = name.removeprefix(SERVICE_PREFIX)
    label = Service(service).label if service in Service.values else service
    return _("Clients of the service “%(service)s”") % {"service": label}


def _shown(name, value):
    """A stored value as people read it: numbers with a decimal comma, dates as 01.03.2024, choices by label."""
    if value is None or value == "":
        return "—"
    if name in ("start_date", "end_date"):
        return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int) or name in ("price", "clients_average_age"):
        return format_number(Decimal(str(value)))
    try:
        field = Course._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    return str(dict(field.choices or ()).get(value, value))


def _rows(snapshot):
    columns = snapshot.get("columns") or []
    return [dict(zip(columns, row, strict=False)) for row in snapshot.get("courses") or []]


def _frozen(row):
    return tuple(sorted(row.items()))


def _unmatched(rows, others):
    """The rows with no identical row among `others` (each of the others matches one row at most)."""
    left = Counter(_frozen(row) for row in others)
    result = []
    for row in rows:
        if left[_frozen(row)]:
            left[_frozen(row)] -= 1
        else:
            result.append(row)
    return result


def _course_lines(old, new):
    before, after = _rows(old), _rows(new)
    removed, added = _unmatched(before, after), _unmatched(after, before)
    codes = {row.get("profession") for row in removed + added}
    names = dict(Profession.objects.filter(code__in=codes).values_list("code", "name"))

    def described(row):
        start, end = _shown("start_date", row.get("start_date")), _shown("end_date", row.get("end_date"))
        code = row.get("profession") or ""
        return _("Course %(profession)s, %(start)s – %(end)s") % {
            "profession": f"{code} {names.get(code, '')}".strip(),
            "start": start,
            "end": end,
        }

    lines = []
    for row in list(removed):
        key = tuple(row.get(k) for k in COURSE_KEY)
        match = next((r for r in added if tuple(r.get(k) for k in COURSE_KEY) == key), None)
        if match is None:
            continue
        removed.remove(row)
        added.remove(match)
        for name in (n for n in COURSE_COLUMNS if row.get(n) != match.get(n)):
            where = f"{described(row)}: {_field_label(Course, name)}"
            lines.append(_line(_("Changed"), where, _shown(name, row.get(name)), _shown(name, match.get(name))))
    lines += [_line(_("Course removed"), described(row), before=_summary(row)) for row in removed]
    lines += [_line(_("Course added"), described(row), after=_summary(row)) for row in added]
    return lines


def _summary(row):
    return _("%(enrolled)s enrolled, %(certified)s certified, %(hours)s hours") % {
        "enrolled": _shown("enrolled", row.get("enrolled")),
        "certified": _shown("certified", row.get("certified")),
        "hours": _shown("hours", row.get("hours")),
    }


def _line(what, where, before="—", after="—"):
    return Line(what, where, before, after)


def compare(old, new):
    """[reports.snapshots.Line] from snapshot `old` to snapshot `new`."""
    if not old.get("entered") and not new.get("entered"):
        return []
    if not old.get("entered") or not new.get("entered"):
        what = _("Activity information entered") if new.get("entered") else _("Activity information removed")
        return [_line(what, _("Activity information"))]
    lines = []
    before, after = old.get("figures") or {}, new.get("figures") or {}
    for name in list(dict.fromkeys([*before, *after])):
        if before.get(name) != after.get(name):
            shown = (_shown(name, before.get(name)), _shown(name, after.get(name)))
            lines.append(_line(_("Changed"), _figure_label(name), *shown))
    return lines + _course_lines(old, new)


def register():
    register_snapshot("activity", title=gettext_lazy("Activity information"), take=take, compare=compare)
