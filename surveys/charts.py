"""Server-side charts (matplotlib → inline SVG), so results read without JavaScript.

Drawing a chart costs tens of milliseconds, most of a results page's time; a chart depends only
on what it shows, so each SVG is kept in the shared cache under a digest of exactly that (labels,
counts, colours, language): the same data never draws twice, and changed data (a new answer)
makes a new key, so a kept chart is never stale. Text stays text in the SVG (smaller, faster).
Charts are <img> elements with a data: URI (the Content-Security-Policy forbids inline styles).
"""

import base64
import hashlib
import io
import json

import matplotlib
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from matplotlib.figure import Figure

from formatting.numbers import format_percent

KEEP = 7 * 24 * 3600  # seconds; unused keys simply age out
SVG_OPTIONS = {"svg.fonttype": "none", "svg.hashsalt": "vetquality-surveys", "font.family": "DejaVu Sans"}


def _kept(kind, data, draw):
    digest = hashlib.sha256(json.dumps([kind, get_language(), data], default=str).encode()).hexdigest()
    key = f"surveys:chart:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, str(svg), KEEP)
    return mark_safe(svg)  # noqa: S308  (our own matplotlib output, no user markup)


BAR = "#1f5f8b"
SATISFIED = "#2e7d32"


def _svg(figure):
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_OPTIONS):
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    svg = buffer.getvalue()
    # An <img> with a data: URI, not inline SVG: matplotlib styles its SVG with style="" attributes,
    # which the Content-Security-Policy refuses in the page but not inside an image.
    data = base64.b64encode(svg if isinstance(svg, bytes) else svg.encode("utf-8")).decode("ascii")
    alt = escape(figure.axes[0].get_title() if figure.axes else "")
    return mark_safe(f'<img class="chart-image" src="data:image/svg+xml;base64,{data}" alt="{alt}">')  # noqa: S308


def distribution_chart(result, title=""):
    """Horizontal bars, one per option, labelled with the count. Likert 4–5 in green."""
    rows = result.rows
    if not rows or not result.total:
        return ""
    data = [result.type, title, [(str(r["label"]), r["value"], r["count"]) for r in rows]]
    return _kept("distribution", data, lambda: _distribution(result, title))


def _distribution(result, title):
    rows = result.rows
    figure = Figure(figsize=(6.4, 0.42 * len(rows) + 0.5))
    axes = figure.add_subplot()
    labels = [str(r["label"]) for r in rows][::-1]
    counts = [r["count"] for r in rows][::-1]
    colours = [SATISFIED if result.type == "likert" and r["value"] in ("4", "5") else BAR for r in rows][::-1]
    bars = axes.barh(labels, counts, color=colours)
    axes.bar_label(bars, labels=[str(c) for c in counts], padding=3, fontsize=9)
    axes.set_xlim(0, max(counts) * 1.18 or 1)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.xaxis.set_visible(False)
    axes.tick_params(axis="y", labelsize=9, length=0)
    if title:
        axes.set_title(title, fontsize=10, loc="left")
    return _svg(figure)


def index_by_group_chart(rows, label_key="label", value_key="index"):
    """Satisfaction index (%) per region or centre: bars on a 0–100 scale."""
    rows = [r for r in rows if r.get(value_key) is not None]
    if not rows:
        return ""
    data = [(str(r[label_key]), str(r[value_key])) for r in rows]
    return _kept("index", data, lambda: _index_by_group(rows, label_key, value_key))


def _index_by_group(rows, label_key, value_key):
    figure = Figure(figsize=(6.4, 0.32 * len(rows) + 0.6))
    axes = figure.add_subplot()
    labels = [str(r[label_key]) for r in rows][::-1]
    values = [float(r[value_key]) for r in rows][::-1]  # float only to draw; the numbers shown are Decimal
    bars = axes.barh(labels, values, color=BAR)
    # Labels from the Decimals, written the one way people read percentages ("85 %").
    axes.bar_label(bars, labels=[format_percent(r[value_key], 0) for r in rows][::-1], padding=3, fontsize=8)
    axes.set_xlim(0, 110)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=8, length=0)
    axes.tick_params(axis="x", labelsize=8)
    return _svg(figure)
