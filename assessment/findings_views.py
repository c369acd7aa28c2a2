"""What the agency learns (all finished sessions) and what a centre reads (its own published results):
the page with charts, CSV/XLSX, and the pilot report as DOCX/PDF (agency)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from assessment import charts, documents, exports, report
from centres.access import is_agency, is_centre_user
from inputs.query import year_param

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request):
    years = report.years()
    return year_param(request, default=years[0] if years else None), years


def _report(request):
    """The agency's whole year, or a centre's published results; anybody else is refused."""
    from django.contrib.auth.views import redirect_to_login

    user = request.user
    if not user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not (is_agency(user) or is_centre_user(user)):
        raise PermissionDenied
    year, _years = _year(request)
    if year is None:
        return None, None
    return report.build(year, centre=None if is_agency(user) else user.centre), None


def findings(request):
    data, response = _report(request)
    if response is not None:
        return response
    _y, years = _year(request)
    context = {"report": data, "years": years, "is_agency": is_agency(request.user)}
    if data is not None:
        context["gap_chart"] = charts.svg_data_uri(charts.gap_chart(data.centre_rows))
        context["weakest_chart"] = charts.svg_data_uri(charts.weakest_chart(data.weakest))
    return render(request, "assessment/findings.html", context)


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    data, response = _report(request)
    if response is not None:
        return response
    if data is None:
        data = report.YearReport(year=0)
    name = f"independent-assessment-{data.year}"
    if fmt == "csv":
        return _download(exports.centres_csv(data), "text/csv; charset=utf-8", f"{name}.csv")
    return _download(exports.xlsx_bytes(data), XLSX, f"{name}.xlsx")


def pilot_document(request, fmt):
    if fmt not in ("docx", "pdf"):
        raise Http404
    data, response = _report(request)
    if response is not None:
        return response
    if not is_agency(request.user):
        raise PermissionDenied
    if data is None:
        data = report.YearReport(year=0)
    if fmt == "pdf":
        return _download(documents.pdf_bytes(data), "application/pdf", f"pilot-report-{data.year}.pdf")
    return _download(documents.docx_bytes(data), DOCX, f"pilot-report-{data.year}.docx")
