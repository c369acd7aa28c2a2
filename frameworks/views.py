import json

from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from centres.access import agency_admin_required
from frameworks.loader import export
from frameworks.models import Area, Criterion, Framework


@agency_admin_required
def framework_list(request):
    frameworks = Framework.objects.annotate(criteria_count=Count("criteria", distinct=True))
    return render(request, "frameworks/list.html", {"frameworks": frameworks})


@agency_admin_required
def framework_detail(request, code):
    framework = get_object_or_404(
        Framework.objects.prefetch_related(
            "grade_bands",
            "sections",
            Prefetch(
                "areas",
                queryset=Area.objects.prefetch_related(
                    Prefetch("criteria", queryset=Criterion.objects.prefetch_related("levels"))
                ),
            ),
        ),
        code=code,
    )
    return render(request, "frameworks/detail.html", {"framework": framework})


@agency_admin_required
def framework_export(request, code):
    framework = get_object_or_404(Framework, code=code)
    body = json.dumps(export(framework), ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{framework.code}.json"'
    return response
