"""Survey pages for centres (campaigns, invitations, graduates, results). Thin: access through
centres.access, changes through surveys.services, numbers from surveys.results."""

import datetime as dt
import io

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Role
from activity.models import Course
from audit.models import ReadKind
from audit.services import record_read
from centres.access import any_role_required, centre_role_required, centres_visible_to, get_visible_or_404, scope
from reports.deadlines import reporting_year
from surveys import charts, listing, results, services, texts
from surveys.forms import CampaignForm, GraduatesFromCourseForm, GraduateUploadForm, InvitationForm, LinksForm
from surveys.models import Answer, Campaign, CampaignMode, Graduate, QuestionnaireKind
from surveys.thresholds import MIN_ANSWERS, MIN_RESPONSE_RATE, percent

editor_required = centre_role_required(Role.DIRECTOR, Role.EDITOR)


def _campaign(request, pk):
    return get_visible_or_404(Campaign.objects.select_related("centre", "version__questionnaire"), request.user, pk=pk)


@any_role_required
def index(request):
    user = request.user
    campaigns = Campaign.objects.visible_to(user)
    year = request.GET.get("year", "")
    if year.isdigit():
        campaigns = campaigns.for_year(int(year))
    campaigns = campaigns.select_related("centre", "version__questionnaire").order_by("-opens_on", "-id")
    page = Paginator(campaigns, 30).get_page(request.GET.get("page"))
    page.object_list = listing.with_counts(page.object_list)  # counts for this page's rows only
    years = Campaign.objects.visible_to(user).order_by("-year").values_list("year", flat=True).distinct()
    return render(
        request,
        "surveys/index.html",
        {
            "page": page,
            "years": years,
            "year": year,
            "query_string": f"year={year}" if year.isdigit() else "",
            "can_edit": user.can_edit_reports,
            "current_year": reporting_year(timezone.localdate()),
        },
    )


@editor_required
def campaign_new(request):
    centre = request.user.centre
    today = timezone.localdate()
    initial = {
        "year": reporting_year(today),
        "opens_on": today,
        "closes_on": today + dt.timedelta(days=30),
        "mode": CampaignMode.PERSONAL,
    }
    form = CampaignForm(request.POST or None, centre=centre, initial=initial)
    if request.method == "POST" and form.is_valid():
        campaign = services.create_campaign(request.user, **form.cleaned_data)
        messages.success(request, _("The survey campaign has been created."))
        return redirect("surveys:campaign", campaign.pk)
    return render(request, "surveys/campaign_new.html", {"form": form}, status=400 if form.errors else 200)


def _qr_svg(url):
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=2))  # noqa: S308  (segno's own markup)


def _open_url(request, campaign):
    return request.build_absolute_uri(reverse("surveys_public:open", args=[campaign.open_token]))


@any_role_required
def campaign_qr(request, pk):
    """The open link's QR code as a PNG, large enough for a poster."""
    campaign = _campaign(request, pk)
    if campaign.mode != CampaignMode.OPEN:
        raise Http404
    image = io.BytesIO()
    segno.make(_open_url(request, campaign), error="m").save(image, kind="png", scale=12, border=4)
    response = HttpResponse(image.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="survey-{campaign.pk}-qr.png"'
    return response


@any_role_required
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    invitations = campaign.invitations.aggregate(
        total=Count("id"),
        with_email=Count("id", filter=Q(email__isnull=False)),
        sent=Count("id", filter=Q(sent_at__isnull=False)),
        reminded=Count("id", filter=Q(reminded_at__isnull=False)),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
    )
    open_url = _open_url(request, campaign)
    can_edit = request.user.can_edit_reports and request.user.centre_id == campaign.centre_id
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "invitations": invitations,
            "responses": campaign.responses.count(),
            "open_url": open_url if campaign.mode == CampaignMode.OPEN else "",
            "open_qr": _qr_svg(open_url) if campaign.mode == CampaignMode.OPEN else "",
            "can_edit": can_edit,
            "invite_form": InvitationForm(),
            "links_form": LinksForm(initial={"count": 20}),
        },
    )


def _editable_campaign(request, pk):
    campaign = _campaign(request, pk)  # another centre's campaign: 404
    if campaign.mode != CampaignMode.PERSONAL:
        messages.error(request, _("This campaign uses one open link; personal links cannot be added."))
        return None, redirect("surveys:campaign", campaign.pk)
    return campaign, None


@editor_required
@require_POST
def campaign_invite(request, pk):
    campaign, refused = _editable_campaign(request, pk)
    if refused:
        return refused
    form = InvitationForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "surveys/campaign_detail.html",
            {
                "campaign": campaign,
                "invitations": {},
                "responses": campaign.responses.count(),
                "can_edit": True,
                "invite_form": form,
                "links_form": LinksForm(initial={"count": 20}),
            },
            status=400,
        )
    addresses = form.cleaned_data["addresses"]
    added = services.add_invitations(request.user, campaign, addresses)
    messages.success(
        request, _("%(n)d invitations added; they are e-mailed by the next run of the invitation job.") % {"n": added}
    )
    skipped = len(addresses) - added
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(n)d address was not added again: it was repeated or already invited to this survey.",
                "%(n)d addresses were not added again: they were repeated or already invited to this survey.",
                skipped,
            )
            % {"n": skipped},
        )
    return redirect("surveys:campaign", campaign.pk)


@editor_required
@require_POST
def campaign_links(request, pk):
    campaign, refused = _editable_campaign(request, pk)
    if refused:
        return refused
    form = LinksForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of links between 1 and 500."))
        return redirect("surveys:campaign", campaign.pk)
    services.generate_links(request.user, campaign, form.cleaned_data["count"])
    return redirect("surveys:campaign_print", campaign.pk)


