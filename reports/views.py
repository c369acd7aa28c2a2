"""The centre's report pages: list, form, score summary, evidence, check and submit. Changes go through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.reauth import reauth_required
from audit.models import ReadKind
from audit.services import record_read
from centres.access import any_role_required, centre_user_required, get_visible_or_404, is_centre_user
from frameworks.models import SectionKind
from reports import evidence as evidence_service
from reports import page, services
from reports.forms import EvidenceUploadForm, ReportForm
from reports.models import Evidence, Report, Status
from vetquality.home_data import reporting_year


def _visible_report(request, pk):
    queryset = Report.objects.select_related("centre", "framework", "last_submission")
    return get_visible_or_404(queryset, request.user, pk=pk)


def _form_url(report, anchor=""):
    return reverse("reports:form", args=[report.pk]) + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------- list
@any_role_required
def report_list(request):
    user = request.user
    year = reporting_year(timezone.localdate())
    reports = Report.objects.visible_to(user).select_related("centre", "framework", "last_submission")
    reports = reports.prefetch_related("framework__grade_bands")
    if is_centre_user(user):
        reports = list(reports.order_by("-year"))
        return render(
            request,
            "reports/list.html",
            {
                "reports": reports,
                "year": year,
                "can_open": user.can_edit_reports and not any(r.year == year for r in reports),
            },
        )
    # The agency works from the review queue (reports.review_views), which lists every report.
    return redirect("reports:queue")


@centre_user_required
def open_current(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        report = services.open_report(request.user.centre, reporting_year(timezone.localdate()), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:list")
    return redirect(_form_url(report))


# ---------------------------------------------------------------- the form
def _render_form(request, report, form=None, *, parts=None, conflicts=None, upload_errors=None, status=200):
    parts = parts or page.load_parts(report)
    editable = report.is_editable and services.can_edit(request.user, report)
    if form is None and editable:
        form = ReportForm(
            initial=ReportForm.initial_for(report, parts.answers, parts.criteria),
            report=report,
            sections=parts.sections,
            criteria=parts.criteria,
        )
    if form is not None:
        points, zero_value = form.chosen_points(), form.zero_value_chosen()
    else:
        points, zero_value = page.saved_points(parts), report.zero_value
    derived = page.derived_for(parts)
    disagreeing = page.disagreeing_codes(points, derived, zero_value)
    notes = list(report.review_notes.select_related("criterion")) if report.last_submission_id else []
    if report.last_submission_id:
        notes = [n for n in notes if n.submission_id == report.last_submission_id]
    counter_template = _("%(count)s of %(limit)s characters")
    section_parts = []
    for section in parts.sections:
        part = {"section": section}
        if section.kind == SectionKind.TEXT:
            field = form[f"text_{section.code}"] if form is not None else None
            text = (field.value() if field is not None else report.texts.get(section.code)) or ""
            count = len(text.replace("\r\n", "\n"))
            part.update(
                field=field, text=text, counter=counter_template % {"count": count, "limit": section.max_length}
            )
        section_parts.append(part)
    context = {
        "report": report,
        "section_parts": section_parts,
        "counter_template": counter_template,
        "framework": report.framework,
        "form": form,
        "editable": editable,
        "can_submit": services.can_submit(request.user, report) and report.is_editable,
        "sections": parts.sections,
        "areas": page.criterion_items(parts, form, derived, disagreeing),
        "summary": page.score_summary(parts, points, zero_value),
        "comparison": page.comparison(parts, points, zero_value),
        "zero_value": zero_value,
        "conflicts": conflicts,
        "upload_errors": upload_errors or {},
        "errors": _error_links(form) if form is not None and form.is_bound else [],
        "notes": notes,
        "report_note": next((n for n in notes if n.criterion_id is None), None),
        "criterion_notes": {n.criterion_id: n for n in notes if n.criterion_id},
    }
    return render(request, "reports/form.html", context, status=status)


def _error_links(form):
    return [
        (form.anchor_for(name), f"{form.fields[name].label}: {error}" if name in form.fields else error)
        for name, errors in form.errors.items()
        for error in errors
    ]


@any_role_required
def report_form(request, pk):
    report = _visible_report(request, pk)
    if request.method == "GET":
        return _render_form(request, report)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not services.can_edit(request.user, report):
        raise PermissionDenied
    if not report.is_editable:
        raise services.TransitionNotAllowed
    # A file's delete button posts the whole form: what was typed is saved with the deletion, not lost.
    to_delete = _evidence_to_delete(request, report)
    parts = page.load_parts(report)
    form = ReportForm(request.POST, report=report, sections=parts.sections, criteria=parts.criteria)
    uploads = _uploads(request, parts)
    upload_errors = _validate_uploads(uploads)
    if not form.is_valid() or upload_errors:
        return _render_form(request, report, form, parts=parts, upload_errors=upload_errors, status=400)
    try:
        with transaction.atomic():
            services.save_draft(report, actor=request.user, **form.service_arguments())
            for criterion, uploaded in uploads:
                evidence_service.add_evidence(report, criterion, uploaded, actor=request.user)
            if to_delete is not None:
                evidence_service.delete_evidence(to_delete, actor=request.user)
    except services.StaleReport as stale:
        # Keep everything the person typed; the next save is based on the version now saved.
        data = request.POST.copy()
        data["lock_version"] = str(stale.current_lock_version)
        form = ReportForm(data, report=report, sections=parts.sections, criteria=parts.criteria)
        form.is_valid()
        messages.error(
            request,
            _(
                "Someone else saved this report while you were editing it, so your changes were not saved. "
                "Compare the values below, then save again to keep yours."
            ),
        )
        if uploads:
            messages.warning(request, _("Choose your evidence files again: they were not saved."))
        return _render_form(request, report, form, parts=parts, conflicts=stale.conflicts, status=409)
    except ValidationError as exc:
        for anchor, errors in exc.message_dict.items():
            name = _field_for_anchor(anchor)
            form.add_error(name if name in form.fields else None, errors)
        return _render_form(request, report, form, parts=parts, status=400)
    if to_delete is not None:
        messages.success(
            request, _("The draft is saved and the file “%(name)s” is deleted.") % {"name": to_delete.original_name}
        )
        return redirect(_form_url(report, f"criterion-{to_delete.criterion.code}"))
    messages.success(request, _("The draft is saved."))
    return redirect(_form_url(report))


def _evidence_to_delete(request, report):
    """The report's evidence file named by the delete button pressed, if one was; 404 for any other."""
    value = request.POST.get("delete_evidence")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return _report_evidence(report, int(value))


