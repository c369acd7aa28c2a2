import datetime as dt
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from centres.access import (
    agency_admin_required,
    agency_required,
    any_role_required,
    centres_visible_to,
    get_visible_or_404,
    is_agency_admin,
)
from centres.forms import CentreForm, CentreImportForm, DateInput
from centres.models import KIND_ABBREVIATIONS, Centre, CentreKind
from centres.regions import Region
from centres.services import (
    CentreConflict,
    CentreImportError,
    centre_values,
    create_centre,
    import_centres,
    update_centre,
)


@agency_required
def centre_list(request):
    centres = Centre.objects.all()
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    region = request.GET.get("region", "")
    if q:
        centres = centres.filter(Q(name__icontains=q) | Q(licence_number__icontains=q))
    if kind in CentreKind.values:
        centres = centres.filter(kind=kind)
    if region in Region.values:
        centres = centres.filter(region=region)
    page = Paginator(centres.order_by("name", "pk"), 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "centres/list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "region": region,
            "kinds": list(KIND_ABBREVIATIONS.items()),
            "regions": Region.choices,
            "query_string": params.urlencode(),
            "can_import": is_agency_admin(request.user),
            "can_edit": is_agency_admin(request.user),
        },
    )


@any_role_required
def centre_detail(request, pk):
    centre = get_visible_or_404(centres_visible_to(request.user), request.user, centre_field="pk", pk=pk)
    reports = centre.reports.select_related("last_submission").order_by("-year")
    context = {"centre": centre, "reports": reports, "can_edit": is_agency_admin(request.user)}
    return render(request, "centres/detail.html", context)


@agency_admin_required
def centre_import(request):
    form = CentreImportForm(request.POST, request.FILES) if request.method == "POST" else CentreImportForm()
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_centres(upload, actor=request.user, filename=upload.name)
        except CentreImportError as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Register imported: %(created)s centres added, %(updated)s updated, %(unchanged)s unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect("centres:list")
    status = 400 if request.method == "POST" else 200
    return render(request, "centres/import.html", {"form": form, "problems": problems}, status=status)


def _add_errors(form, error):
    for name, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


def _initial(centre):
    return {**centre_values(centre), "base": CentreForm.sign_base(centre_values(centre))}


@agency_admin_required
def centre_add(request):
    form = CentreForm(request.POST or None, initial={"iso_9001": False})
    if request.method == "POST" and form.is_valid():
        try:
            centre = create_centre(actor=request.user, values=form.values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The centre %(name)s was added to the register.") % {"name": centre.name})
            return redirect("centres:detail", pk=centre.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "centres/edit.html", {"form": form, "centre": None}, status=status)


def _posted(data, name, value):
    """Put a plain field value into POST data the way the form's widget sends it."""
    if isinstance(value, bool):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    else:
        data[name] = "" if value is None else value


def _shown(field, value):
    """A saved value as people read it: the choice's label, a Bulgarian date, да/не, — for nothing."""
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = dict(getattr(field, "choices", ()) or ())
    if value in choices:
        return choices[value]
    if isinstance(field.widget, DateInput):
        return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
    return value


def _conflict_form(request, form, conflict):
    """The posted form again, based on what is saved now: fields only the other person changed show
    their saved values, the admin's own changes stay, and the fields both changed are listed."""
    base = form.cleaned_data["base"] or {}
    mine = centre_values(SimpleNamespace(**form.values()))
    data = request.POST.copy()
    for name, saved in conflict.current.items():
        if mine[name] == base.get(name) and saved != base.get(name):
            _posted(data, name, saved)
    data["base"] = CentreForm.sign_base(conflict.current)
    fresh = CentreForm(data)
    fresh.is_valid()
    return fresh, [
        {"label": fresh.fields[name].label, "saved": _shown(fresh.fields[name], conflict.current[name])}
        for name in conflict.fields
    ]


@agency_admin_required
def centre_edit(request, pk):
    centre = get_object_or_404(Centre, pk=pk)
    conflicts = []
    if request.method == "POST":
        form = CentreForm(request.POST)
        if form.is_valid():
            try:
                changes = update_centre(
                    centre, actor=request.user, values=form.values(), base=form.cleaned_data["base"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            except CentreConflict as conflict:
                form, conflicts = _conflict_form(request, form, conflict)
            else:
                if changes:
                    messages.success(request, _("The centre's details were saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("centres:detail", pk=centre.pk)
    else:
        form = CentreForm(initial=_initial(centre))
    status = 200 if request.method == "GET" else (409 if conflicts else 400)
    context = {"form": form, "centre": centre, "conflicts": conflicts}
    return render(request, "centres/edit.html", context, status=status)
