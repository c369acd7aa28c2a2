import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from analysis import dashboard as layout
from analysis import document, export, narrative, services
from analysis import series_tables as ST
from analysis import tables as T
from analysis.forms import AnalysisTextForm, ImportForm
from analysis.models import AnalysisSetting, AnalysisText
from analysis.overview import analysis_figures
from audit.models import ReadKind
from audit.services import record_read
from centres.access import agency_admin_required, agency_required
from centres.regions import Region
from reports.importing import ImportRejected
from reports.models import Report

FIRST_YEAR = 2000


def _region(request):
    region = request.GET.get("region", "")
    return region if region in Region.values else ""


def _check_year(year):
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404


def _years():
    return list(Report.objects.counted().values_list("year", flat=True).distinct().order_by("-year"))


@agency_required
def index(request):
    years = _years()
    year = years[0] if years else timezone.localdate().year - 1
    return redirect("analysis:dashboard", year=year)


@agency_required
def dashboard(request, year):
    _check_year(year)
    region = _region(request)
    query = urlencode({"region": region}) if region else ""
    body = layout.body(year, region)
    return render(
        request,
        "analysis/dashboard.html",
        {
            "year": year,
            "region": region,
            "regions": Region.choices,
            "years": sorted(set(_years()) | {year}, reverse=True),
            "body": mark_safe(body),  # noqa: S308 — rendered by our own template above
            "include_late": AnalysisSetting.include_late_for(year),
            "query": query,
        },
    )


@agency_required
def table_download(request, year, key, fmt):
    _check_year(year)
    builders = {**T.TABLES, **ST.SERIES_TABLES}
    if key not in builders or fmt not in ("csv", "data.csv", "xlsx"):
        raise Http404
    region = _region(request)
    table = builders[key](analysis_figures(year, region))
    name = f"{key}-{year}{'-' + region if region else ''}"
    record_read(request, ReadKind.EXPORT, detail=f"analysis table {name}.{fmt}")
    if fmt == "csv":
        response = HttpResponse(T.to_people_csv(table), content_type="text/csv; charset=utf-8")
    elif fmt == "data.csv":
        response = HttpResponse(T.to_machine_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            T.to_xlsx(table), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = _attachment(f"{name}.{fmt}")
    return response


def _attachment(filename):
    from django.utils.encoding import escape_uri_path

    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{escape_uri_path(filename)}"


@agency_required
def document_download(request, year, fmt):
    _check_year(year)
    if fmt not in ("docx", "pdf"):
        raise Http404
    content, content_type, filename = document.generate(year, fmt, _region(request) or None)
    record_read(request, ReadKind.EXPORT, detail=f"analysis document {filename}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = _attachment(filename)
    return response


@agency_required
def reports_export(request, year):
    _check_year(year)
    region = _region(request)
    record_read(request, ReadKind.EXPORT, detail=f"reports {year} {region}".strip())
    # A temporary file rather than memory: a year can hold a thousand rows of twenty-odd cells.
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it when sent
    export.write_reports_xlsx(year, handle, region or None)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"reports-{year}{'-' + region if region else ''}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@agency_required
@require_http_methods(["GET", "POST"])
def edit_texts(request, year):
    _check_year(year)
    region = _region(request)
    instance = AnalysisText.objects.for_year(year, region).first()
    figures = analysis_figures(year, region)
    initial = narrative.texts_for(figures)
    if request.method == "POST":
        form = AnalysisTextForm(request.POST, instance=instance)
        if form.is_valid():
            services.save_analysis_text(actor=request.user, year=year, region=region, data=form.cleaned_data)
            messages.success(request, _("The conclusions and recommendations are saved."))
            url = reverse("analysis:dashboard", args=[year])
            return redirect(f"{url}?{urlencode({'region': region})}" if region else url)
        status = 400
    else:
        form = AnalysisTextForm(instance=instance, initial=initial)
        if instance is None:
            form = AnalysisTextForm(initial=initial)
        status = 200
    return render(
        request, "analysis/texts.html", {"form": form, "year": year, "region": region, "saved": instance}, status=status
    )


@agency_admin_required
@require_http_methods(["GET", "POST"])
def import_view(request):
    problems = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            year, kind = form.cleaned_data["year"], form.cleaned_data["kind"]
            try:
                result = services.import_reports(
                    actor=request.user, file=upload, year=year, kind=kind, filename=upload.name
                )
            except ImportRejected as exc:
                problems = exc.problems
                status = 400
            else:
                messages.success(
                    request, _("Imported %(n)s reports for %(year)s.") % {"n": len(result.reports), "year": year}
                )
                return redirect("analysis:dashboard", year=year)
        else:
            status = 400
    else:
        form = ImportForm(initial={"year": timezone.localdate().year - 1})
    return render(request, "analysis/import.html", {"form": form, "problems": problems}, status=status)
