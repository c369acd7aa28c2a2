from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from centres.access import agency_required, any_role_required, centres_visible_to, get_visible_or_404
from centres.models import Centre, CentreKind
from centres.regions import Region


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
            "kinds": CentreKind.choices,
            "regions": Region.choices,
            "query_string": params.urlencode(),
        },
    )


@any_role_required
def centre_detail(request, pk):
    centre = get_visible_or_404(centres_visible_to(request.user), request.user, centre_field="pk", pk=pk)
    reports = centre.reports.select_related("last_submission").order_by("-year")
    return render(request, "centres/detail.html", {"centre": centre, "reports": reports})