def _field_for_anchor(anchor):
    if anchor.startswith("section-"):
        return "text_" + anchor.removeprefix("section-")
    if anchor.startswith("criterion-"):
        code = anchor.removeprefix("criterion-")
        for suffix, prefix in (("-comment", "comment_"), ("-reason", "reason_")):
            if code.endswith(suffix):
                return prefix + code.removesuffix(suffix)
        return "points_" + code
    return anchor


def _uploads(request, parts):
    return [
        (criterion, uploaded)
        for criterion in parts.criteria
        for uploaded in request.FILES.getlist(f"evidence_{criterion.code}")
    ]


def _validate_uploads(uploads):
    errors = {}
    for criterion, uploaded in uploads:
        try:
            evidence_service.validate_upload(uploaded)
        except ValidationError as exc:
            errors.setdefault(criterion.code, []).extend(exc.messages)
    if len(uploads) > evidence_service.MAX_PER_REPORT:
        errors.setdefault("", []).append(_("Too many files at once."))
    return errors


@any_role_required
def score_summary(request, pk):
    """The summary fragment for the levels chosen so far (not saved): the form's HTMX target."""
    report = _visible_report(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    parts = page.load_parts(report, with_evidence=False)
    form = ReportForm(request.POST, report=report, sections=parts.sections, criteria=parts.criteria)
    summary = page.score_summary(parts, form.chosen_points(), form.zero_value_chosen())
    # The fragment replaces the form's summary, so it must keep the attributes that make it update again.
    return render(
        request, "reports/partials/score_summary_body.html", {"summary": summary, "report": report, "editable": True}
    )


# ---------------------------------------------------------------- evidence
@any_role_required
def evidence_upload(request, pk):
    report = _visible_report(request, pk)
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
            evidence_service.add_evidence(report, criterion, form.cleaned_data["file"], actor=request.user)
        except ValidationError as exc:
            form.add_error("file", exc)
    if not form.is_valid():
        for error in (e for errors in form.errors.values() for e in errors):
            messages.error(request, error)
        return render(request, "reports/evidence_error.html", {"report": report, "form": form}, status=400)
    messages.success(request, _("The file is attached."))
    return redirect(_form_url(report, f"criterion-{criterion.code}"))


def _report_evidence(report, evidence_pk):
    """One of the report's evidence files; 404 for any other (another report's file included)."""
    return get_object_or_404(Evidence.objects.select_related("criterion"), pk=evidence_pk, report=report)


def _visible_evidence(request, pk, evidence_pk):
    report = _visible_report(request, pk)
    return report, _report_evidence(report, evidence_pk)


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
    evidence_service.delete_evidence(item, actor=request.user)
    messages.success(request, _("The file “%(name)s” is deleted.") % {"name": item.original_name})
    return redirect(_form_url(report, f"criterion-{item.criterion.code}"))


# ---------------------------------------------------------------- check and submit
def _editable_by(request, report):
    if not services.can_edit(request.user, report):
        raise PermissionDenied


@any_role_required
def check(request, pk):
    report = _visible_report(request, pk)
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
    report = _visible_report(request, pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not services.can_submit(request.user, report):
        raise PermissionDenied
    if request.method == "GET":
        if not report.is_editable:
            return redirect(_form_url(report))
        gaps = services.check_report(report)
        if gaps:
            return redirect("reports:check", pk=report.pk)
        return render(request, "reports/submit_confirm.html", {"report": report})
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
        submission = services.submit_report(report, actor=request.user)
    except services.ReportIncomplete:
        messages.error(request, _("The report is not complete yet."))
        return redirect("reports:check", pk=report.pk)
    messages.success(
        request,
        _("Report for %(year)s submitted (version %(number)s).") % {"year": report.year, "number": submission.number},
    )
    return redirect(_form_url(report))
