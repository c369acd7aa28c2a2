from django.shortcuts import render

from centres.access import any_role_required
from reports.models import Report


@any_role_required
def report_list(request):
    # Placeholder list; the review queue and the report form come with the report workflow.
    reports = Report.objects.visible_to(request.user).select_related("centre", "last_submission")[:100]
    return render(request, "reports/list.html", {"reports": reports})
