"""What the centre's report pages share: the visible report (404 for another centre's), one of its
evidence files, and the form's URL."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from centres.access import get_visible_or_404
from reports.models import Evidence, Report


def visible_report(request, pk):
    queryset = Report.objects.select_related("centre", "framework", "last_submission")
    return get_visible_or_404(queryset, request.user, pk=pk)


def form_url(report, anchor=""):
    return reverse("reports:form", args=[report.pk]) + (f"#{anchor}" if anchor else "")


def report_evidence(report, evidence_pk):
    """One of the report's evidence files; 404 for any other (another report's file included)."""
    return get_object_or_404(Evidence.objects.select_related("criterion"), pk=evidence_pk, report=report)
