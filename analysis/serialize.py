"""The national figures as JSON-ready data, shared by the CLI and the API.

Numbers are rounded half-up to two decimals only here, from unrounded values, and
written as JSON numbers (floats of the rounded Decimal: 93.55, never 93.5499999).
`analysis_data` adds the multi-year series the dashboard and the documents show
(`analysis.series`: reports or the published records, a gap year as null).
"""

from decimal import ROUND_HALF_UP, Decimal

from analysis import series
from analysis.figures import Lookups, cpo_trend
from analysis.overview import analysis_figures

TWO_PLACES = Decimal("0.01")


def num(value):
    """A Decimal rounded half-up to 2 places, as a JSON number (int when it is whole); None stays None."""
    if value is None:
        return None
    rounded = Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)


def cpo_data(f):
    data = {
        "licensed": f.licensed,
        "submitted": f.submitted,
        "submitted_on_time": f.submitted_on_time,
        "submitted_on_time_pct": num(f.submitted_on_time_pct),
        "submitted_late": f.submitted_late,
        "zero_reports": f.zero_reports,
        "zero_reports_pct": num(f.zero_reports_pct),
        "levels": dict(f.levels),
        "levels_pct": {code: num(p) for code, p in f.levels_pct.items()},
        "mean_total": num(f.mean_total),
        "mean_grade": f.mean_grade.code if f.mean_grade else None,
        "areas": [
            {
                "code": a.code,
                "name": a.name,
                "max_points": num(a.max_points),
                "mean_points": num(a.mean_points),
                "pct": num(a.pct),
                "change": num(a.change),
            }
            for a in f.areas
        ],
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "area": c.area_code,
                "max_points": num(c.max_points),
                "mean_points": num(c.mean_points),
                "pct": num(c.pct),
                "change": num(c.change),
                "distribution": dict(c.distribution),
            }
            for c in f.criteria
        ],
        "highest": [c.code for c in f.highest()],
        "lowest": [c.code for c in f.lowest()],
        "validation": f.validation,
    }
    if f.previous is not None:
        p = f.previous
        data["previous"] = {
            "year": p.year,
            "licensed": p.licensed,
            "submitted": p.submitted,
            "submitted_on_time": p.submitted_on_time,
            "submitted_on_time_pct": num(p.submitted_on_time_pct),
            "zero_reports": p.zero_reports,
            "levels": dict(p.levels),
            "levels_pct": {code: num(v) for code, v in p.levels_pct.items()},
            "mean_total": num(p.mean_total),
        }
    return data


def cipo_data(f):
    return {
        "licensed": f.licensed,
        "submitted": f.submitted,
        "submitted_on_time": f.submitted_on_time,
        "submitted_on_time_pct": num(f.submitted_on_time_pct),
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "yes": i.yes,
                "no": i.no,
                "yes_pct": num(i.yes_pct),
                "no_pct": num(i.no_pct),
                "change": num(i.change),
            }
            for i in f.indicators
        ],
        "all_yes": [i.code for i in f.all_yes()],
        "most_no": [i.code for i in f.most_no()],
    }


def national_data(figures):
    return {
        "year": figures.year,
        "region": figures.region,
        "cpo": cpo_data(figures.cpo),
        "cipo": cipo_data(figures.cipo),
        "trend": [
            {
                "year": t.year,
                "submitted": t.submitted,
                "mean_total": num(t.mean_total),
                "grade": t.grade.code if t.grade else None,
                "areas": {code: num(m) for code, m in t.area_means.items()},
            }
            for t in figures.trend
        ],
    }


def _change(current, previous):
    """The change against the previous known value, labelled: in points and in per cent of that value."""
    points, per_cent = series.change(current, previous)
    return {"change_points": num(points), "change_pct_of_previous": num(per_cent)}


