"""The report's evidence files: attach, download, delete. Changes go through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.models import ReadKind
from audit.services import record_read
from centres.access import any_role_required
from reports import evidence as evidence_service
from reports import services
from reports.forms import EvidenceUploadForm
from reports.view_helpers import form_url, report_evidence, visible_report


@any_role_required
def evidence_upload(request, pk):
    report = visible_report(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not services.can_edit(request.user, report):
        raise PermissionDenied
    if not report.is_editable:
        raise services.TransitionNotAllowed
    form = EvidenceUploadForm(request.POST, request.FILES)
    criterion = None
    if form.is_valid():
        criterion = report.framework.criteria.filter(code=form.cleaned_data["criterion"]).first()
        if criterion is None:
            form.add_error("criterion", _("There is no such criterion in this report."))
    if form.is_valid():
        try:
            services.add_evidence(report, criterion, form.cleaned_data["file"], actor=request.user)
        except ValidationError as exc:
            form.add_error("file", exc)
    if not form.is_valid():
        for error in (e for errors in form.errors.values() for e in errors):
            messages.error(request, error)
        return render(request, "reports/evidence_error.html", {"report": report, "form": form}, status=400)
    messages.success(request, _("The file is attached."))
    return redirect(form_url(report, f"criterion-{criterion.code}"))


def _visible_evidence(request, pk, evidence_pk):
    report = visible_report(request, pk)
    return report, report_evidence(report, evidence_pk)


@any_role_required
def evidence_download(request, pk, evidence_pk):
    _report, item = _visible_evidence(request, pk, evidence_pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    record_read(request, ReadKind.EVIDENCE, obj=item, centre=_report.centre, detail=item.original_name)
    return evidence_service.download(item)


@any_role_required
def evidence_delete(request, pk, evidence_pk):
    report, item = _visible_evidence(request, pk, evidence_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.delete_evidence(item, actor=request.user)
    messages.success(request, _("The file “%(name)s” is deleted.") % {"name": item.original_name})
    return redirect(form_url(report, f"criterion-{item.criterion.code}"))
