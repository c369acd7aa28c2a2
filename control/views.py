"""The control case pages: the list, the case, the order and the one-button steps. Changes go through services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centres.access import agency_required, any_role_required, get_visible_or_404, is_agency
from control import objects, services, timers
from control.forms import CancelForm, CloseForm, DeliveryForm, EscalateForm, OrderForm, ProtocolForm
from control.models import Control, ControlFile, FilePurpose, State


def visible_control(request, pk):
    """The control if this user may see it; 404 for another centre's, a planned one, or none."""
    queryset = Control.objects.visible_to(request.user).select_related("centre", "checklist", "risk_model")
    return get_visible_or_404(queryset, request.user, pk=pk)


def case_url(control, anchor=""):
    return reverse("control:case", args=[control.pk]) + (f"#{anchor}" if anchor else "")


def form_errors(form, exc):
    """Put a service's ValidationError on the form's fields (unknown keys become form-wide errors)."""
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


# ---------------------------------------------------------------- the list
@any_role_required
def control_list(request):
    user = request.user
    controls = Control.objects.visible_to(user).select_related("centre").annotate(finding_count=Count("findings"))
    state = request.GET.get("state", "")
    if state in State.values:
        controls = controls.filter(state=state)
    mine = is_agency(user) and request.GET.get("mine") == "1"
    if mine:
        controls = controls.filter(inspectors=user)
    today = timers.today()
    rows = []
    for control in controls.order_by("-year", "centre__name", "pk")[:500]:
        rows.append({"control": control, "deadline": timers.next_deadline(control, today) if control.is_open else None})
    return render(
        request,
        "control/list.html",
        {
            "rows": rows,
            "states": State.choices,
            "state": state,
            "mine": mine,
            "agency": is_agency(user),
            "overdue": sum(1 for r in rows if r["deadline"] and r["deadline"].overdue),
        },
    )


# ---------------------------------------------------------------- the case page
def _case_context(request, control, **extra):
    today = timers.today()
    actions = services.allowed_actions(control, request.user, today)
    findings = list(control.findings.select_related("item").prefetch_related("files"))
    files = list(control.files.filter(purpose=FilePurpose.OBJECTION))
    objection = getattr(control, "objection", None) if hasattr(control, "objection") else None
    context = {
        "control": control,
        "agency": is_agency(request.user),
        "actions": actions,
        "deadline": timers.next_deadline(control, today) if control.is_open else None,
        "findings": findings,
        "objection": objection,
        "objection_files": files,
        "fulfilment": getattr(control, "fulfilment", None) if hasattr(control, "fulfilment") else None,
        "inspectors": list(control.inspectors.all()),
        "protocol_due": timers.protocol_due(control.check_ended_on) if control.check_ended_on else None,
        "objection_due": timers.objection_due(control.protocol_delivered_on) if control.protocol_delivered_on else None,
        "documents": _documents(control),
        "delivery_form": extra.pop("delivery_form", None) or DeliveryForm(initial={"delivered_on": today}),
        "cancel_form": extra.pop("cancel_form", None) or CancelForm(),
        "close_form": extra.pop("close_form", None) or CloseForm(),
        "escalate_form": extra.pop("escalate_form", None) or EscalateForm(),
        "protocol_form": extra.pop("protocol_form", None)
        or ProtocolForm(initial={"check_ended_on": control.check_to, "protocol_on": today}),
        "step_errors": extra.pop("step_errors", []),
        "checklist_gaps": services.checklist_gaps(control) if control.state == State.INSPECTING else [],
    }
    context.update(extra)
    return context


def _documents(control):
    from control.documents import available

    return available(control)


@any_role_required
def case(request, pk):
    control = visible_control(request, pk)
    return render(request, "control/case.html", _case_context(request, control))


def _render_case(request, control, status=400, **forms):
    return render(request, "control/case.html", _case_context(request, control, **forms), status=status)


