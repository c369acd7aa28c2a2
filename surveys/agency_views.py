"""The agency's survey pages: national results by region, anonymous exports, and questionnaire editing."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import ReadKind
from audit.services import record_read
from centres.access import agency_admin_required, agency_required
from centres.regions import Region
from inputs.query import year_param
from surveys import charts, exports, results, services
from surveys.forms import NewQuestionForm, QuestionForm, options_text
from surveys.models import (
    Answer,
    Campaign,
    Channel,
    Invitation,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
)
from surveys.thresholds import MIN_ANSWERS, MIN_RESPONSE_RATE, Sufficiency, percent
from vetquality.home_data import reporting_year


def _choice(request):
    questionnaires = list(Questionnaire.objects.all())
    if not questionnaires:
        raise Http404
    code = request.GET.get("questionnaire") or questionnaires[0].code
    questionnaire = next((q for q in questionnaires if q.code == code), None)
    if questionnaire is None:
        raise Http404
    years = list(
        Campaign.objects.filter(version__questionnaire=questionnaire)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    default_year = years[0] if years else reporting_year(timezone.localdate()) - 1
    year = year_param(request, default=default_year)
    return questionnaires, questionnaire, years, year


def _by_region(campaigns):
    """Per region: responses, centres, invitations and satisfaction index; three grouped queries."""
    region = "campaign__centre__region"
    responses = {
        r[region]: r
        for r in Response.objects.filter(campaign__in=campaigns)
        .values(region)
        .annotate(
            n=Count("id"),
            personal=Count("id", filter=Q(channel=Channel.PERSONAL)),
            centres=Count("campaign__centre", distinct=True),
        )
    }
    invited = dict(
        Invitation.objects.filter(campaign__in=campaigns).values_list(region).annotate(n=Count("id")).order_by()
    )
    likert = {
        r["response__campaign__centre__region"]: r
        for r in Answer.objects.filter(response__campaign__in=campaigns, number__isnull=False)
        .values("response__campaign__centre__region")
        .annotate(total=Count("id"), satisfied=Count("id", filter=Q(number__gte=results.SATISFIED_FROM)))
    }
    rows = []
    for value, label in Region.choices:
        r = responses.get(value)
        if not r:
            continue
        enough = Sufficiency(answers=r["n"], invited=invited.get(value, 0), personal_answers=r["personal"])
        counts = likert.get(value, {"total": 0, "satisfied": 0})
        rows.append(
            {
                "label": label,
                "responses": r["n"],
                "centres": r["centres"],
                "sufficiency": enough,
                "index": percent(counts["satisfied"], counts["total"]) if enough.enough else None,
            }
        )
    return rows


@agency_required
def national(request):
    questionnaires, questionnaire, years, year = _choice(request)
    campaigns = Campaign.objects.filter(version__questionnaire=questionnaire, year=year)
    regions = _by_region(campaigns)
    enough = results.sufficiency(campaigns)
    questions = results.distribution(campaigns)
    for result in questions:
        result.chart = charts.distribution_chart(result)
    return render(
        request,
        "surveys/national.html",
        {
            "questionnaires": questionnaires,
            "questionnaire": questionnaire,
            "years": years,
            "year": year,
            "regions": regions,
            "region_chart": charts.index_by_group_chart(regions),
            "sufficiency": enough,
            "questions": questions,
            "min_answers": MIN_ANSWERS,
            "min_rate": MIN_RESPONSE_RATE,
        },
    )


@agency_required
def export(request, code, year, fmt):
    year = int(year)
    questionnaire = get_object_or_404(Questionnaire, code=code)
    answers = exports.answers_for(questionnaire, year)
    filename = f"survey-{questionnaire.code}-{year}"
    record_read(request, ReadKind.EXPORT, obj=questionnaire, detail=f"{filename}.{fmt}")
    if fmt == "csv":
        return exports.csv_response(answers, filename)
    return exports.xlsx_response(answers, filename)


@agency_admin_required
def questionnaires(request):
    items = Questionnaire.objects.prefetch_related("versions").annotate(n_versions=Count("versions"))
    version_counts = dict(
        QuestionnaireVersion.objects.values_list("pk").annotate(n=Count("campaigns__responses")).order_by()
    )
    return render(request, "surveys/questionnaires.html", {"items": items, "version_counts": version_counts})


def _version_page(request, version, status=200, forms=None, new_form=None):
    questions = list(version.questions.all())
    forms = forms or {}
    rows = [
        (
            q,
            forms.get(q.pk)
            or QuestionForm(
                prefix=f"q{q.pk}",
                question_type=q.type,
                initial={"text": q.text, "required": q.required, "options": options_text(q.options)},
            ),
        )
        for q in questions
    ]
    latest = version.questionnaire.current_version()
    return render(
        request,
        "surveys/version.html",
        {
            "version": version,
            "rows": rows,
            "new_form": new_form or NewQuestionForm(prefix="new"),
            "is_latest": latest.pk == version.pk,
            "latest": latest,
            "answers": Response.objects.filter(campaign__version=version).count(),
        },
        status=status,
    )


@agency_admin_required
def version_detail(request, pk):
    version = get_object_or_404(QuestionnaireVersion.objects.select_related("questionnaire"), pk=pk)
    return _version_page(request, version)


@agency_admin_required
@require_POST
def question_edit(request, pk):
    question = get_object_or_404(Question.objects.select_related("version__questionnaire"), pk=pk)
    form = QuestionForm(request.POST, prefix=f"q{question.pk}", question_type=question.type)
    if not form.is_valid():
        return _version_page(request, question.version, status=400, forms={question.pk: form})
    edited = services.edit_question(request.user, question, **form.cleaned_data)
    if edited.version_id != question.version_id:
        messages.success(
            request,
            _("Version %(old)s already has answers, so the change was saved in a new version %(new)s.")
            % {"old": question.version.number, "new": edited.version.number},
        )
    else:
        messages.success(request, _("The question has been saved."))
    return redirect("surveys:version", edited.version_id)


@agency_admin_required
@require_POST
def question_add(request, pk):
    version = get_object_or_404(QuestionnaireVersion.objects.select_related("questionnaire"), pk=pk)
    form = NewQuestionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            question = services.add_question(request.user, version, **form.cleaned_data)
        except ValueError:
            form.add_error("code", _("A question with this code exists already in this version."))
        else:
            messages.success(request, _("The question has been added."))
            return redirect("surveys:version", question.version_id)
    return _version_page(request, version, status=400, new_form=form)
