"""The public form's questions rendered in Python, not through widget templates: it is the hot path
(the benchmark's answers per second), and an unbound form of a frozen version is the same HTML for
everybody, so it is rendered once per process and language. The whole empty form page is kept too,
with slots for the two values that differ per visitor (the CSRF token and the one-time nonce)."""

import secrets
import threading
from collections import OrderedDict

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from surveys.models import QuestionType

_CACHE = {}  # (version id, language) -> html of the unbound form; only for frozen (immutable) versions


def _selected(form, name):
    if not form.is_bound:
        return set()
    values = form.data.getlist(name) if hasattr(form.data, "getlist") else [form.data.get(name)]
    return {str(v) for v in values if v is not None}


def _question(form, number, field_name, field):
    bound = form[field_name]
    errors = form.errors.get(field_name) if form.is_bound else None
    optional = format_html(' <span class="optional">({})</span>', _("optional")) if not field.required else ""
    error_html = format_html('<p class="errorlist" id="err-{}">{}</p>', field_name, " ".join(errors)) if errors else ""
    question = field.question
    if question.type == QuestionType.TEXT:
        value = bound.value() or ""
        return format_html(
            '<div class="question card{}" id="q-{}"><label class="question-label" for="id_{}">{}. {}{}</label>{}'
            '<textarea name="{}" id="id_{}" rows="3" maxlength="1000"{}>{}</textarea></div>',
            " field-error" if errors else "",
            field_name,
            field_name,
            number,
            field.label,
            optional,
            error_html,
            field_name,
            field_name,
            format_html(' aria-invalid="true" aria-describedby="err-{}"', field_name) if errors else "",
            value,
        )
    kind = "checkbox" if question.type == QuestionType.MULTIPLE else "radio"
    chosen = _selected(form, field_name)
    choices = format_html_join(
        "",
        '<li><label for="id_{0}_{1}"><input type="{2}" name="{0}" value="{3}" id="id_{0}_{1}"{4}> <span>{5}</span>'
        "</label></li>",
        (
            (field_name, index, kind, value, mark_safe(" checked") if str(value) in chosen else "", label)
            for index, (value, label) in enumerate(field.choices)
        ),
    )
    return format_html(
        '<fieldset class="question{}" id="q-{}"{}><legend>{}. {}{}</legend>{}<ul class="choices">{}</ul></fieldset>',
        " field-error" if errors else "",
        field_name,
        format_html(' aria-describedby="err-{}"', field_name) if errors else "",
        number,
        field.label,
        optional,
        error_html,
        choices,
    )


def questions_html(form, version):
    key = (version.pk, get_language())
    cacheable = version.frozen and not form.is_bound
    if cacheable and key in _CACHE:
        return _CACHE[key]
    html = mark_safe(  # noqa: S308  (every part escaped by format_html)
        "".join(_question(form, n, name, field) for n, (name, field) in enumerate(form.fields.items(), start=1))
    )
    if cacheable:
        _CACHE[key] = html
    return html


# Per-process random markers: they cannot occur in a centre's name or a questionnaire's text.
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(16)}"
NONCE_SLOT = f"nonce-slot-{secrets.token_hex(16)}"
CENTRE_SLOT = f"centre-slot-{secrets.token_hex(16)}"
_PAGES = OrderedDict()  # key -> html with the three slots; least recently used dropped first
_PAGES_LOCK = threading.Lock()  # threaded servers: reordering and dropping must not interleave
MAX_PAGES = 256


class _SlotCentre:
    """What the form's templates read of the centre (its name), as the slot: one kept page serves
    every centre's campaigns of a questionnaire version (hundreds of open links at once)."""

    name = CENTRE_SLOT


def _empty_page(request, campaign, form_factory):
    """The empty form page with the slots. Keyed by everything else it shows, so an edited
    questionnaire title makes a new key instead of a stale page; only frozen versions are kept."""
    questionnaire = campaign.version.questionnaire
    key = (campaign.version_id, get_language(), questionnaire.title, questionnaire.purpose)
    if campaign.version.frozen:
        with _PAGES_LOCK:
            page = _PAGES.get(key)
            if page is not None:
                _PAGES.move_to_end(key)
                return page
    form = form_factory()
    page = render_to_string(
        "surveys/public/form.html",
        {
            "campaign": campaign,
            "centre": _SlotCentre,
            "questionnaire": questionnaire,
            "form": form,
            "nonce": NONCE_SLOT,
            "csrf_token": CSRF_SLOT,
            "questions_html": questions_html(form, campaign.version),
        },
        request=request,
    )
    if campaign.version.frozen:
        with _PAGES_LOCK:
            _PAGES[key] = page
            if len(_PAGES) > MAX_PAGES:
                _PAGES.popitem(last=False)
    return page


def empty_form_page(request, campaign, form_factory, nonce):
    """The HTML of the empty answer form for this visitor: the kept page with their token and nonce."""
    page = _empty_page(request, campaign, form_factory)
    return (
        page.replace(CENTRE_SLOT, escape(campaign.centre.name))
        .replace(CSRF_SLOT, get_token(request))
        .replace(NONCE_SLOT, nonce)
    )
