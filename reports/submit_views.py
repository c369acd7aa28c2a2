"""The last steps of a report: the check of what is missing, and the submission with the declaration."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.reauth import reauth_required
from centres.access import any_role_required
from reports import services
from reports.models import Status
from reports.view_helpers import form_url, visible_report


def _editable_by(request, report):
    if not services.can_edit(request.user, report):
        raise PermissionDenied


@any_role_required
def check(request, pk):
    report = visible_report(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    _editable_by(request, report)
    gaps = services.check_report(report) if report.is_editable else []
    return render(
        request,
        "reports/check.html",
        {"report": report, "gaps": gaps, "can_submit": services.can_submit(request.user, report)},
    )


@any_role_required
@reauth_required  # submitting needs a password or code from the last minutes (accounts.reauth)
def submit(request, pk):
    report = visible_report(request, pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not services.can_submit(request.user, report):
        raise PermissionDenied
    if request.method == "GET":
        if not report.is_editable:
            return redirect(form_url(report))
        gaps = services.check_report(report)
        if gaps:
            return redirect("reports:check", pk=report.pk)
        return _render_confirm(request, report)
    try:
        expected = int(request.POST.get("lock_version", ""))
    except ValueError:
        expected = None
    already = report.status == Status.SUBMITTED
    if not already and not report.is_editable:
        raise services.TransitionNotAllowed
    if not already and expected != report.lock_version:
        messages.error(request, _("The report changed after you opened this page. Check it again before submitting."))
        return redirect("reports:check", pk=report.pk)
    try:
        submission = services.submit_report(
            report, actor=request.user, declared=request.POST.get("declaration") == "on"
        )
    except ValidationError as exc:
        return _render_confirm(request, report, errors=exc.messages, status=400)
    except services.ReportIncomplete:
        messages.error(request, _("The report is not complete yet."))
        return redirect("reports:check", pk=report.pk)
    messages.success(
        request,
        _("Report for %(year)s submitted (version %(number)s).") % {"year": report.year, "number": submission.number},
    )
    return redirect(form_url(report))


def _render_confirm(request, report, *, errors=(), status=200):
    """The last step: the document as it will be submitted (a preview), and the director's declaration."""
    from reports.documents import document_data

    context = {
        "report": report,
        "doc": document_data(report),
        "declaration": services.declaration_text(report),
        "errors": errors,
    }
    return render(request, "reports/submit_confirm.html", context, status=status)
