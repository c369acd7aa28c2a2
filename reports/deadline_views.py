"""The agency admin's reporting years: deadlines, opening a year, and per-centre extensions (not the Django admin).

Every change goes through reports.services (set_deadline, grant_extension, revoke_extension,
open_reporting_year), which check the role and write the audit entry. Changes (POST) need a
recent password or code (accounts.reauth).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.reauth import reauth_required
from audit.models import AuditEntry
from centres.access import agency_admin_required
from reports import services
from reports.deadline_forms import DeadlineForm, ExtensionForm, OpenYearForm
from reports.deadlines import last_on_time_day, reporting_year
from reports.models import DeadlineExtension, Report, ReportingYear

FIRST_YEAR = 2015


def _years():
    current = reporting_year(timezone.localdate())
    settings = {r.year: r for r in ReportingYear.objects.all()}
    extensions = dict(
        DeadlineExtension.objects.order_by().values("year").annotate(n=Count("id")).values_list("year", "n")
    )
    years = set(settings) | set(Report.objects.order_by().values_list("year", flat=True).distinct()) | {current}
    return [
        {
            "year": year,
            "current": year == current,
            "setting": settings.get(year),
            "last_day": last_on_time_day(year),
            "extensions": extensions.get(year, 0),
        }
        for year in sorted(years, reverse=True)
    ]


@agency_admin_required
@reauth_required
def years(request):
    if request.method == "POST":
        form = OpenYearForm(request.POST)
        if form.is_valid():
            opened = services.open_reporting_year(form.cleaned_data["year"], actor=request.user)
            messages.success(
                request,
                _("Reporting for %(year)s is open: %(n)s drafts opened.")
                % {"year": form.cleaned_data["year"], "n": opened},
            )
            return redirect("reports:years")
    else:
        form = OpenYearForm(initial={"year": reporting_year(timezone.localdate())})
    return render(request, "reports/years.html", {"years": _years(), "open_form": form})


def _check_year(year):
    if not FIRST_YEAR <= year <= reporting_year(timezone.localdate()) + 1:
        raise Http404


@agency_admin_required
@reauth_required
def year_detail(request, year):
    _check_year(year)
    setting = ReportingYear.objects.filter(year=year).first()
    deadline_form = DeadlineForm(initial={"last_day": setting.deadline if setting else None})
    extension_form = ExtensionForm()
    status = 200
    if request.method == "POST":
        if "set_deadline" in request.POST:
            deadline_form = DeadlineForm(request.POST)
            if deadline_form.is_valid():
                services.set_deadline(year, actor=request.user, last_day=deadline_form.cleaned_data["last_day"])
                messages.success(request, _("The deadline for %(year)s is saved.") % {"year": year})
                return redirect("reports:year", year=year)
        elif "extend" in request.POST:
            extension_form = ExtensionForm(request.POST)
            if extension_form.is_valid():
                try:
                    services.grant_extension(
                        extension_form.centre,
                        year,
                        actor=request.user,
                        last_day=extension_form.cleaned_data["last_day"],
                        reason=extension_form.cleaned_data["reason"],
                    )
                except ValidationError as exc:
                    for name, errors in exc.message_dict.items():
                        extension_form.add_error(name if name in extension_form.fields else None, errors)
                else:
                    messages.success(
                        request,
                        _("The deadline of %(centre)s is extended.") % {"centre": extension_form.centre.name},
                    )
                    return redirect("reports:year", year=year)
        else:
            return HttpResponseNotAllowed(["GET"])
        status = 400
    extensions = DeadlineExtension.objects.filter(year=year).select_related("centre", "granted_by")
    history = (
        AuditEntry.objects.filter(action__in=["deadline", "extension", "extension_revoked"])
        .select_related("actor", "centre")
        .order_by("-at")[:50]
    )
    context = {
        "year": year,
        "last_day": last_on_time_day(year),
        "setting": setting,
        "deadline_form": deadline_form,
        "extension_form": extension_form,
        "extensions": extensions,
        "history": [e for e in history if (e.changes or {}).get("year", year) == year],
    }
    return render(request, "reports/year_detail.html", context, status=status)


@agency_admin_required
@reauth_required
def revoke(request, year, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    extension = get_object_or_404(DeadlineExtension, pk=pk, year=year)
    services.revoke_extension(extension, actor=request.user)
    messages.success(request, _("The extension of %(centre)s is withdrawn.") % {"centre": extension.centre.name})
    return redirect("reports:year", year=year)
