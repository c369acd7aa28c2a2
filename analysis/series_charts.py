"""Charts of the multi-year series: one bar or point per year of the window; a gap year is left out."""

from django.utils.translation import gettext as _

from analysis.charts import GRADE_COLOURS, NO_COLOUR, YEAR_COLOURS, _empty, _figure, _fmt, _wrap


def _known_points(s):
    return [(y, s.points[y]) for y in s.years if s.points.get(y) is not None]


def grades_years(s, names):
    """The share of CPO in each grade, one bar per year (years whose shares are known)."""
    fig = _figure(7.0, 3.4)
    ax = fig.add_subplot()
    points = [(y, p) for y, p in _known_points(s) if p.grade_shares]
    codes = list(names)
    if not points or not codes:
        return _empty(fig, ax)
    width = 0.8 / len(points)
    for k, (year, p) in enumerate(points):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(codes))]
        values = [float(p.grade_shares.get(c) or 0) for c in codes]
        bars = ax.bar(xs, values, width, label=str(year), color=YEAR_COLOURS[k % len(YEAR_COLOURS)])
        ax.bar_label(bars, labels=[_fmt(p.grade_shares.get(c)) for c in codes], fontsize=6, padding=1)
    ax.set_xticks(range(len(codes)), [names[c] for c in codes])
    ax.set_ylabel("%")
    ax.legend(frameon=False, ncols=len(points))
    ax.set_title(_("CPO by grade, by year"))
    return fig


def unsatisfactory_years(s, name):
    fig = _figure(6.0, 3.0)
    ax = fig.add_subplot()
    points = [(y, p.unsatisfactory) for y, p in _known_points(s) if p.unsatisfactory is not None]
    if not points:
        return _empty(fig, ax)
    bars = ax.bar([str(y) for y, _v in points], [v for _y, v in points], color=GRADE_COLOURS["unsatisfactory"])
    ax.bar_label(bars, fontsize=8, padding=1)
    ax.set_ylabel(_("centres"))
    ax.set_title(_('CPO with "%(grade)s", by year') % {"grade": name})
    return fig


def totals_years(s):
    """The mean total (and the grade it falls in) for every year of the window."""
    fig = _figure(6.4, 3.2)
    ax = fig.add_subplot()
    points = [(y, p) for y, p in _known_points(s) if p.mean_total is not None]
    if not points:
        return _empty(fig, ax)
    years = [str(y) for y, _p in points]
    ax.plot(years, [float(p.mean_total) for _y, p in points], marker="o", color=YEAR_COLOURS[3])
    for x, (_y, p) in zip(years, points, strict=True):
        label = _fmt(p.mean_total) + (f"\n{p.grade.name}" if p.grade else "")
        ax.annotate(label, (x, float(p.mean_total)), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    for y in (46, 66, 91):  # the grade bounds
        ax.axhline(y, color="#ccc", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 100)
    ax.set_ylabel(_("points"))
    ax.set_title(_("Mean total points and grade by year"))
    return fig


def areas_years(s, areas):
    """Mean points per area, grouped by area, one bar per year (the agency's figure 4)."""
    fig = _figure(7.0, 3.6)
    ax = fig.add_subplot()
    points = [(y, p) for y, p in _known_points(s) if p.area_means]
    if not points or not areas:
        return _empty(fig, ax)
    width = 0.8 / len(points)
    for k, (year, p) in enumerate(points):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(areas))]
        values = [float(p.area_means.get(a.code) or 0) for a in areas]
        bars = ax.bar(xs, values, width, label=str(year), color=YEAR_COLOURS[k % len(YEAR_COLOURS)])
        ax.bar_label(bars, labels=[_fmt(p.area_means.get(a.code)) for a in areas], fontsize=6, padding=1, rotation=90)
    ax.set_xticks(range(len(areas)), [_wrap(a.name) for a in areas])
    ax.set_ylabel(_("points"))
    ax.set_ylim(0, max(float(a.max_points) for a in areas) * 1.1)
    ax.legend(frameon=False, ncols=min(len(points), 5), fontsize=8)
    ax.set_title(_("Mean points by area of self-assessment"))
    return fig


def criteria_against_previous(cpo):
    """Each criterion's mean share of its maximum, this year beside last year."""
    fig = _figure(7.0, 3.6)
    ax = fig.add_subplot()
    if not cpo.criteria or not cpo.submitted:
        return _empty(fig, ax)
    codes = [c.code for c in cpo.criteria]
    xs = range(len(codes))
    prev = [float(c.previous_mean * 100 / c.max_points) if c.previous_mean is not None else 0 for c in cpo.criteria]
    now = [float(c.pct or 0) for c in cpo.criteria]
    if any(prev):
        ax.bar([x - 0.2 for x in xs], prev, 0.4, label=str(cpo.year - 1), color=YEAR_COLOURS[1])
    ax.bar([x + 0.2 for x in xs], now, 0.4, label=str(cpo.year), color=YEAR_COLOURS[3])
    ax.set_xticks(list(xs), codes, rotation=90)
    ax.set_ylim(0, 100)
    ax.set_ylabel(_("% of the maximum points"))
    ax.legend(frameon=False, ncols=2)
    ax.set_title(_("Criteria: mean share of the maximum, this year and the previous year"))
    return fig


def cipo_years(s, indicators):
    """The share of "no" answers per indicator, one bar per year."""
    fig = _figure(7.0, 3.4)
    ax = fig.add_subplot()
    points = [(y, p) for y, p in _known_points(s) if p.indicator_no_pct]
    codes = [i.code for i in indicators]
    if not points or not codes:
        return _empty(fig, ax)
    width = 0.8 / len(points)
    for k, (year, p) in enumerate(points):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(codes))]
        colour = NO_COLOUR if k == len(points) - 1 else YEAR_COLOURS[k % len(YEAR_COLOURS)]
        ax.bar(xs, [float(p.indicator_no_pct.get(c) or 0) for c in codes], width, label=str(year), color=colour)
    ax.set_xticks(range(len(codes)), codes)
    ax.set_ylabel("%")
    ax.legend(frameon=False, ncols=len(points))
    ax.set_title(_('CIPO: share of "no" answers by indicator and year'))
    return fig


def validation_years(s):
    fig = _figure(6.4, 3.2)
    ax = fig.add_subplot()
    points = [(y, p.validation) for y, p in _known_points(s) if p.validation]
    if not points:
        return _empty(fig, ax)
    years = [str(y) for y, _v in points]
    procedures = [v.get("procedures") or 0 for _y, v in points]
    persons = [v.get("persons") or 0 for _y, v in points]
    bars = ax.bar(years, procedures, color=YEAR_COLOURS[2], label=_("procedures"))
    ax.bar_label(bars, fontsize=8, padding=1)
    ax.set_ylabel(_("procedures"))
    other = ax.twinx()
    other.plot(years, persons, marker="o", color=YEAR_COLOURS[6], label=_("persons"))
    other.set_ylabel(_("persons"))
    for x, v in zip(years, persons, strict=True):
        other.annotate(str(v), (x, v), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8)
    ax.set_title(_("Validation procedures and persons, by year"))
    return fig
