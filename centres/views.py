from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from centres.access import (
    agency_admin_required,
    agency_required,
    any_role_required,
    centres_visible_to,
    get_visible_or_404,
    is_agency_admin,
)
from centres.forms import CentreImportForm
from centres.models import KIND_ABBREVIATIONS, Centre, CentreKind
from centres.regions import Region
from centres.services import CentreImportError, import_centres


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
        },
    )


@any_role_required
def centre_detail(request, pk):
    centre = get_visible_or_404(centres_visible_to(request.user), request.user, centre_field="pk", pk=pk)
    reports = centre.reports.select_related("last_submission").order_by("-year")
    return render(request, "centres/detail.html", {"centre": centre, "reports": reports})


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
