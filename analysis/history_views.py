"""The agency's pages for published national figures (history) and a year's counting rule."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from analysis import history, services
from analysis.forms import CountingRuleForm, HistoryImportForm
from analysis.models import NationalRecord
from centres.access import agency_admin_required, agency_required, is_agency_admin
from centres.models import CentreKind
from formatting.csv import machine_csv, people_csv
from reports.importing import ImportRejected


@agency_required
@require_http_methods(["GET", "POST"])
def history_page(request):
    problems, status = None, 200
    form = HistoryImportForm()
    if request.method == "POST":
        if not is_agency_admin(request.user):
            return HttpResponse(status=403)
        form = HistoryImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                saved = services.import_national_history(actor=request.user, file=upload, filename=upload.name)
            except ImportRejected as exc:
                problems, status = exc.problems, 400
            else:
                messages.success(request, _("Saved %(n)s records of published figures.") % {"n": len(saved)})
                return redirect("analysis:history")
        else:
            status = 400
    records = NationalRecord.objects.all()
    return render(
        request,
        "analysis/history.html",
        {"records": records, "form": form, "problems": problems, "kinds": CentreKind.choices},
        status=status,
    )


@agency_required
def history_template(request, kind, fmt):
    if kind not in CentreKind.values or fmt not in ("csv", "people.csv"):
        raise Http404
    rows = history.template_rows(kind)
    body = machine_csv(rows) if fmt == "csv" else people_csv(rows)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="national-figures-{kind}.csv"'
    return response


@agency_admin_required
@require_POST
def counting_rule(request, year):
    form = CountingRuleForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose yes or no."), status=400)
    services.set_counting_rule(actor=request.user, year=year, include_late=form.cleaned_data["include_late"])
    messages.success(request, _("The counting rule of %(year)s is saved.") % {"year": year})
    return redirect("analysis:dashboard", year=year)
