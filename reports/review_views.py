"""The agency's side of the workflow: the review queue, the review page, versions and the audit trail.

State changes go through reports.services; these views only read, validate the form and call them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.reauth import reauth_required
from audit.models import AuditEntry
from centres.access import agency_required, any_role_required, get_visible_or_404
from frameworks.models import GradeBand
from reports import labels, review_page, services
from reports.deadlines import reporting_year
from reports.diffing import word_segments
from reports.models import Report, Status, Submission
from reports.review_forms import AssignForm, QueueFilterForm, ReopenForm, ReviewForm
from reports.templatetags.report_tags import points as fmt_points

PAGE_SIZE = 50

STATUS_RANK = Case(
    When(status=Status.SUBMITTED, then=Value(0)),
    When(status=Status.RETURNED, then=Value(1)),
    When(status=Status.DRAFT, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)

ORDERINGS = {
    "status": ["status_rank", "last_submission__submitted_at", "centre__name"],
    "centre": ["centre__name", "-year"],
    "submitted": ["last_submission__submitted_at", "centre__name"],
    "-submitted": ["-last_submission__submitted_at", "centre__name"],
    "total": ["last_submission__total", "centre__name"],
    "-total": ["-last_submission__total", "centre__name"],
    "grade": ["-grade_rank", "-last_submission__total", "centre__name"],
}


def queue_queryset(filters, user=None):
    """Reports matching the queue's cleaned filters, with everything a row shows annotated in SQL."""
    bands = GradeBand.objects.filter(framework=OuterRef("framework"), code=OuterRef("last_submission__grade"))
    first = Submission.objects.filter(report=OuterRef("pk"), number=1)
    reports = Report.objects.select_related("centre", "framework", "last_submission", "assigned_to").annotate(
        status_rank=STATUS_RANK,
        grade_name=Subquery(bands.values("name")[:1]),
        grade_rank=Subquery(bands.values("min_points")[:1]),
        # Timeliness is that of the first submission: a resubmission after a return is not a late report.
        first_on_time=Subquery(first.values("on_time")[:1]),
    )
    if filters.get("year"):
        reports = reports.filter(year=filters["year"])
    if filters.get("kind"):
        reports = reports.filter(centre__kind=filters["kind"])
    if filters.get("region"):
        reports = reports.filter(centre__region=filters["region"])
    if filters.get("status"):
        reports = reports.filter(status=filters["status"])
    if filters.get("grade"):
        reports = reports.filter(last_submission__grade=filters["grade"])
    if filters.get("timeliness"):
        reports = reports.filter(first_on_time=filters["timeliness"] == "on_time")
    if filters.get("assigned") == "me" and user is not None:
        reports = reports.filter(assigned_to=user)
    elif filters.get("assigned") == "none":
        reports = reports.filter(assigned_to__isnull=True)
    if filters.get("q"):
        q = filters["q"]
        reports = reports.filter(Q(centre__name__icontains=q) | Q(centre__licence_number__icontains=q))
    return reports.order_by(*ORDERINGS.get(filters.get("sort") or "status", ORDERINGS["status"]), "pk")


def workload():
    """Per agency user: the reports assigned to them that wait for review, and all assigned to them."""
    from accounts.models import AGENCY_ROLES, User

    return list(
        User.objects.filter(is_active=True, role__in=AGENCY_ROLES)
        .annotate(
            waiting=Count("assigned_reports", filter=Q(assigned_reports__status=Status.SUBMITTED)),
            assigned=Count("assigned_reports"),
        )
        .order_by("-waiting", "last_name", "username")
    )


