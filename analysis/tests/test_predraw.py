"""Charts are drawn in the job queue after a data change, once per year and burst of changes."""

import datetime as dt

import pytest
from django.core.cache import cache

from analysis import chart_cache, predraw
from analysis.overview import analysis_figures
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Report

pytestmark = pytest.mark.django_db


def _chart_keys(year, fmt):
    figures = analysis_figures(year)
    return [chart_cache.key_of(n, chart_cache.CHARTS[n][0](figures), fmt) for n in chart_cache.available(figures)]


def _import(centres, adam, year=2024):
    cpo = Framework.objects.get(code="CPO-2018")
    points = {c.code: c.max_points for c in cpo.criteria.all()}
    at = dt.datetime(year + 1, 1, 20, 10, tzinfo=SOFIA)
    return create_submitted_reports(
        [SubmittedEntry(c, at, points) for c in centres], year=year, framework=cpo, actor=adam
    )


def test_an_import_draws_its_years_charts_in_both_formats(
    settings, centre_a, centre_b, adam, django_capture_on_commit_callbacks
):
    settings.ANALYSIS_PREDRAW = True
    with django_capture_on_commit_callbacks(execute=True):
        _import([centre_a, centre_b], adam)
    from django.utils import translation

    with translation.override("bg"):
        for fmt in ("svg", "png"):
            keys = _chart_keys(2024, fmt)
            assert keys and all(cache.get(k) is not None for k in keys), fmt


def test_a_submissions_audit_entry_schedules_its_year(settings, centre_a, adam, django_capture_on_commit_callbacks):
    from audit.services import record

    settings.ANALYSIS_PREDRAW = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    (report,) = _import([centre_a], adam)
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record(actor=adam, action="submit", obj=report, to_state="submitted")
    assert cache.get("analysis-predraw-pending:2024") == 1
    from django_tasks import default_task_backend

    assert [r.args for r in default_task_backend.results] == [[2024]]


def test_a_burst_of_changes_queues_one_drawing_per_year(settings, centre_a, adam):
    settings.ANALYSIS_PREDRAW = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _import([centre_a], adam)
    cache.clear()
    assert predraw.schedule(2024) == [2024]
    assert predraw.schedule(2024) == []  # still pending: the queued job will see this change too


def test_the_job_takes_the_pending_mark_first(settings, centre_a, adam):
    settings.ANALYSIS_PREDRAW = False
    _import([centre_a], adam)
    cache.add("analysis-predraw-pending:2024", 1)
    assert predraw.predraw(2024) > 0
    settings.ANALYSIS_PREDRAW = True
    assert predraw.schedule(2024) == [2024]  # a change during or after the drawing queues another


def test_nothing_is_queued_when_pre_drawing_is_off(settings, centre_a, adam):
    settings.ANALYSIS_PREDRAW = False
    _import([centre_a], adam)
    assert predraw.schedule(2024) == []
    assert Report.objects.filter(year=2024).exists()


def test_a_dashboard_miss_draws_only_the_svg(centre_a, adam):
    _import([centre_a], adam)
    figures = analysis_figures(2024)
    chart_cache.render("grades", figures, "svg")
    data = chart_cache.CHARTS["grades"][0](figures)
    assert cache.get(chart_cache.key_of("grades", data, "svg")) is not None
    assert cache.get(chart_cache.key_of("grades", data, "png")) is None
