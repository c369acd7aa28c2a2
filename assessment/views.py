"""The assessment pages: the index for each role, samples (agency), competence monitoring (agency).
Thin: access through centres.access, changes through assessment.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activity.models import Profession
from assessment import services
from assessment.forms import MonitoringForm, SampleForm
from assessment.models import AssessmentBody, Assessor, Sample, Session
from centres.access import (
    agency_required,
    assessment_body_id,
    assessment_reader_required,
    is_agency,
    is_assessment_body_user,
)
from centres.models import Centre


def sessions_for(user):
    return (
        Session.objects.visible_to(user)
        .select_related("body", "outcome_set__profession", "sample")
        .annotate(n_participants=Count("participants", distinct=True))
        .order_by("-held_on", "-id")
    )


@assessment_reader_required
def index(request):
    user = request.user
    context = {"sessions": sessions_for(user)[:100], "is_agency": is_agency(user)}
    if is_agency(user):
        context["samples"] = Sample.objects.annotate(n=Count("members")).order_by("-drawn_at")[:50]
        context["bodies"] = AssessmentBody.objects.annotate(
            n_assessors=Count("assessors", filter=Q(assessors__active=True), distinct=True)
        ).order_by("kind", "name")
        context["monitoring_form"] = MonitoringForm(initial={"year": timezone.localdate().year - 1, "months": 6})
    elif is_assessment_body_user(user):
        context["body"] = AssessmentBody.objects.get(pk=assessment_body_id(user))
    return render(request, "assessment/index.html", context)


@agency_required
def sample_new(request):
    form = SampleForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sample = services.draw_sample(
                request.user,
                year=data["year"],
                source=data["source"],
                size=data["size"],
                min_per_centre=data["min_per_centre"],
                professions=list(data["professions"]) or None,
                seed=data["seed"],
            )
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The sample was drawn and recorded."))
            return redirect("assessment:sample", pk=sample.pk)
    return render(request, "assessment/sample_new.html", {"form": form}, status=400 if form.errors else 200)


@agency_required
def sample_detail(request, pk):
    sample = get_object_or_404(Sample.objects.select_related("drawn_by"), pk=pk)
    strata = sample.parameters.get("strata", [])
    centres = dict(Centre.objects.filter(pk__in={s[0] for s in strata}).values_list("pk", "name"))
    professions = {p.pk: p for p in Profession.objects.filter(pk__in={s[1] for s in strata})}
    rows = [
        {"centre": centres.get(c, c), "profession": professions.get(p, p), "drawn": n, "eligible": of}
        for c, p, n, of in strata
    ]
    members = sample.members.select_related("centre", "profession", "participation__session").order_by(
        "centre__name", "profession__code", "pseudonym"
    )
    return render(
        request,
        "assessment/sample_detail.html",
        {
            "sample": sample,
            "strata": rows,
            "members": members,
            "professions": [professions.get(p) or p for p in sample.parameters.get("professions", [])],
        },
    )


@require_POST
@agency_required
def monitoring_open(request):
    form = MonitoringForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year and a follow-up wave."))
        return redirect("assessment:index")
    created = services.open_competence_monitoring(
        request.user, year=form.cleaned_data["year"], months=form.cleaned_data["months"]
    )
    messages.success(request, _("Competence surveys opened: %(n)s.") % {"n": len(created)})
    return redirect("assessment:index")


@assessment_reader_required
def bodies(request):
    """The register: every body for the agency, its own body for a body's user; centres have none."""
    user = request.user
    found = AssessmentBody.objects.prefetch_related(
        "fields", "professions", Prefetch("assessors", queryset=Assessor.objects.prefetch_related("professions"))
    ).order_by("kind", "name")
    if not is_agency(user):
        if not is_assessment_body_user(user):
            raise PermissionDenied
        found = found.filter(pk=assessment_body_id(user))
    return render(request, "assessment/bodies.html", {"bodies": found})
