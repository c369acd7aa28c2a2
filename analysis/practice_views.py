"""The agency's list of a year's good-practice texts, where it ticks which may be quoted naming the centre."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from analysis import services
from analysis.models import QuotablePractice
from analysis.practices import texts
from centres.access import agency_required
from reports.models import Report


@agency_required
def practice_list(request, year):
    items = texts(year)
    quotable = set(
        QuotablePractice.objects.filter(report__year=year, may_quote=True).values_list("report_id", flat=True)
    )
    rows = [{"text": t, "report_id": rid, "centre": name, "may_quote": rid in quotable} for t, (rid, name) in items]
    return render(request, "analysis/practices.html", {"year": year, "rows": rows})


@agency_required
@require_POST
def practice_quote(request, year, report_id):
    report = get_object_or_404(Report, pk=report_id, year=year)
    services.mark_quotable(actor=request.user, report=report, may_quote=request.POST.get("may_quote") == "1")
    return redirect("analysis:practices", year=year)
