"""The analysis charts: one function per chart, drawn by matplotlib on the server.

Each chart function takes the figures and returns a matplotlib Figure; `svg()` and
`png()` render it, so the dashboard (SVG) and the DOCX/PDF (PNG) show the same picture.
"""

import base64
import io

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402 — the backend must be chosen first
from matplotlib.ticker import MaxNLocator  # noqa: E402

matplotlib.rcParams.update(
    {
        "font.family": "DejaVu Sans",  # has Cyrillic
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",  # text stays text in SVG: smaller, selectable
        "svg.hashsalt": "vetquality",  # stable element ids: same figures, same bytes
    }
)

GRADE_COLOURS = {"excellent": "#1b7f3b", "good": "#2f6ea5", "satisfactory": "#d59b00", "unsatisfactory": "#b3261e"}
YEAR_COLOURS = ["#9bb7d4", "#5b8cc0", "#2f6ea5", "#1d4e7a", "#0d2f4f", "#7a9a3a", "#b07a1a", "#8a4f9e"]
YES_COLOUR, NO_COLOUR = "#1b7f3b", "#b3261e"


def _fmt(value, places=2):
    from analysis.tables import display

    return display(value, places)


def _figure(width=7.0, height=3.6):
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _wrap(text, width=22):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _empty(fig, ax):
    ax.set_axis_off()
    ax.text(0.5, 0.5, _("No submitted reports"), ha="center", va="center", color="#666")
    return fig


def grade_distribution(cpo):
    """Figure 1: the CPO by grade, in per cent of the submitted reports."""
    fig = _figure(6.4, 3.4)
    ax = fig.add_subplot()
    if not cpo.submitted:
        return _empty(fig, ax)
    codes = list(cpo.levels)
    values = [float(cpo.levels_pct[c] or 0) for c in codes]
    labels = [cpo.grade_names.get(c, c) for c in codes]
    bars = ax.bar(labels, values, color=[GRADE_COLOURS.get(c, "#777") for c in codes])
    for bar, code in zip(bars, codes, strict=True):
        ax.annotate(
            f"{_fmt(cpo.levels_pct[code])} %\n({cpo.levels[code]})",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    ax.set_ylabel("%")
    ax.set_ylim(0, max(values + [1]) * 1.25)
    ax.set_title(_("CPO by grade, %(year)s") % {"year": cpo.year})
    return fig


def grades_against_previous(cpo):
    """Figure 2: this year's grade shares beside last year's."""
    fig = _figure(6.4, 3.4)
    ax = fig.add_subplot()
    if not cpo.submitted:
        return _empty(fig, ax)
    codes = list(cpo.levels)
    labels = [cpo.grade_names.get(c, c) for c in codes]
    series = []
    if cpo.previous is not None:
        series.append((cpo.previous.year, cpo.previous.levels_pct, YEAR_COLOURS[1]))
    series.append((cpo.year, cpo.levels_pct, YEAR_COLOURS[3]))
    width = 0.8 / len(series)
    for k, (year, shares, colour) in enumerate(series):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(codes))]
        values = [float(shares.get(c) or 0) for c in codes]
        bars = ax.bar(xs, values, width, label=str(year), color=colour)
        ax.bar_label(bars, labels=[_fmt(shares.get(c)) for c in codes], fontsize=7, padding=1)
    ax.set_xticks(range(len(codes)), labels)
    ax.set_ylabel("%")
    ax.legend(frameon=False)
    ax.set_title(_("CPO by grade: %(year)s against the previous year") % {"year": cpo.year})
    return fig