# ---------------------------------------------------------------- the order
@agency_required
def order(request, pk):
    control = visible_control(request, pk)
    if control.state != State.PLANNED:
        raise services.TransitionNotAllowed
    years = list(range(control.year - 1, control.year + 1))
    choices = objects.choices_for(control.centre, years)
    if request.method == "POST":
        form = OrderForm(request.POST, object_choices=choices)
        if form.is_valid():
            try:
                services.order_control(control, actor=request.user, **form.service_arguments())
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("The control is ordered; the centre can now see it."))
                return redirect(case_url(control))
        status = 400
    elif request.method == "GET":
        form = OrderForm(
            object_choices=choices,
            initial={
                "ordered_on": timers.today(),
                "period_from": f"{control.year - 1}-01-01",
                "period_to": f"{control.year}-12-31",
                "inspector_1": request.user.pk,
            },
        )
        status = 200
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(request, "control/order.html", {"control": control, "form": form}, status=status)


# ---------------------------------------------------------------- one-button steps
@require_POST
@agency_required
def step(request, pk, action):
    control = visible_control(request, pk)
    actor = request.user
    try:
        if action == "start":
            services.start_inspection(control, actor=actor)
            messages.success(request, _("The inspection has started: fill in the checklist."))
            return redirect("control:checklist", pk=control.pk)
        if action == "protocol":
            form = ProtocolForm(request.POST)
            if not form.is_valid():
                return _render_case(request, control, protocol_form=form)
            try:
                services.issue_protocol(control, actor=actor, **form.cleaned_data)
            except ValidationError as exc:
                form_errors(form, exc)
                return _render_case(request, control, protocol_form=form)
            messages.success(request, _("The protocol is issued."))
        elif action == "deliver":
            form = DeliveryForm(request.POST)
            if not form.is_valid():
                return _render_case(request, control, delivery_form=form)
            try:
                services.record_delivery(control, actor=actor, **form.cleaned_data)
            except ValidationError as exc:
                form_errors(form, exc)
                return _render_case(request, control, delivery_form=form)
            messages.success(request, _("The delivery is recorded: the objection window is open."))
        elif action == "remedy":
            services.open_remedy(control, actor=actor)
            messages.success(request, _("The remedy period is open."))
        elif action == "cancel":
            form = CancelForm(request.POST)
            form.is_valid()
            try:
                services.cancel_control(control, actor=actor, reason=form.cleaned_data.get("reason", ""))
            except ValidationError as exc:
                form_errors(form, exc)
                return _render_case(request, control, cancel_form=form)
            messages.success(request, _("The control is cancelled."))
        elif action == "close":
            form = CloseForm(request.POST)
            form.is_valid()
            try:
                services.close_control(control, actor=actor, **form.cleaned_data)
            except ValidationError as exc:
                form_errors(form, exc)
                return _render_case(request, control, close_form=form)
            messages.success(request, _("The control is closed."))
        elif action == "escalate":
            form = EscalateForm(request.POST)
            form.is_valid()
            try:
                services.escalate_control(control, actor=actor, **form.cleaned_data)
            except ValidationError as exc:
                form_errors(form, exc)
                return _render_case(request, control, escalate_form=form)
            messages.success(request, _("The control is escalated: revocation is proposed."))
        else:
            return render(request, "control/case.html", _case_context(request, control), status=404)
    except ValidationError as exc:
        return _render_case(request, control, step_errors=exc.messages)
    return redirect(case_url(control))


@require_POST
@agency_required
def mark(request, pk, finding_pk):
    control = visible_control(request, pk)
    finding = get_visible_or_404(control.findings.all(), request.user, centre_field="control__centre", pk=finding_pk)
    value = request.POST.get("fulfilled")
    if value not in ("yes", "no"):
        return _render_case(request, control, step_errors=[_("Choose fulfilled or not fulfilled.")])
    services.mark_recommendation(finding, actor=request.user, fulfilled=value == "yes")
    return redirect(case_url(control, f"finding-{finding.pk}"))


@any_role_required
def file_download(request, pk, file_pk):
    from control.files import download

    control = visible_control(request, pk)
    item = get_visible_or_404(ControlFile.objects.filter(control=control), request.user, "control__centre", pk=file_pk)
    return download(item)
