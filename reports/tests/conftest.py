"""Fixtures for the report workflow: frameworks, drafts, filled-in reports and a derived-level provider."""

from decimal import Decimal

import pytest

from frameworks import derived
from frameworks.models import Framework, SectionKind
from reports import services

YEAR = 2024


def full_answers(report, points="max"):
    """Answers for every criterion: its highest level (or the given points for all)."""
    return {
        c.code: {
            "points": c.max_points if points == "max" else Decimal(points),
            "comment": "",
            "disagreement_reason": "",
        }
        for c in report.framework.criteria.all()
    }


def all_texts(report, text="Центърът работи по годишен план за качество."):
    return {s.code: text for s in report.framework.sections.filter(kind=SectionKind.TEXT)}


def fill(report, actor, **extra):
    report.refresh_from_db()
    return services.save_draft(
        report,
        actor=actor,
        lock_version=report.lock_version,
        texts=all_texts(report),
        answers=full_answers(report),
        **extra,
    )


@pytest.fixture
def cpo(db):
    return Framework.objects.get(code="CPO-2018")


@pytest.fixture
def cipo(db):
    return Framework.objects.get(code="CIPO-2022")


@pytest.fixture
def draft(dora):
    return services.open_report(dora.centre, YEAR, actor=dora)


@pytest.fixture
def filled(draft, dora):
    return fill(draft, dora)


@pytest.fixture
def submitted(filled, dora):
    services.submit_report(filled, actor=dora)
    filled.refresh_from_db()
    return filled


@pytest.fixture
def other_draft(boris):
    return services.open_report(boris.centre, YEAR, actor=boris)


@pytest.fixture
def vulnerable_share_data():
    """Centre data that supports 1 point on criterion 1.5 (rule vulnerable_share): 12 of 80 = 15%."""

    def provider(centre, year):
        return derived.Metric(Decimal("15"), "12 от 80 курсисти", "test")

    saved = {rule: list(entries) for rule, entries in derived._PROVIDERS.items()}
    derived._PROVIDERS["vulnerable_share"] = [(0, provider)]
    yield provider
    derived._PROVIDERS.clear()
    derived._PROVIDERS.update(saved)
