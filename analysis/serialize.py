"""The national figures as JSON-ready data, shared by the CLI and the API.

Numbers are rounded half-up to two decimals only here, from unrounded values, and
written as JSON numbers (floats of the rounded Decimal: 93.55, never 93.5499999).
"""

from decimal import ROUND_HALF_UP, Decimal

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
