"""The national page and the start page's headline: the analysis app's figures of a published year.

Read-only use of analysis.figures / tables / charts: the public sees the agency's own analysis,
once the agency has published it (public.models.PublishedAnalysis). Its figures count reports and
centres, not people, so the small-numbers rule of public.rules does not apply to them.
"""

from django.core.cache import cache as django_cache

from analysis import charts as analysis_charts
from analysis import tables
from analysis.figures import national_figures
from public import cache

PUBLIC_CHARTS = ("grades", "totals_years", "areas_years", "cipo")


def figures_for(year):
    """The national figures of `year`, kept in the cache for the current version."""
    key = f"public:national:{cache.version()}:{year}"
    figures = django_cache.get(key)
    if figures is None:
        figures = national_figures(year)
        django_cache.set(key, figures, cache.PAGE_SECONDS)
    return figures


def headline(snapshot, year):
    figures = figures_for(year)
    cpo = figures.cpo
    national = snapshot.national_for("CPO", year)
    return {
        "year": year,
        "licensed": cpo.licensed + figures.cipo.licensed,
        "submitted": cpo.submitted + figures.cipo.submitted,
        "mean_total": cpo.mean_total,
        "mean_grade": cpo.mean_grade.name if cpo.mean_grade else "",
        "top_share": sum((v or 0) for code, v in cpo.levels_pct.items() if code in ("excellent", "good")),
        "completion": national.completion if national else None,
        "placement": national.placement if national else None,
    }


def page_context(year):
    figures = figures_for(year)
    return {
        "figures": figures,
        "table_centres": tables.centres_table(figures),
        "table_grades": tables.grades_table(figures),
        "table_areas": tables.areas_table(figures) if figures.cpo.framework else None,
        "charts": list(PUBLIC_CHARTS),
    }


def chart_svg(year, name):
    return analysis_charts.svg(analysis_charts.CHARTS[name](figures_for(year)))


def analysed_years():
    """Years with counted reports: the ones an analysis exists for."""
    from reports.models import Report

    return list(Report.objects.counted().values_list("year", flat=True).distinct().order_by("-year"))


def document(year, fmt):
    """(bytes, content type, file name) of the analysis document, kept in the cache for the version."""
    from analysis.document import generate

    key = f"public:document:{cache.version()}:{year}:{fmt}"
    stored = django_cache.get(key)
    if stored is None:
        stored = generate(year, fmt)
        django_cache.set(key, stored, 24 * 3600)
    return stored
