"""Fixtures for the report workflow: frameworks, drafts, filled-in reports and a derived-level provider."""

import datetime as dt
from decimal import Decimal

import pytest

from activity.models import ActivityReport, Course, CourseKind, Funding, Profession
from centres.models import CentreKind
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


def complete_activity(centre, year=YEAR):
    """Complete, consistent activity information whose derived levels agree with the highest levels.

    Every trainee from a vulnerable group (100 % > 15 %: 2 points on 1.5); no examination, no
    qualifying course and no graduates followed up, so 2.8, 2.9 and 3.1 have no derived level.
    """
    if centre.kind == CentreKind.CIPO:
        return ActivityReport.objects.update_or_create(
            centre=centre,
            year=year,
            defaults={"clients_total": 0},
        )[0]
    activity, _created = ActivityReport.objects.update_or_create(
        centre=centre, year=year, defaults={"trainers_total": 3, "graduates_followed_up": 0}
    )
    if not activity.courses.exists():
        Course.objects.create(
            activity=activity,
            profession=Profession.objects.order_by("code").first(),
            kind=CourseKind.OTHER,
            region=centre.region,
            start_date=dt.date(year, 3, 1),
            end_date=dt.date(year, 6, 30),
            hours=120,
            price=Decimal("300.00"),
            funding=Funding.OWN,
            enrolled=10,
            certified=10,
            vulnerable=10,
        )
    return activity


def fill(report, actor, *, activity=True, **extra):
    """Fill every text and criterion with the highest level and, unless told not to, the activity information."""
    report.refresh_from_db()
    if activity:
        complete_activity(report.centre, report.year)
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
    services.submit_report(filled, actor=dora, declared=True)
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