def totals_over_years(trend):
    """Figure 3: the mean total (and the grade it falls in) for every year."""
    fig = _figure(6.4, 3.2)
    ax = fig.add_subplot()
    points = [t for t in trend if t.mean_total is not None]
    if not points:
        return _empty(fig, ax)
    years = [str(t.year) for t in points]
    values = [float(t.mean_total) for t in points]
    ax.plot(years, values, marker="o", color=YEAR_COLOURS[3])
    for x, t in zip(years, points, strict=True):
        label = _fmt(t.mean_total) + (f"\n{t.grade.name}" if t.grade else "")
        ax.annotate(label, (x, float(t.mean_total)), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    for y in (46, 66, 91):  # the grade bounds
        ax.axhline(y, color="#ccc", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 100)
    ax.set_ylabel(_("points"))
    ax.set_title(_("Mean total points and grade by year"))
    return fig


def areas_over_years(trend, areas):
    """Figure 4: mean points per area, grouped by area, one bar per year."""
    fig = _figure(7.0, 3.6)
    ax = fig.add_subplot()
    points = [t for t in trend if t.area_means]
    if not points or not areas:
        return _empty(fig, ax)
    width = 0.8 / len(points)
    for k, t in enumerate(points):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(areas))]
        values = [float(t.area_means.get(a.code) or 0) for a in areas]
        bars = ax.bar(xs, values, width, label=str(t.year), color=YEAR_COLOURS[k % len(YEAR_COLOURS)])
        ax.bar_label(bars, labels=[_fmt(t.area_means.get(a.code)) for a in areas], fontsize=6, padding=1, rotation=90)
    ax.set_xticks(range(len(areas)), [_wrap(a.name) for a in areas])
    ax.set_ylabel(_("points"))
    ax.set_ylim(0, max(float(a.max_points) for a in areas) * 1.05)
    ax.legend(frameon=False, ncols=min(len(points), 5), fontsize=8)
    ax.set_title(_("Mean points by area of self-assessment"))
    return fig


def criterion_distribution(cpo):
    """Each criterion's reports by level, stacked in per cent of the submitted reports."""
    fig = _figure(7.0, 4.2)
    ax = fig.add_subplot()
    if not cpo.submitted or not cpo.criteria:
        return _empty(fig, ax)
    codes = [c.code for c in cpo.criteria]
    # Levels by rank (lowest…highest), so colours mean "low" and "high" whatever the points.
    colours = ["#b3261e", "#e8a33d", "#9bb7d4", "#2f6ea5"]
    names = [_("0 points"), _("lowest level"), _("middle level"), _("highest level")]
    bottoms = [0.0] * len(codes)
    for rank in range(4):
        values = []
        for c in cpo.criteria:
            keys = list(c.distribution)
            # "0" is always the first key; align the top level to the last colour.
            key = _rank_key(keys, rank)
            values.append(float(c.distribution.get(key, 0)) * 100 / cpo.submitted if key else 0.0)
        ax.bar(codes, values, bottom=bottoms, color=colours[rank], label=names[rank], width=0.7)
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    ax.set_ylabel("%")
    ax.set_ylim(0, 100)
    ax.tick_params(axis="x", labelrotation=90)
    ax.legend(frameon=False, ncols=4, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    ax.set_title(_("Reports by level of each criterion"))
    return fig


def _rank_key(keys, rank):
    """Map a criterion's distribution keys to the four colour ranks: 0, lowest, middle, highest level."""
    rest = [k for k in keys if k != "0"]
    if rank == 0:
        return "0"
    if rank == 3:
        return rest[-1] if rest else None
    if rank == 1:
        return rest[0] if len(rest) >= 2 else None
    middle = rest[1:-1]
    return middle[-1] if middle else None


def cipo_indicators(cipo):
    """The CIPO indicators: share of "yes" and "no" answers."""
    fig = _figure(7.0, 3.6)
    ax = fig.add_subplot()
    if not cipo.submitted or not cipo.indicators:
        return _empty(fig, ax)
    codes = [i.code for i in cipo.indicators]
    yes = [float(i.yes_pct or 0) for i in cipo.indicators]
    no = [float(i.no_pct or 0) for i in cipo.indicators]
    bars = ax.bar(codes, yes, color=YES_COLOUR, label=_("Yes"))
    ax.bar(codes, no, bottom=yes, color=NO_COLOUR, label=_("No"))
    ax.bar_label(
        bars, labels=[_fmt(i.yes_pct, 0) for i in cipo.indicators], label_type="center", color="white", fontsize=7
    )
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set_ylabel("%")
    ax.legend(frameon=False, ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.1))
    ax.set_title(_("CIPO: answers by indicator, %(year)s") % {"year": cipo.year})
    return fig


CHARTS = {
    "grades": lambda f: grade_distribution(f.cpo),
    "grades_previous": lambda f: grades_against_previous(f.cpo),
    "totals_years": lambda f: totals_over_years(f.trend),
    "areas_years": lambda f: areas_over_years(f.trend, f.cpo.areas),
    "criteria": lambda f: criterion_distribution(f.cpo),
    "cipo": lambda f: cipo_indicators(f.cipo),
}


def svg(fig):
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def png(fig, dpi=150):
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def svg_data_uri(fig):
    """The chart as an <img> source: separate documents, so element ids of two charts never clash."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(fig)).decode("ascii")


def render_all(figures, fmt="svg"):
    render = svg_data_uri if fmt == "svg" else png
    return {name: render(build(figures)) for name, build in CHARTS.items()}
