"""Fixtures for surveys: campaigns of centre A and a quick way to record answers through the service."""

import datetime as dt

import pytest
from django.utils import timezone

from surveys import services
from surveys.models import CampaignMode, Questionnaire

YEAR = 2024


@pytest.fixture
def today():
    return timezone.localdate()


def make_campaign(actor, code="trainee", mode=CampaignMode.OPEN, year=YEAR, followup_months=None, **extra):
    today = timezone.localdate()
    return services.create_campaign(
        actor,
        questionnaire=Questionnaire.objects.get(code=code),
        label=extra.pop("label", f"{code} {year}"),
        year=year,
        opens_on=extra.pop("opens_on", today - dt.timedelta(days=1)),
        closes_on=extra.pop("closes_on", today + dt.timedelta(days=30)),
        mode=mode,
        followup_months=followup_months,
        **extra,
    )


def answer(campaign, values, invitation=None):
    """Record one response with values {code: value}; missing questions are left unanswered."""
    questions = list(campaign.version.questions.all())
    cleaned = {f"q_{code}": value for code, value in values.items()}
    return services.submit_response(campaign, questions, cleaned, invitation=invitation)


def trainee_values(score):
    return dict.fromkeys(("training", "trainers", "materials", "organisation", "admin_service"), score)


def likert_post(score=4, **overrides):
    data = {f"q_{c}": str(score) for c in ("training", "trainers", "materials", "organisation", "admin_service")}
    data.update(overrides)
    return data


@pytest.fixture
def open_campaign(eddie):
    return make_campaign(eddie)


@pytest.fixture
def personal_campaign(eddie):
    return make_campaign(eddie, mode=CampaignMode.PERSONAL)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Campaign ids repeat between tests (rolled-back transactions), the cache's counters would not.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_form_caches():
    # The public form keeps a frozen version's fields and page per process, keyed by version id;
    # ids repeat between tests (rolled-back transactions), a real version's never do.
    from surveys import public_views, render

    for kept in (public_views._FROZEN, render._CACHE, render._PAGES):
        kept.clear()
