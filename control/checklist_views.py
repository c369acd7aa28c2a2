"""The protocol checklist: filled in by the inspectors as a draft (no JavaScript needed), with conflict protection."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centres.access import agency_required, any_role_required, is_agency
from control import services
from control.forms import FindingForm
from control.models import Answer, State
from control.views import form_errors, visible_control


def _sections(control, posted=None):
    """[(section, [row])] where each row has the item, its saved answer and what to show in the form."""
    rows = list(control.answers.select_related("item", "item__section").order_by("item__order"))
    sections, current = [], None
    for row in rows:
        item = row.item
        shown = {"answer": row.answer, "data_missing": row.data_missing, "comment": row.comment}
        if posted is not None and item.code in posted:
            shown = posted[item.code]
        entry = {
            "row": row,
            "item": item,
            "shown": shown,
            "choices": [(value, Answer(value).label) for value in item.allowed_answers],
            "needs_comment": ", ".join(item.comment_required_on),
        }
        if current is None or current[0].pk != item.section_id:
            current = (item.section, [])
            sections.append(current)
        current[1].append(entry)
    return sections


def _posted_answers(request, control):
    answers = {}
    for code in control.answers.values_list("item__code", flat=True):
        if f"answer_{code}" in request.POST or f"comment_{code}" in request.POST:
            answers[code] = {
                "answer": request.POST.get(f"answer_{code}", ""),
                "data_missing": request.POST.get(f"missing_{code}") == "on",
                "comment": request.POST.get(f"comment_{code}", ""),
            }
    return answers


def _render(request, control, *, posted=None, errors=None, conflicts=None, finding_form=None, status=200):
    editable = control.state == State.INSPECTING and services.is_inspector(request.user, control)
    no_items = [row.item for row in control.answers.select_related("item") if row.answer == Answer.NO]
    context = {
        "control": control,
        "editable": editable,
        "sections": _sections(control, posted),
        "errors": errors or {},
        "conflicts": conflicts,
        "findings": list(control.findings.select_related("item")),
        "finding_form": finding_form or FindingForm(items=no_items),
        "lock_version": control.lock_version,
        "gaps": services.checklist_gaps(control) if editable else [],
    }
    return render(request, "control/checklist.html", context, status=status)


@any_role_required
def checklist(request, pk):
    control = visible_control(request, pk)
    # The centre sees the answers once the protocol is issued; the agency always.
    if not is_agency(request.user) and control.state in (State.ORDERED, State.INSPECTING):
        raise Http404
    if request.method == "GET":
        return _render(request, control)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not services.is_inspector(request.user, control):
        raise PermissionDenied
    posted = _posted_answers(request, control)
    try:
        lock_version = int(request.POST.get("lock_version", ""))
    except ValueError:
        return _render(request, control, posted=posted, errors={"__all__": _("The form is incomplete.")}, status=400)
    try:
        services.save_checklist(control, actor=request.user, lock_version=lock_version, answers=posted)
    except services.StaleChecklist as stale:
        control.lock_version = stale.current_lock_version
        messages.error(
            request,
            _(
                "Someone else saved this checklist while you were filling it in, so your answers were not saved. "
                "Compare them below, then save again to keep yours."
            ),
        )
        return _render(request, control, posted=posted, conflicts=stale.conflicts, status=409)
    except ValidationError as exc:
        return _render(request, control, posted=posted, errors=exc.message_dict, status=400)
    messages.success(request, _("The checklist draft is saved."))
    return redirect(reverse("control:checklist", args=[control.pk]))


@require_POST
@agency_required
def add_finding(request, pk):
    control = visible_control(request, pk)
    no_items = [row.item for row in control.answers.select_related("item") if row.answer == Answer.NO]
    form = FindingForm(request.POST, items=no_items)
    if form.is_valid():
        try:
            services.add_finding(
                control,
                actor=request.user,
                item_code=form.cleaned_data["item"],
                klass=form.cleaned_data["klass"],
                text=form.cleaned_data["text"],
                recommendation=form.cleaned_data["recommendation"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The finding is added."))
            return redirect(reverse("control:checklist", args=[control.pk]) + "#findings")
    return _render(request, control, finding_form=form, status=400)


@require_POST
@agency_required
def delete_finding(request, pk, finding_pk):
    control = visible_control(request, pk)
    finding = control.findings.filter(pk=finding_pk).first()
    if finding is None:
        raise Http404
    services.delete_finding(finding, actor=request.user)
    messages.success(request, _("The finding is deleted."))
    return redirect(reverse("control:checklist", args=[control.pk]) + "#findings")
