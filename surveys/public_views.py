"""The public answering pages: no login, one page per questionnaire, working without JavaScript.

Personal links are single-use; the open link is rate-limited per client and its form carries a
signed one-time nonce, so a double click or a replayed post stores one answer, not two.
"""

import os
import secrets
from functools import cache, wraps

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from accounts import throttle
from surveys import services
from surveys.forms import AnswerForm, answer_fields
from surveys.lookup import open_campaign
from surveys.models import Invitation
from surveys.render import empty_form_page, questions_html

NONCE_SALT = "surveys.open-form"
NONCE_MAX_AGE = 24 * 3600
RATE_WINDOW = 600  # seconds


def rate_limit():
    """Answers per client address and campaign in RATE_WINDOW; 0 switches the limit off (the benchmark does).

    A class answering from one school address needs room: 60 by default."""
    configured = getattr(settings, "SURVEYS_OPEN_RATE_LIMIT", None)
    if configured is None:
        configured = int(os.environ.get("SURVEYS_OPEN_RATE_LIMIT", "60"))
    return configured


def campaign_budget():
    """Open-link answers per campaign in RATE_WINDOW from all addresses together; 0: no budget."""
    configured = getattr(settings, "SURVEYS_OPEN_CAMPAIGN_BUDGET", None)
    if configured is None:
        configured = int(os.environ.get("SURVEYS_OPEN_CAMPAIGN_BUDGET", "500"))
    return configured


def _over_limit(request, campaign):
    # Counted in the shared cache (accounts.throttle), so every worker sees the same counts.
    limit = rate_limit()
    if not limit:
        return False
    return not throttle.open_answer_allowed(request, campaign.pk, limit, campaign_budget(), RATE_WINDOW)


def language_choice(view):
    """`?lang=en` on any public survey page switches its language (and remembers it in the language
    cookie): plain links, so the switch works without JavaScript, a session or a CSRF token, and the
    cached empty form stays the same HTML for everybody in that language."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        lang = request.GET.get("lang")
        if lang not in dict(settings.LANGUAGES):
            return view(request, *args, **kwargs)
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = view(request, *args, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            lang,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    return wrapped


def _page(request, template, campaign, status=200, **context):
    context.update({"campaign": campaign, "centre": campaign.centre if campaign else None})
    return render(request, f"surveys/public/{template}.html", context, status=status)


def _state(request, campaign):
    """A polite page when the campaign does not take answers today, else None."""
    today = timezone.localdate()
    if today < campaign.opens_on:
        return _page(request, "not_open", campaign, status=403)
    if today > campaign.closes_on:
        return _page(request, "closed", campaign, status=410)
    return None


def _form_page(request, campaign, form, status=200, nonce=""):
    return _page(
        request,
        "form",
        campaign,
        status=status,
        form=form,
        nonce=nonce,
        questionnaire=campaign.version.questionnaire,
        questions_html=questions_html(form, campaign.version),
    )


_FROZEN = {}  # version id -> (questions, their fields); only frozen versions, which never change


def _form(version, data=None):
    """The answer form of a version; a frozen version's questions and fields are built once per process."""
    if version.frozen and version.pk in _FROZEN:
        questions, fields = _FROZEN[version.pk]
    else:
        questions = list(version.questions.all())
        fields = answer_fields(questions)
        if version.frozen:
            _FROZEN[version.pk] = (questions, fields)
    return AnswerForm(questions, data, fields=fields)


@cache
def _thanks_url():
    # Reversed once per process: the URLconf does not change while it runs, and reversing it was a
    # twentieth of an answer's cost on the public form.
    return reverse("surveys_public:thanks")


def _thanked():
    return HttpResponseRedirect(_thanks_url())


@language_choice
@require_http_methods(["GET", "POST"])
def answer(request, token):
    invitation = get_object_or_404(
        Invitation.objects.select_related("campaign__centre", "campaign__version__questionnaire"), token=token
    )
    campaign = invitation.campaign
    if invitation.answered_at:
        return _page(request, "already_answered", campaign, status=410)
    refused = _state(request, campaign)
    if refused:
        return refused
    if request.method == "GET":
        return _form_page(request, campaign, _form(campaign.version))
    form = _form(campaign.version, request.POST)
    if not form.is_valid():
        return _form_page(request, campaign, form, status=400)
    try:
        services.submit_response(campaign, form.questions, form.cleaned_data, invitation=invitation)
    except services.AlreadyAnswered:
        return _page(request, "already_answered", campaign, status=410)
    except services.SurveyClosed:
        return _page(request, "closed", campaign, status=410)
    return _thanked()


def _new_nonce(campaign):
    return signing.dumps({"c": campaign.pk, "n": secrets.token_urlsafe(16)}, salt=NONCE_SALT)


def _nonce_ok(value, campaign):
    try:
        data = signing.loads(value or "", salt=NONCE_SALT, max_age=NONCE_MAX_AGE)
    except signing.BadSignature:
        return None
    return data["n"] if data.get("c") == campaign.pk else None


@language_choice
@require_http_methods(["GET", "POST"])
def answer_open(request, campaign_token):
    campaign = open_campaign(campaign_token)
    if campaign is None:
        raise Http404
    refused = _state(request, campaign)
    if refused:
        return refused
    if request.method == "GET":
        html = empty_form_page(request, campaign, lambda: _form(campaign.version), nonce=_new_nonce(campaign))
        return HttpResponse(html)
    if _over_limit(request, campaign):
        return _page(request, "rate_limited", campaign, status=429)
    nonce = _nonce_ok(request.POST.get("nonce"), campaign)
    if nonce is None:
        return _page(request, "expired", campaign, status=400)
    form = _form(campaign.version, request.POST)
    if not form.is_valid():
        # The nonce was not used: the corrected form may post it again.
        return _form_page(request, campaign, form, status=400, nonce=request.POST["nonce"])
    try:
        services.submit_response(campaign, form.questions, form.cleaned_data, nonce=nonce)
    except services.AlreadyAnswered:
        return _page(request, "duplicate", campaign, status=409)
    except services.SurveyClosed:
        return _page(request, "closed", campaign, status=410)
    return _thanked()


@language_choice
def thanks(request):
    return _page(request, "thanks", None)