def _with_changes(s, getter, codes):
    """{year: {code: {"value", "change_points", "change_pct_of_previous"}}} over the window.

    Each change is against the latest earlier year of the window that has the value (a gap year
    is skipped), as the dashboard's multi-year tables compute it.
    """
    out = {year: {} for year in s.years}
    for code in codes:
        previous = None
        for year, value in s.values(lambda p, code=code: getter(p, code)):
            if value is None:
                continue
            out[year][code] = {"value": num(value), **_change(value, previous)}
            previous = value
    return out


def _codes(s, attribute, first=()):
    """The codes of the headline year's framework first, in its order, then any other year's."""
    found = (code for p in s.points.values() if p is not None for code in getattr(p, attribute))
    return list(dict.fromkeys([*first, *found]))


def _differences(point):
    return [
        {"what": what, "reports": num(computed), "record": num(stated)} for what, computed, stated in point.differences
    ]


def _common(point):
    return {
        "year": point.year,
        "source": point.source,  # "reports" (per-centre reports in the system) or "record" (the national record)
        "include_late": point.include_late if point.source == series.REPORTS else None,
        "licensed": point.licensed,
        "submitted": point.submitted,
        "on_time": point.on_time,
        "on_time_pct": num(point.on_time_pct),
        "differences": _differences(point),
    }


def cpo_series_data(figures):
    s = figures.cpo_series
    areas = _with_changes(
        s, lambda p, code: p.area_means.get(code), _codes(s, "area_means", [a.code for a in figures.cpo.areas])
    )
    totals = _with_changes(s, lambda p, _code: p.mean_total, ["total"])
    points = []
    for year in s.years:
        p = s.points.get(year)
        if p is None:
            points.append(None)
            continue
        total = totals[year].get("total", {"value": None, "change_points": None, "change_pct_of_previous": None})
        points.append(
            {
                **_common(p),
                "zero_value": p.zero_value,
                "non_conforming_pct": num(p.non_conforming_pct),
                "grade_counts": dict(p.grade_counts),
                "grade_shares": {code: num(v) for code, v in p.grade_shares.items()},
                "unsatisfactory": p.unsatisfactory,
                "mean_total": total["value"],
                "mean_total_change_points": total["change_points"],
                "mean_total_change_pct_of_previous": total["change_pct_of_previous"],
                "grade": p.grade.code if p.grade else None,
                "areas": areas[year],
                "criterion_means": {code: num(v) for code, v in p.criterion_means.items()},
                # Counts by points per criterion: known from reports only (a record states means).
                "distributions": {code: dict(d) for code, d in p.distributions.items()} if p.distributions else None,
                "validation": {key: p.validation.get(key) for key in ("procedures", "centres", "persons")},
            }
        )
    return {
        "years": list(s.years),
        "points": points,
        # This year's criteria with last year's beside them (through the succession mapping across versions).
        "criteria": [
            {
                "code": c.code,
                "mean_points": num(c.mean_points),
                "previous_mean": num(c.previous_mean),
                "change": num(c.change),
                "distribution": dict(c.distribution),
                "previous_distribution": dict(c.previous_distribution) if c.previous_distribution else None,
            }
            for c in figures.cpo.criteria
        ],
    }


def cipo_series_data(figures):
    s = figures.cipo_series
    indicators = _with_changes(
        s,
        lambda p, code: p.indicator_no_pct.get(code),
        _codes(s, "indicator_no_pct", [i.code for i in figures.cipo.indicators]),
    )
    points = []
    for year in s.years:
        p = s.points.get(year)
        points.append(None if p is None else {**_common(p), "indicators_no_pct": indicators[year]})
    return {"years": list(s.years), "points": points}


def analysis_data(year, region=None):
    """The figures of a year's analysis (under its counting rule) with both kinds' multi-year series."""
    lookups = Lookups()
    figures = analysis_figures(year, region or None, lookups=lookups)
    # `trend` keeps what it always gave: every year with reports, from the stored totals.
    figures.trend = cpo_trend(year, region or None, lookups=lookups)
    data = national_data(figures)
    data["include_late"] = figures.include_late
    data["cpo"]["series"] = cpo_series_data(figures)
    data["cipo"]["series"] = cipo_series_data(figures)
    return data
