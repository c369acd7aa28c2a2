"""The centre's report pages: list, form and score summary (evidence: evidence_views; check and submit:
submit_views). Changes go through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.access import any_role_required, centre_user_required, is_centre_user
from frameworks.models import SectionKind
from reports import page, services
from reports.deadlines import reporting_year
from reports.forms import ReportForm, points_value
from reports.models import Report
from reports.view_helpers import form_url, report_evidence, visible_report


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
    return redirect(form_url(report))


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
    report = visible_report(request, pk)
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
    form = ReportForm(
        _resolved(request.POST, report, parts), report=report, sections=parts.sections, criteria=parts.criteria
    )
    uploads = _uploads(request, parts)
    if not form.is_valid():
        return _render_form(request, report, form, parts=parts, status=400)
    try:
        outcome = services.save_with_files(
            report, actor=request.user, arguments=form.service_arguments(), uploads=uploads, delete=to_delete
        )
    except services.StaleReport as stale:
        # Keep everything the person typed, except the fields only the other person changed:
        # those show the saved values, so saving again cannot revert them.
        data = request.POST.copy()
        data["lock_version"] = str(stale.current_lock_version)
        for anchor, value in stale.keep_theirs.items():
            _set_field(data, _field_for_anchor(anchor), value)
        form = ReportForm(data, report=report, sections=parts.sections, criteria=parts.criteria)
        form.is_valid()
        messages.error(
            request,
            _(
                "Someone else saved this report while you were editing it, and you both changed the fields "
                "listed below, so nothing was saved. Choose which value to keep for each, then save again."
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
    return _after_save(request, report, outcome, parts)


def _after_save(request, report, outcome, parts):
    """Say what was saved, what was refused and what was merged; then back to the form (or to its errors)."""
    if outcome.kept_theirs:
        labels = ", ".join(outcome.kept_theirs_labels)
        messages.info(
            request,
            _("Someone else saved this report meanwhile; their changes to %(fields)s are kept together with yours.")
            % {"fields": labels},
        )
    for item in outcome.saved_files:
        messages.success(request, _("The file “%(name)s” is attached.") % {"name": item.original_name})
    if outcome.refused_files:
        # The draft and the valid files are saved; only the refused files are missing: say which.
        messages.error(request, _("The draft is saved, but some files were refused; they are listed above."))
        return _render_form(
            request, report, parts=page.load_parts(report), upload_errors=outcome.refused_files, status=400
        )
    if outcome.deleted is not None:
        messages.success(
            request,
            _("The draft is saved and the file “%(name)s” is deleted.") % {"name": outcome.deleted.original_name},
        )
        return redirect(form_url(report, f"criterion-{outcome.deleted.criterion.code}"))
    messages.success(request, _("The draft is saved."))
    return redirect(form_url(report))


def _set_field(data, name, value):
    if name == "zero_value":
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    else:
        data[name] = "" if value is None else str(value)


def _resolved(post, report, parts):
    """The posted data with the conflict page's "keep theirs" choices replaced by the saved values."""
    choices = [
        key.removeprefix("resolve-") for key, value in post.items() if key.startswith("resolve-") and value == "theirs"
    ]
    if not choices:
        return post
    data = post.copy()
    by_code = {c.code: parts.answers.get(c.pk) for c in parts.criteria}
    for anchor in choices:
        name = _field_for_anchor(anchor)
        kind, _sep, code = name.partition("_")
        if name == "zero_value":
            _set_field(data, name, report.zero_value)
        elif kind == "text":
            _set_field(data, name, report.texts.get(code, ""))
        elif by_code.get(code) is not None:
            answer = by_code[code]
            value = {
                "points": points_value(answer.points) if answer.points is not None else "",
                "comment": answer.comment,
                "reason": answer.disagreement_reason,
            }.get(kind)
            if value is not None:
                _set_field(data, name, value)
    return data


def _evidence_to_delete(request, report):
    """The report's evidence file named by the delete button pressed, if one was; 404 for any other."""
    value = request.POST.get("delete_evidence")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return report_evidence(report, int(value))


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


@any_role_required
def autosave(request, pk):
    """Save the draft as typed so far (HTMX, debounced; files are not part of it). Answers a status line.

    Always 200 with a status the person can read: a refused autosave says why and leaves the
    data in the form for the Save button, which shows errors and merges others' changes.
    """
    report = visible_report(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not services.can_edit(request.user, report):
        raise PermissionDenied
    context = {"report": report, "saved": False}
    parts = page.load_parts(report, with_evidence=False)
    form = ReportForm(request.POST, report=report, sections=parts.sections, criteria=parts.criteria)
    if not report.is_editable:
        context["problem"] = _("The report is no longer a draft; it was not saved.")
    elif not form.is_valid():
        context["problem"] = _("Not saved automatically: a field needs correcting. Press “Save draft” to see it.")
    else:
        try:
            services.save_draft(report, actor=request.user, merge=False, **form.service_arguments())
        except services.StaleReport:
            context["problem"] = _("Someone else saved this report meanwhile. Press “Save draft” to merge the changes.")
        except ValidationError:
            context["problem"] = _("Not saved automatically: a field needs correcting. Press “Save draft” to see it.")
        else:
            context.update(saved=True, saved_at=timezone.localtime(report.updated_at))
    response = render(request, "reports/partials/autosave_status.html", context)
    response["X-Autosaved"] = "1" if context["saved"] else "0"
    return response


@any_role_required
def score_summary(request, pk):
    """The summary fragment for the levels chosen so far (not saved): the form's HTMX target."""
    report = visible_report(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    parts = page.load_parts(report, with_evidence=False)
    form = ReportForm(request.POST, report=report, sections=parts.sections, criteria=parts.criteria)
    summary = page.score_summary(parts, form.chosen_points(), form.zero_value_chosen())
    # The fragment replaces the form's summary, so it must keep the attributes that make it update again.
    return render(
        request, "reports/partials/score_summary_body.html", {"summary": summary, "report": report, "editable": True}
    )
