"""The national figures are the same whichever way the counted versions are found.

`analysis.figures` finds the counted versions through `Submission.counted` and reads the trend
from each version's stored area totals. The reference here is the way it was computed before:
the join `report.last_submission_id = submission.id` and every criterion score. Both must give
identical figures on the published 2024 inputs and on the demo data; and the data migration that
fills the stored values for existing rows must give exactly what the services store.
"""

import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, F, Sum

from analysis import figures
from analysis.figure_types import ZERO, TrendPoint, mean
from analysis.figures import national_figures
from analysis.tests import published_2024
from centres.models import CentreKind
from frameworks import scoring
from reports.models import Submission, SubmissionScore

pytestmark = pytest.mark.django_db


def reference_counted_submissions(year, kind, region=None):
    qs = Submission.objects.filter(report__year=year, report__centre__kind=kind, report__last_submission_id=F("id"))
    return qs.filter(report__centre__region=region) if region else qs


def reference_trend(until_year, region=None, *, lookups=None):
    lookups = lookups or figures.Lookups()
    subs = Submission.objects.filter(
        report__year__lte=until_year, report__centre__kind=CentreKind.CPO, report__last_submission_id=F("id")
    )
    scores = SubmissionScore.objects.filter(
        submission__report__year__lte=until_year,
        submission__report__centre__kind=CentreKind.CPO,
        submission__report__last_submission_id=F("submission_id"),
    )
    if region:
        subs = subs.filter(report__centre__region=region)
        scores = scores.filter(submission__report__centre__region=region)
    per_year = {
        y: (n, Decimal(s or 0))
        for y, n, s in subs.values_list("report__year").annotate(n=Count("id"), s=Sum("total")).order_by()
    }
    area_of = lookups.area_of_criteria(CentreKind.CPO)
    area_sums = {}
    for y, criterion_id, s in (
        scores.values_list("submission__report__year", "criterion_id").annotate(s=Sum("points")).order_by()
    ):
        sums = area_sums.setdefault(y, {})
        sums[area_of[criterion_id]] = sums.get(area_of[criterion_id], ZERO) + Decimal(s or 0)
    points = []
    for y in sorted(per_year):
        framework = lookups.for_report(CentreKind.CPO, y)
        bands = [scoring.Band(b.code, b.name, b.min_points, b.max_points) for b in framework.grade_bands.all()]
        n, total = per_year[y]
        m = mean(total, n)
        points.append(
            TrendPoint(
                year=y,
                submitted=n,
                mean_total=m,
                grade=scoring.grade_for(m, bands),
                area_means={code: mean(s, n) for code, s in area_sums.get(y, {}).items()},
            )
        )
    return points


def reference_figures(monkeypatch, year, region=None):
    with monkeypatch.context() as patched:
        patched.setattr(figures, "counted_submissions", reference_counted_submissions)
        patched.setattr(figures, "cpo_trend", reference_trend)
        return figures.national_figures(year, region)


def assert_same(monkeypatch, year, region=None):
    ours = national_figures(year, region)
    reference = reference_figures(monkeypatch, year, region)
    assert ours.cpo.submitted, "the comparison needs counted reports"
    assert ours == reference


def test_published_2024_figures_are_identical_either_way(adam, monkeypatch):
    published_2024.load(actor=adam)
    assert_same(monkeypatch, 2024)
    assert_same(monkeypatch, 2024, "Пловдив")


def test_demo_figures_are_identical_either_way(monkeypatch):
    call_command("seed_demo", "--seed", "7", stdout=io.StringIO())
    years = sorted(set(Submission.objects.counted().values_list("report__year", flat=True)))
    assert len(years) > 1
    for year in years:
        assert_same(monkeypatch, year)
    assert_same(monkeypatch, years[-1], "Пловдив")


def test_the_data_migration_fills_what_the_services_store(adam):
    call_command("seed_demo", "--seed", "7", stdout=io.StringIO())
    stored = dict(Submission.objects.values_list("pk", "counted"))
    totals = {
        pk: {a: Decimal(v) for a, v in t.items()} for pk, t in Submission.objects.values_list("pk", "area_totals")
    }
    assert stored and any(totals.values())
    Submission.objects.update(counted=False, area_totals={})
    migration = importlib.import_module("reports.migrations.0009_submission_totals")
    migration.fill(apps, None)
    assert dict(Submission.objects.values_list("pk", "counted")) == stored
    after = {pk: {a: Decimal(v) for a, v in t.items()} for pk, t in Submission.objects.values_list("pk", "area_totals")}
    assert after == totals
