"""The agency's survey pages: national results by region, anonymous exports, and questionnaire editing."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import ReadKind
from audit.services import record_read
from centres.access import agency_admin_required, agency_required
from exports import services as export_services
from inputs.query import year_param
from reports.deadlines import reporting_year
from surveys import charts, services, tallies
from surveys.forms import NewQuestionForm, QuestionForm, options_text
from surveys.models import (
    Answer,
    Campaign,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
)
from surveys.thresholds import MIN_ANSWERS, MIN_RESPONSE_RATE


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


@agency_required
def national(request):
    questionnaires, questionnaire, years, year = _choice(request)
    campaigns = Campaign.objects.filter(version__questionnaire=questionnaire, year=year)
    regions, enough, questions = tallies.national(campaigns)
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
@require_POST
def export(request, code, year, fmt):
    """Ask for the anonymous answers as a file: an export job, whose page shows its progress."""
    questionnaire = get_object_or_404(Questionnaire, code=code)
    record_read(request, ReadKind.EXPORT, obj=questionnaire, detail=f"survey-{questionnaire.code}-{year}.{fmt}")
    job = export_services.request_export(
        request.user, "survey_answers", {"questionnaire": questionnaire.code, "year": int(year)}, fmt
    )
    return redirect("exports:job", job.pk)


@agency_admin_required
def questionnaires(request):
    items = Questionnaire.objects.prefetch_related("versions").annotate(n_versions=Count("versions"))
    # No per-version answer counts here: the page shows none, and counting read every response.
    return render(request, "surveys/questionnaires.html", {"items": items})


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


@agency_required
@require_POST
def text_visibility(request, pk):
    """Hide (or show again) one written answer; back to the results page it was hidden from."""
    from django.utils.http import url_has_allowed_host_and_scheme

    answer = get_object_or_404(Answer.objects.select_related("question", "response__campaign__centre"), pk=pk)
    if request.POST.get("action") == "show":
        services.unhide_text_answer(request.user, answer)
        messages.success(request, _("The answer is shown to the centre again."))
    else:
        services.hide_text_answer(request.user, answer, reason=request.POST.get("reason", ""))
        messages.success(request, _("The answer is hidden from the centre."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("surveys:campaign_results", args=[answer.response.campaign_id])
    return redirect(back)
