"""What the agency learns from its controls in a year: tables computed in SQL, each downloadable as CSV or XLSX."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centres.access import agency_required
from control import exports, risk, timers
from control.models import Control, Finding, FindingClass, State
from inputs.query import year_param

TABLES = {
    "states": gettext_lazy("Controls by state"),
    "overdue": gettext_lazy("Overdue steps"),
    "items": gettext_lazy("Findings by checklist item and class"),
    "classes": gettext_lazy("Findings by class"),
    "fulfilment": gettext_lazy("Recommendations fulfilled on time"),
    "risk": gettext_lazy("Risk score of controlled and not controlled centres"),
}


@dataclass
class Table:
    code: str
    title: str
    header: list
    rows: list


def _share(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def by_state(year):
    counts = dict(Control.objects.for_year(year).values_list("state").annotate(n=Count("id")))
    rows = [[label, counts.get(value, 0)] for value, label in State.choices]
    return Table("states", str(TABLES["states"]), [_("State"), _("Controls")], rows)


def overdue(year):
    today = timers.today()
    rows = []
    controls = Control.objects.for_year(year).open().select_related("centre").annotate(finding_count=Count("findings"))
    for control in controls.order_by("centre__name"):
        deadline = timers.next_deadline(control, today)
        if deadline and deadline.overdue:
            rows.append(
                [control.centre.name, control.get_state_display(), deadline.label, deadline.due, -deadline.days_left]
            )
    return Table(
        "overdue", str(TABLES["overdue"]), [_("Centre"), _("State"), _("Step"), _("Due"), _("Days overdue")], rows
    )


def by_item(year):
    findings = Finding.objects.filter(control__year=year, item__isnull=False)
    grouped = (
        findings.values("item__code", "item__text", "item__checklist__code")
        .annotate(
            centres=Count("control__centre", distinct=True),
            **{k: Count("id", filter=Q(klass=k)) for k in FindingClass.values},
        )
        .order_by("-centres", "item__checklist__code", "item__code")
    )
    rows = [
        [
            r["item__checklist__code"],
            r["item__code"],
            r["item__text"],
            r["centres"],
            *[r[k] for k in FindingClass.values],
        ]
        for r in grouped
    ]
    header = [_("Checklist"), _("Item"), _("Text"), _("Centres"), *[label for _v, label in FindingClass.choices]]
    return Table("items", str(TABLES["items"]), header, rows)


def by_class(year):
    counts = dict(Finding.objects.filter(control__year=year).values_list("klass").annotate(n=Count("id")))
    rows = [[label, counts.get(value, 0)] for value, label in FindingClass.choices]
    return Table("classes", str(TABLES["classes"]), [_("Class"), _("Findings")], rows)


def fulfilment(year):
    counts = Finding.objects.filter(control__year=year).aggregate(
        total=Count("id"),
        decided=Count("id", filter=Q(fulfilled__isnull=False)),
        fulfilled=Count("id", filter=Q(fulfilled=True)),
        on_time=Count("id", filter=Q(fulfilled_on_time=True)),
    )
    rows = [
        [_("Recommendations"), counts["total"], None],
        [_("Decided by the inspectors"), counts["decided"], _share(counts["decided"], counts["total"])],
        [_("Fulfilled"), counts["fulfilled"], _share(counts["fulfilled"], counts["decided"])],
        [_("Fulfilled on time"), counts["on_time"], _share(counts["on_time"], counts["decided"])],
    ]
    return Table("fulfilment", str(TABLES["fulfilment"]), [_("Measure"), _("Number"), _("Share, %")], rows)


def risk_of_controlled(year):
    _model, ranking = risk.ranking_for_year(year)
    controlled = set(Control.objects.for_year(year).exclude(state=State.CANCELLED).values_list("centre_id", flat=True))
    groups = {True: [], False: []}
    for r in ranking:
        groups[r.centre_id in controlled].append(r.score)

    def avg(values):
        return (sum(values) / len(values)).quantize(Decimal("0.01")) if values else None

    rows = [
        [_("Controlled"), len(groups[True]), avg(groups[True])],
        [_("Not controlled"), len(groups[False]), avg(groups[False])],
    ]
    return Table("risk", str(TABLES["risk"]), [_("Centres"), _("Number"), _("Average risk score")], rows)


BUILDERS = {
    "states": by_state,
    "overdue": overdue,
    "items": by_item,
    "classes": by_class,
    "fulfilment": fulfilment,
    "risk": risk_of_controlled,
}


def _year(request):
    return year_param(request, default=timers.today().year - 1)


@agency_required
def dashboard(request):
    year = _year(request)
    tables = [build(year) for build in BUILDERS.values()]
    return render(request, "control/dashboard.html", {"year": year, "tables": tables})


@agency_required
def table_export(request, code, fmt):
    if code not in BUILDERS or fmt not in ("csv", "xlsx"):
        raise Http404
    year = _year(request)
    table = BUILDERS[code](year)
    if fmt == "xlsx":
        data = exports.table_xlsx(table.title, table.header, table.rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data, content_type = exports.table_csv(table.header, table.rows), "text/csv; charset=utf-8"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="control-{code}-{year}.{fmt}"'
    return response
