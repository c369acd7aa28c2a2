"""Every analysis chart by key, drawn once per set of figures it draws and then served from the cache.

Each entry is (data, draw): `data(figures)` picks what the chart shows, `draw(data)` makes the
matplotlib figure. The cache key is a hash of that data (and the language and format), so a new
approval or import that changes the numbers changes the key, and an unchanged chart is never
drawn again (drawing is most of a dashboard's time: ~0.5 s per chart).
"""

import hashlib

from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from analysis import charts as C
from analysis import series_charts as S

TIMEOUT = 7 * 24 * 3600
VERSION = "1"  # bump when a drawing function changes


CHARTS = {
    "grades": (lambda f: f.cpo, C.grade_distribution),
    "grades_previous": (lambda f: f.cpo, C.grades_against_previous),
    "totals_years": (
        lambda f: f.cpo_series if f.cpo_series is not None else f.trend,
        lambda d: S.totals_years(d) if hasattr(d, "points") else C.totals_over_years(d),
    ),
    "areas_years": (
        lambda f: (f.cpo_series if f.cpo_series is not None else f.trend, f.cpo.areas),
        lambda d: S.areas_years(*d) if hasattr(d[0], "points") else C.areas_over_years(*d),
    ),
    "grades_years": (lambda f: (f.cpo_series, f.cpo.grade_names), lambda d: S.grades_years(*d)),
    "unsatisfactory_years": (
        lambda f: (f.cpo_series, f.cpo.grade_names.get("unsatisfactory", "unsatisfactory")),
        lambda d: S.unsatisfactory_years(*d),
    ),
    "criteria": (lambda f: f.cpo, C.criterion_distribution),
    "criteria_previous": (lambda f: f.cpo, S.criteria_against_previous),
    "validation_years": (lambda f: f.cpo_series, S.validation_years),
    "cipo": (lambda f: f.cipo, C.cipo_indicators),
    "cipo_years": (lambda f: (f.cipo_series, f.cipo.indicators), lambda d: S.cipo_years(*d)),
}
SERIES_ONLY = {"grades_years", "unsatisfactory_years", "criteria_previous", "validation_years", "cipo_years"}


def available(figures):
    """The chart keys these figures can draw (the series charts need analysis.overview's figures)."""
    return [k for k in CHARTS if figures.cpo_series is not None or k not in SERIES_ONLY]


def key_of(name, data, fmt):
    # Dataclass reprs hold every number the chart draws (and the framework's code), nothing else.
    digest = hashlib.sha256(repr(data).encode("utf-8")).hexdigest()[:32]
    return f"analysis-chart:{VERSION}:{name}:{fmt}:{translation.get_language()}:{digest}"


def _encode(fig, fmt):
    return C.svg_data_uri(fig) if fmt == "svg" else C.png(fig)


def render(name, figures, fmt="svg"):
    """The chart as an SVG data URI (fmt "svg") or PNG bytes (fmt "png"), from the cache when unchanged.

    A miss draws only the format asked for: the dashboard needs SVG, the documents PNG, and encoding
    both doubled a cold dashboard. After a data change analysis.tasks.predraw_charts draws both in the
    job queue, so neither a dashboard nor a document waits for matplotlib.
    """
    pick, draw = CHARTS[name]
    data = pick(figures)
    key = key_of(name, data, fmt)
    cached = cache.get(key)
    if cached is None:
        cached = _encode(draw(data), fmt)
        cache.set(key, cached, TIMEOUT)
    # A data URI of base64 text: nothing in it needs escaping, and escaping ~100 KB per chart is slow.
    return mark_safe(cached) if fmt == "svg" else cached  # noqa: S308


def draw_missing(figures):
    """Draw every chart of these figures in both formats where the cache lacks it; the number drawn."""
    drawn = 0
    for name in available(figures):
        pick, draw = CHARTS[name]
        data = pick(figures)
        keys = {fmt: key_of(name, data, fmt) for fmt in ("svg", "png")}
        present = cache.get_many(list(keys.values()))
        missing = [fmt for fmt, key in keys.items() if key not in present]
        if missing:
            fig = draw(data)
            cache.set_many({keys[fmt]: _encode(fig, fmt) for fmt in missing}, TIMEOUT)
            drawn += 1
    return drawn


def render_all(figures, fmt="svg"):
    return {name: render(name, figures, fmt) for name in available(figures)}
