"""The centre's side of a control: the objection to the protocol and the report on fulfilled recommendations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from centres.access import centre_user_required
from control import services, timers
from control.forms import ObjectionForm
from control.views import case_url, form_errors, visible_control


@centre_user_required
def objection(request, pk):
    control = visible_control(request, pk)
    if not services.is_centre_editor(request.user, control):
        raise PermissionDenied
    due = timers.objection_due(control.protocol_delivered_on) if control.protocol_delivered_on else None
    if request.method == "GET":
        if "object" not in services.allowed_actions(control, request.user):
            raise services.TransitionNotAllowed
        form, status = ObjectionForm(), 200
    elif request.method == "POST":
        form = ObjectionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.submit_objection(
                    control, actor=request.user, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
                )
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("Your objection is submitted."))
                return redirect(case_url(control))
        status = 400
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(request, "control/objection.html", {"control": control, "form": form, "due": due}, status=status)


def _posted_entries(request, findings):
    entries, files = {}, {}
    for finding in findings:
        done = request.POST.get(f"done_{finding.pk}")
        entries[finding.pk] = {
            "done": {"yes": True, "no": False}.get(done),
            "text": request.POST.get(f"text_{finding.pk}", ""),
        }
        uploads = request.FILES.getlist(f"files_{finding.pk}")
        if uploads:
            files[finding.pk] = uploads
    return entries, files


@centre_user_required
def fulfilment(request, pk):
    control = visible_control(request, pk)
    if not services.is_centre_editor(request.user, control):
        raise PermissionDenied
    findings = list(control.findings.all())
    errors, entries, status = {}, {}, 200
    if request.method == "GET":
        if "fulfil" not in services.allowed_actions(control, request.user):
            raise services.TransitionNotAllowed
    elif request.method == "POST":
        entries, files = _posted_entries(request, findings)
        try:
            services.submit_fulfilment(control, actor=request.user, entries=entries, files=files)
        except ValidationError as exc:
            errors, status = exc.message_dict, 400
        else:
            messages.success(request, _("Your report on fulfilled recommendations is submitted."))
            return redirect(case_url(control))
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    rows = [
        {
            "finding": f,
            "entry": entries.get(f.pk, {}),
            "error": errors.get(f"finding-{f.pk}", []),
            "file_error": errors.get(f"files-{f.pk}", []),
        }
        for f in findings
    ]
    context = {"control": control, "rows": rows, "general_errors": errors.get("__all__", [])}
    return render(request, "control/fulfilment.html", context, status=status)
