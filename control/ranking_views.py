"""The risk ranking of a year: filter, read why each centre ranks where it does, tick centres and plan controls."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centres.access import agency_required
from centres.models import Centre, CentreKind
from centres.regions import Region
from control import exports, risk, services, timers
from control.forms import PlanForm
from control.models import Control
from control.risk_data import professional_fields
from control.signals import SIGNALS

PAGE_SIZE = 50


def _year(request):
    default = timers.today().year - 1
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or default)
    except ValueError:
        year = default
    return year if 2000 <= year <= 2100 else default


def _filtered(request, year):
    kind = request.GET.get("kind", "")
    region = request.GET.get("region", "")
    field = request.GET.get("field", "").strip()
    signal = request.GET.get("signal", "")
    centres = None  # all centres licensed at the end of the year
    if kind in CentreKind.values or region in Region.values:
        centres = Centre.objects.licensed_on(dt.date(year, 12, 31))
        if kind in CentreKind.values:
            centres = centres.filter(kind=kind)
        if region in Region.values:
            centres = centres.filter(region=region)
    model, ranking = risk.ranking_for_year(year, centres=centres)
    if field:
        fields = professional_fields(year, [r.centre_id for r in ranking])
        ranking = [r for r in ranking if field in fields.get(r.centre_id, ())]
    if signal in SIGNALS:
        ranking = [r for r in ranking if (s := r.signal(signal)) is not None and s.points > 0]
    filters = {"kind": kind, "region": region, "field": field, "signal": signal}
    return model, ranking, filters


@agency_required
def ranking(request):
    year = _year(request)
    model, ranked, filters = _filtered(request, year)
    page = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
    open_controls = dict(
        Control.objects.open().filter(centre_id__in=[r.centre_id for r in page]).values_list("centre_id", "pk")
    )
    rows = [
        {
            "risk": r,
            "reasons": [s for s in r.signals if s.points > 0],
            "open_control": open_controls.get(r.centre_id),
        }
        for r in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "year": year,
        "model": model,
        "rows": rows,
        "page": page,
        "count": len(ranked),
        "filters": filters,
        "kinds": CentreKind.choices,
        "regions": Region.choices,
        "signals": [(code, spec.title) for code, spec in SIGNALS.items()],
        "plan_form": PlanForm(),
        "query": query.urlencode(),
        "query_string": query.urlencode(),
    }
    return render(request, "control/ranking.html", context)


@agency_required
def ranking_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    year = _year(request)
    _model, ranked, _filters = _filtered(request, year)
    if fmt == "xlsx":
        data = exports.table_xlsx(
            _("Risk %(year)s") % {"year": year}, exports.ranking_header(), list(exports.ranking_rows(ranked))
        )
        response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        response = HttpResponse(exports.ranking_csv(ranked), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="control-risk-{year}.{fmt}"'
    return response


@require_POST
@agency_required
def plan(request):
    year = _year(request)
    form = PlanForm(request.POST)
    ids = [int(v) for v in request.POST.getlist("centre") if v.isdigit()]
    centres = list(Centre.objects.filter(pk__in=ids).order_by("name"))
    back = reverse("control:ranking") + f"?year={year}"
    if not form.is_valid():
        messages.error(request, _("Choose the kind and type of control."))
        return redirect(back)
    try:
        planned = services.plan_controls(
            year,
            centres,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            type=form.cleaned_data["type"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        return render(
            request,
            "control/plan_error.html",
            {"errors": exc.messages, "back": back, "year": year},
            status=400,
        )
    messages.success(request, _("%(n)s controls planned.") % {"n": len(planned)})
    if len(planned) == 1:
        return redirect("control:case", pk=planned[0].pk)
    return redirect(reverse("control:list") + "?state=planned")