@agency_required
def queue(request):
    years = list(Report.objects.order_by("-year").values_list("year", flat=True).distinct())
    data = request.GET.copy()
    if "year" not in data:
        # The current cycle unless the expert asks for another year or for all ("year=").
        data["year"] = str(reporting_year(timezone.localdate()))
        if int(data["year"]) not in years:
            years.insert(0, int(data["year"]))
    form = QueueFilterForm(data, years=years)
    form.is_valid()
    filters = form.cleaned_data  # the valid filters; an invalid one is listed on the page and ignored
    reports = queue_queryset(filters, request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    waiting = Report.objects.filter(status=Status.SUBMITTED).count()
    return render(
        request,
        "reports/queue.html",
        {
            "form": form,
            "page": page,
            "query_string": params.urlencode(),
            "waiting": waiting,
            "total_count": page.paginator.count,
            "workload": workload(),
        },
    )


# ---------------------------------------------------------------- reviewing one report
def _report_for(request, pk):
    queryset = Report.objects.select_related("centre", "framework", "last_submission")
    return get_visible_or_404(queryset, request.user, pk=pk)


def _version(report, number=None):
    if number is None:
        if report.last_submission is None:
            raise Http404
        return report.last_submission
    try:
        return report.submissions.get(number=number)
    except Submission.DoesNotExist:
        raise Http404 from None


def _can_decide(request, report, submission):
    return (
        services.can_review(request.user)
        and report.status == Status.SUBMITTED
        and submission.pk == report.last_submission_id
    )


@agency_required
@reauth_required  # approving or returning needs a recent password or code (accounts.reauth)
def review(request, pk):
    report = _report_for(request, pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if report.last_submission is None:
        messages.info(request, _("This report has not been submitted yet: there is nothing to review."))
        return redirect("reports:form", pk=report.pk)
    submission = report.last_submission
    criteria = list(report.framework.criteria.all())
    decide = _can_decide(request, report, submission)
    if request.method == "GET" or not decide:
        if request.method == "POST":
            messages.error(request, _("This report is no longer waiting for review; nothing was changed."))
            return redirect("reports:review", pk=report.pk)
        form = ReviewForm(criteria=criteria, initial={"lock_version": report.lock_version}) if decide else None
        return _render_review(request, report, submission, form)

    form = ReviewForm(request.POST, criteria=criteria)
    if not form.is_valid():
        return _render_review(request, report, submission, form, status=400)
    if form.cleaned_data.get("lock_version") not in (None, report.lock_version):
        messages.error(request, _("The report changed after you opened it. Review the current version."))
        return redirect("reports:review", pk=report.pk)
    if form.cleaned_data["action"] == ReviewForm.APPROVE and not form.cleaned_data["confirmed"]:
        # One more step before an approval, with the comment the centre will read.
        return render(
            request,
            "reports/review_confirm.html",
            {"report": report, "comment": form.cleaned_data["comment"], "lock_version": report.lock_version},
        )
    try:
        if form.cleaned_data["action"] == ReviewForm.APPROVE:
            services.approve_report(report, actor=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("The report is approved. The centre is notified by e-mail."))
        else:
            services.return_report(report, actor=request.user, comment=form.cleaned_data["comment"], notes=form.notes())
            messages.success(request, _("The report is returned for correction. The centre is notified by e-mail."))
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return _render_review(request, report, submission, form, status=400)
    except services.TransitionNotAllowed:
        messages.error(request, _("This report is no longer waiting for review; nothing was changed."))
    return redirect("reports:review", pk=report.pk)


def _render_review(request, report, submission, form, *, status=200, template="reports/review.html"):
    view = review_page.build(report, submission)
    if form is not None:
        for group in view.areas:
            for item in group["items"]:
                item["note_field"] = form[ReviewForm.note_name(item["criterion"].code)]
    agency = services.can_review(request.user)
    context = {
        "report": report,
        "framework": report.framework,
        "view": view,
        "form": form,
        "is_latest": submission.pk == report.last_submission_id,
        "agency": agency,
        "assign_form": AssignForm(initial={"expert": report.assigned_to_id}) if request.user.is_agency_admin else None,
        "can_take": agency and report.assigned_to_id is None and report.status == Status.SUBMITTED,
        "reopen_form": ReopenForm() if report.status == Status.APPROVED and services.can_reopen(request.user) else None,
    }
    return render(request, template, context, status=status)


@agency_required
def assign(request, pk):
    """An expert takes the report (`take`), or an agency admin assigns it to an expert (or to nobody)."""
    report = _report_for(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("take"):
        expert = request.user
    else:
        form = AssignForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an expert from the list."))
            return redirect("reports:review", pk=report.pk)
        expert = form.cleaned_data["expert"]
    try:
        services.assign_report(report, actor=request.user, expert=expert)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:review", pk=report.pk)
    if expert is None:
        messages.success(request, _("The report is assigned to nobody."))
    else:
        name = expert.get_full_name() or expert.username
        messages.success(request, _("The report is assigned to %(name)s.") % {"name": name})
    return redirect("reports:review", pk=report.pk)


@agency_required
def reopen(request, pk):
    """An agency admin undoes an approval, with a reason: the report waits for review again."""
    report = _report_for(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not services.can_reopen(request.user):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write why the approval is undone."))
        return redirect("reports:review", pk=report.pk)
    try:
        services.reopen_report(report, actor=request.user, reason=form.cleaned_data["reason"])
    except services.TransitionNotAllowed:
        messages.error(request, _("Only an approved report can be reopened; nothing was changed."))
        return redirect("reports:review", pk=report.pk)
    messages.success(request, _("The approval is undone; the report waits for review again."))
    return redirect("reports:review", pk=report.pk)


@any_role_required
def version(request, pk, number):
    """One submitted version, read-only: the agency and the report's own centre."""
    report = _report_for(request, pk)
    submission = _version(report, number)
    return _render_review(request, report, submission, None, template="reports/review_version.html")


@any_role_required
def audit_trail(request, pk):
    report = _report_for(request, pk)
    entries = AuditEntry.objects.for_object(report).select_related("actor").order_by("-at", "-id")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    sections = {s.code: s.title for s in report.framework.sections.all()}
    criteria = {c.code: c.name for c in report.framework.criteria.all()}
    grades = {b.code: b.name for b in report.framework.grade_bands.all()}
    rows = [
        {
            "entry": e,
            "action": action_label(e.action),
            "from": state_label(e.from_state),
            "to": state_label(e.to_state),
            "lines": describe_changes(e, sections, criteria, grades),
        }
        for e in page
    ]
    return render(
        request,
        "reports/audit.html",
        {"report": report, "page": page, "rows": rows, "query_string": "", "review_url": _review_url(request, report)},
    )


def _review_url(request, report):
    if services.can_review(request.user) and report.last_submission_id:
        return reverse("reports:review", args=[report.pk])
    return None


def action_label(action):
    return labels.label("action", action)


def state_label(state):
    return labels.label("status", state) if state else ""


def _pair(label, old, new, *, points=False):
    if points:
        return {"label": label, "old": fmt_points(old) if old not in (None, "") else "", "new": fmt_points(new)}
    line = {"label": label, "old": old, "new": new}
    if isinstance(old, str) and isinstance(new, str) and old and new:
        # Long texts: show the words that changed rather than two whole paragraphs.
        line["segments"] = word_segments(old, new)
    return line


def describe_changes(entry, sections, criteria, grades=None):
    """Human lines for an audit entry's `changes`: {label, old, new[, segments]} or {label, value}."""
    grades = grades or {}
    changes = entry.changes or {}
    lines = []
    for code, pair in (changes.get("texts") or {}).items():
        label = _("Section %(code)s “%(title)s”") % {"code": code, "title": sections.get(code, "")}
        lines.append(_pair(label, pair[0], pair[1]))
    if "zero_value" in changes:
        old, new = changes["zero_value"]
        lines.append(
            {"label": _("Zero-value report"), "old": labels.label("yes_no", old), "new": labels.label("yes_no", new)}
        )
    names = {"points": _("points"), "comment": _("comment"), "disagreement_reason": _("reason for differing")}
    for code, fields in (changes.get("answers") or {}).items():
        for name, pair in fields.items():
            label = f"{code} {criteria.get(code, '')} — {names.get(name, name)}"
            lines.append(_pair(label, pair[0], pair[1], points=name == "points"))
    for code, text in (changes.get("notes") or {}).items():
        label = _("Note on %(code)s") % {"code": code} if code else _("Note on the report as a whole")
        lines.append({"label": label, "value": text})
    if "version" in changes:
        lines.append({"label": _("version"), "value": changes["version"]})
    if changes.get("total") not in (None, ""):
        lines.append({"label": _("total"), "value": fmt_points(changes["total"])})
    if changes.get("grade"):
        lines.append({"label": _("grade"), "value": labels.label("grade", changes["grade"], grades=grades or None)})
    for key, label in (("criterion", _("criterion")), ("file", _("file"))):
        if key in changes and not isinstance(changes[key], dict):
            lines.append({"label": label, "value": changes[key]})
    if "on_time" in changes:
        lines.append({"label": _("submitted"), "value": labels.label("on_time", changes["on_time"])})
    if "assigned_to" in changes:
        old, new = changes["assigned_to"]
        lines.append({"label": _("expert"), "old": old or "—", "new": new or "—"})
    return lines