@editor_required
def campaign_print(request, pk):
    campaign = _campaign(request, pk)
    unused = campaign.invitations.filter(email__isnull=True, answered_at__isnull=True).order_by("id")[:500]
    links = []
    for invitation in unused:
        url = request.build_absolute_uri(reverse("surveys_public:answer", args=[invitation.token]))
        links.append({"url": url, "qr": _qr_svg(url)})
    return render(request, "surveys/campaign_print.html", {"campaign": campaign, "links": links})


def _with_charts(question_results):
    for result in question_results:
        result.chart = charts.distribution_chart(result)
    return question_results


@any_role_required
def campaign_results(request, pk):
    campaign = _campaign(request, pk)
    campaigns = Campaign.objects.filter(pk=campaign.pk)
    enough = results.sufficiency(campaigns)
    return render(
        request,
        "surveys/results.html",
        {
            "title": campaign.label,
            "campaign": campaign,
            "centre": campaign.centre,
            "sections": [
                {
                    "questionnaire": campaign.version.questionnaire,
                    "sufficiency": enough,
                    "questions": texts.attach(_with_charts(results.distribution(campaigns)), campaigns, request.user),
                }
            ],
            "min_answers": MIN_ANSWERS,
            "min_rate": MIN_RESPONSE_RATE,
        },
    )


@any_role_required
def centre_results(request, centre_pk, year):
    centre = get_visible_or_404(centres_visible_to(request.user), request.user, centre_field="pk", pk=centre_pk)
    sections = []
    for kind, label in QuestionnaireKind.choices:
        campaigns = results.campaigns_for(centre, year, kind)
        enough = results.sufficiency(campaigns)
        if not enough.answers and not enough.invited:
            continue
        questions = texts.attach(_with_charts(results.distribution(campaigns)), campaigns, request.user)
        section = {"label": label, "sufficiency": enough, "questions": questions}
        if kind == QuestionnaireKind.GRADUATE:
            section["placement"] = _placement_rows(centre, year)
        sections.append(section)
    return render(
        request,
        "surveys/results.html",
        {
            "title": _("Survey results %(year)s") % {"year": year},
            "centre": centre,
            "year": year,
            "sections": sections,
            "min_answers": MIN_ANSWERS,
            "min_rate": MIN_RESPONSE_RATE,
        },
    )


def _placement_rows(centre, year):
    """Placement (employed or learning) and work in the trained occupation per wave and course."""
    rows = (
        Answer.objects.filter(
            response__campaign__centre=centre,
            response__campaign__year=year,
            response__wave_months__isnull=False,
            question_code=results.EMPLOYMENT_CODE,
        )
        .values("response__wave_months", "response__course")
        .annotate(
            total=Count("id"),
            placed=Count("id", filter=Q(value__in=results.PLACED_VALUES)),
            in_occupation=Count("id", filter=Q(value__in=results.IN_OCCUPATION_VALUES)),
        )
        .order_by("response__wave_months", "response__course")
    )
    courses = Course.objects.in_bulk({r["response__course"] for r in rows if r["response__course"]})
    return [
        {
            "months": r["response__wave_months"],
            "course": courses.get(r["response__course"]) or _("all courses"),
            "total": r["total"],
            "placed": percent(r["placed"], r["total"]),
            "in_occupation": percent(r["in_occupation"], r["total"]),
        }
        for r in rows
    ]


@any_role_required
def graduates(request):
    user = request.user
    graduates_qs = scope(Graduate.objects.select_related("centre", "course__profession"), user)
    page = Paginator(graduates_qs.order_by("-completed_on", "-id"), 50).get_page(request.GET.get("page"))
    # The list shows graduates' e-mail addresses: who looked at which page is recorded.
    record_read(request, ReadKind.CONTACTS, centre=user.centre, detail=f"page {page.number}")
    context = {"page": page, "query_string": "", "can_edit": user.can_edit_reports}
    if user.can_edit_reports:
        context["upload_form"] = GraduateUploadForm()
        context["course_form"] = GraduatesFromCourseForm(centre=user.centre)
    return render(request, "surveys/graduates.html", context)


def _graduates_page(request, status, **forms):
    graduates_qs = scope(Graduate.objects.select_related("centre", "course__profession"), request.user)
    context = {
        "page": Paginator(graduates_qs.order_by("-completed_on", "-id"), 50).get_page(1),
        "query_string": "",
        "can_edit": True,
        "upload_form": forms.get("upload_form") or GraduateUploadForm(),
        "course_form": forms.get("course_form") or GraduatesFromCourseForm(centre=request.user.centre),
    }
    return render(request, "surveys/graduates.html", context, status=status)


@editor_required
@require_POST
def graduates_upload(request):
    form = GraduateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _graduates_page(request, 400, upload_form=form)
    added = services.register_graduates(request.user, request.user.centre, form.cleaned_data["file"])
    messages.success(request, _("%(n)d graduates registered; their follow-up is scheduled.") % {"n": len(added)})
    return redirect("surveys:graduates")


@editor_required
@require_POST
def graduates_from_course(request):
    form = GraduatesFromCourseForm(request.POST, centre=request.user.centre)
    if not form.is_valid():
        return _graduates_page(request, 400, course_form=form)
    course = form.cleaned_data["course"]
    completed_on = form.cleaned_data["completed_on"] or course.end_date
    rows = [
        {"email": email, "course": course, "completed_on": completed_on, "consent": form.cleaned_data["consent"]}
        for email in form.cleaned_data["emails"]
    ]
    added = services.register_graduates(request.user, request.user.centre, rows)
    messages.success(request, _("%(n)d graduates registered; their follow-up is scheduled.") % {"n": len(added)})
    return redirect("surveys:graduates")
