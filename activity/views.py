"""Activity information pages. Thin: access through centres.access, changes through activity.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from activity import eqavet, services, xlsx
from activity.forms import CIPO_FORMSETS, CPO_FORMSETS, CipoHeaderForm, CpoHeaderForm, UploadForm
from activity.models import ActivityReport
from activity.summary import summary_for
from audit.models import ReadKind
from audit.services import record_read
from centres.access import any_role_required, centres_visible_to, get_visible_or_404, is_centre_user
from centres.models import CentreKind
from reports.deadlines import reporting_year

FIRST_YEAR = 2015
EQAVET_YEARS = 5


def _centre(request, pk):
    return get_visible_or_404(centres_visible_to(request.user), request.user, centre_field="pk", pk=pk)


def _check_year(year):
    if not FIRST_YEAR <= year <= reporting_year(timezone.localdate()):
        raise Http404


@any_role_required
def index(request):
    if is_centre_user(request.user):
        return redirect("activity:centre", request.user.centre_id)
    year = request.GET.get("year")
    activities = ActivityReport.objects.visible_to(request.user).select_related("centre")
    if year and year.isdigit():
        activities = activities.filter(year=int(year))
    page = Paginator(activities.order_by("-year", "centre__name"), 50).get_page(request.GET.get("page"))
    years = ActivityReport.objects.order_by("-year").values_list("year", flat=True).distinct()
    return render(
        request,
        "activity/index.html",
        {"page": page, "years": years, "year": year, "query_string": f"year={year}" if year else ""},
    )


@any_role_required
def centre_overview(request, pk):
    centre = _centre(request, pk)
    current = reporting_year(timezone.localdate())
    activities = {a.year: a for a in ActivityReport.objects.filter(centre=centre)}
    report_years = set(centre.reports.values_list("year", flat=True))
    years = sorted(set(activities) | report_years | {current}, reverse=True)
    rows = [{"year": y, "activity": activities.get(y)} for y in years]
    return render(request, "activity/centre.html", {"centre": centre, "rows": rows})


def _kind_parts(centre):
    if centre.kind == CentreKind.CPO:
        return CpoHeaderForm, CPO_FORMSETS
    return CipoHeaderForm, CIPO_FORMSETS


def _build_forms(centre, year, activity, data=None):
    header_class, formset_specs = _kind_parts(centre)
    header = header_class(data, instance=activity, prefix="header")
    formsets = {
        name: formset_class(data, instance=activity, prefix=name, form_kwargs={"year": year})
        for name, (formset_class, _title) in formset_specs.items()
    }
    return header, formsets


def _with_more_rows(post, prefix, count=3):
    data = post.copy()
    key = f"{prefix}-TOTAL_FORMS"
    if key in data and data[key].isdigit():
        data[key] = str(int(data[key]) + count)
    return data


def _render_edit(request, centre, year, activity, header, formsets, *, status=200, show_errors=True, upload_form=None):
    _header_class, formset_specs = _kind_parts(centre)
    report = services.report_for(centre, year)
    editable = services.may_edit(request.user, centre) and services.is_open(centre, year, report)
    if not editable:
        for formset in formsets.values():
            formset.extra = 0
    context = {
        "error_links": _error_links(header, formsets) if show_errors and header.is_bound else [],
        "centre": centre,
        "year": year,
        "activity": activity,
        "report": report,
        "editable": editable,
        "header": header,
        "tables": [(name, formset_specs[name][1], formsets[name]) for name in formset_specs],
        "show_errors": show_errors,
        "summary": summary_for(activity) if centre.kind == CentreKind.CPO else None,
        "upload_form": upload_form or UploadForm(),
        "is_cpo": centre.kind == CentreKind.CPO,
    }
    return render(request, "activity/edit.html", context, status=status)


def _error_links(header, formsets):
    """(anchor, text) for every error, so the summary at the top leads to each field."""
    links = [
        (header[name].id_for_label if name in header.fields else "header-title", f"{_label(header, name)}: {error}")
        for name, errors in header.errors.items()
        for error in errors
    ]
    for formset in formsets.values():
        for error in formset.non_form_errors():
            links.append((f"table-{formset.prefix}", error))
        for number, form in enumerate(formset.forms, start=1):
            for name, errors in form.errors.items():
                anchor = form[name].id_for_label if name in form.fields else f"table-{formset.prefix}"
                for error in errors:
                    links.append(
                        (
                            anchor,
                            _("Row %(n)s, %(field)s: %(error)s")
                            % {"n": number, "field": _label(form, name), "error": error},
                        )
                    )
    return links


def _label(form, name):
    return form.fields[name].label if name in form.fields else _("whole row")


@any_role_required
def edit(request, pk, year):
    centre = _centre(request, pk)
    _check_year(year)
    activity = services.activity_for(centre, year) or ActivityReport(centre=centre, year=year)
    if request.method == "GET":
        header, formsets = _build_forms(centre, year, activity)
        return _render_edit(request, centre, year, activity, header, formsets)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not services.can_edit(request.user, centre, year):
        raise PermissionDenied
    if "add" in request.POST:
        # "Add more rows" without JavaScript: the same page, the typed data kept, a few empty rows more.
        data = _with_more_rows(request.POST, request.POST["add"])
        header, formsets = _build_forms(centre, year, activity, data)
        return _render_edit(request, centre, year, activity, header, formsets, show_errors=False)
    header, formsets = _build_forms(centre, year, activity, request.POST)
    # Validate every part (no short-circuit), so all the errors show at once.
    rows_valid = [fs.is_valid() for fs in formsets.values()]
    if not header.is_valid() or not all(rows_valid):
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _render_edit(request, centre, year, activity, header, formsets, status=400)
    services.save_forms(actor=request.user, centre=centre, year=year, header_form=header, formsets=formsets)
    messages.success(request, _("The activity information is saved."))
    return redirect("activity:edit", centre.pk, year)


@any_role_required
def template_download(request, pk, year):
    centre = _centre(request, pk)
    _check_year(year)
    content = xlsx.build_template(centre, year, services.activity_for(centre, year))
    response = HttpResponse(content, content_type=xlsx.XLSX_CONTENT_TYPE)
    filename = f"activity-{centre.licence_number}-{year}.xlsx"
    record_read(request, ReadKind.ACTIVITY_FILE, centre=centre, detail=filename)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@any_role_required
def upload(request, pk, year):
    centre = _centre(request, pk)
    _check_year(year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not services.can_edit(request.user, centre, year):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        activity = services.activity_for(centre, year) or ActivityReport(centre=centre, year=year)
        header, formsets = _build_forms(centre, year, activity)
        return _render_edit(request, centre, year, activity, header, formsets, status=400, upload_form=form)
    try:
        services.import_workbook(actor=request.user, centre=centre, year=year, uploaded=form.cleaned_data["file"])
    except xlsx.WorkbookRefused as refused:
        context = {"centre": centre, "year": year, "errors": refused.errors, "upload_form": UploadForm()}
        return render(request, "activity/upload_errors.html", context, status=400)
    messages.success(request, _("The file was read and the activity information replaced with its content."))
    return redirect("activity:edit", centre.pk, year)


@any_role_required
def eqavet_page(request, pk):
    centre = _centre(request, pk)
    current = reporting_year(timezone.localdate())
    years = range(current - EQAVET_YEARS + 1, current + 1)
    rows = eqavet.indicators(centre, years)
    return render(
        request, "activity/eqavet.html", {"centre": centre, "rows": rows, "is_cpo": centre.kind == CentreKind.CPO}
    )


@any_role_required
def eqavet_chart(request, pk):
    centre = _centre(request, pk)
    current = reporting_year(timezone.localdate())
    rows = eqavet.indicators(centre, range(current - EQAVET_YEARS + 1, current + 1))
    response = HttpResponse(eqavet.chart_svg(rows), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response
