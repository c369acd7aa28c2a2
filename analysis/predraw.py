"""After a change to what the analysis reads, its charts and dashboard are drawn in the job queue.

Drawing is most of a cold dashboard (~0.1–0.3 s per chart and format, eleven charts): the first
expert to open the dashboard after a submission would wait for matplotlib. Instead, the change's
audit entry (a report submitted, returned, approved, reopened or imported) schedules one job per
year, debounced so that a January afternoon of submissions queues a handful of jobs, not hundreds:
the job takes the pending mark off first, so a change during a drawing schedules another.

Off with the immediate task backend (development, tests), where the "job" would run inside the
request that made the change; ANALYSIS_PREDRAW decides.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

PENDING_SECONDS = 600
REPORT_ACTIONS = {"submit", "return", "approve", "reopen", "import"}


def _pending_key(year):
    return f"analysis-predraw-pending:{year}"


def schedule(year):
    """Queue the drawing of `year` (and of the latest analysed year, whose series shows it) once."""
    if not settings.ANALYSIS_PREDRAW:
        return []
    from analysis.tasks import predraw_charts
    from reports.models import Report

    latest = Report.objects.counted().order_by("-year").values_list("year", flat=True).first()
    queued = []
    for y in sorted({year, latest} - {None}):
        if cache.add(_pending_key(y), 1, timeout=PENDING_SECONDS):
            predraw_charts.enqueue(y)
            queued.append(y)
    return queued


def predraw(year):
    """Draw the missing charts of `year` in both formats and build its Bulgarian dashboard body."""
    from analysis import chart_cache, dashboard
    from analysis.overview import analysis_figures

    cache.delete(_pending_key(year))
    with translation.override("bg"):
        drawn = chart_cache.draw_missing(analysis_figures(year))
        dashboard.body(year)
    return drawn
