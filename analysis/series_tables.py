"""The multi-year tables: one row per year of the window (a gap year shows "–"), from `figures.cpo_series`."""

from django.utils.translation import gettext as _

from analysis.series import RECORD, change
from analysis.tables import Column, Table


def _source(point):
    if point is None:
        return _("no data")
    return _("published figures") if point.source == RECORD else _("reports in the system")


def grades_years_table(figures):
    s = figures.cpo_series
    names = figures.cpo.grade_names
    codes = list(figures.cpo.levels) or list(names)
    columns = [Column(_("Year"))]
    for code in codes:
        columns += [
            Column(names.get(code, code), "int"),
            Column(_("%(grade)s, %%") % {"grade": names.get(code, code)}, "num"),
        ]
    columns += [Column(_("Submitted"), "int"), Column(_("Source"))]
    rows = []
    for year in s.years:
        p = s.points.get(year)
        row = [str(year)]
        for code in codes:
            row += [p.grade_counts.get(code) if p else None, p.grade_shares.get(code) if p else None]
        rows.append([*row, p.submitted if p else None, _source(p)])
    return Table("grades_years", _("CPO by grade, by year"), columns, rows)


def areas_years_table(figures):
    """Mean points by area and year, with the change against the year before in points and in per cent."""
    s = figures.cpo_series
    rows = []
    areas = [(a.code, a.name) for a in figures.cpo.areas] + [("total", _("Total of all areas"))]
    for code, name in areas:
        previous = None
        for year in s.years:
            p = s.points.get(year)
            value = (p.mean_total if code == "total" else p.area_means.get(code)) if p else None
            delta, rel = change(value, previous)
            rows.append([f"{code}. {name}" if code != "total" else name, str(year), value, delta, rel])
            previous = value if value is not None else previous
    return Table(
        "areas_years",
        _("Mean points by area of self-assessment, by year"),
        [
            Column(_("Area")),
            Column(_("Year")),
            Column(_("Mean points"), "num"),
            Column(_("Change, points"), "num"),
            Column(_("Change, % of the previous value"), "num"),
        ],
        rows,
    )


def criteria_years_table(figures):
    """Each criterion's mean and distribution, with last year's beside it."""
    rows = []
    for c in figures.cpo.criteria:
        prev = c.previous_distribution or {}
        rows.append(
            [
                c.code,
                c.name,
                c.mean_points,
                c.previous_mean,
                c.change,
                "; ".join(f"{k}: {n}" for k, n in c.distribution.items()),
                "; ".join(f"{k}: {n}" for k, n in prev.items()) if prev else None,
            ]
        )
    return Table(
        "criteria_years",
        _("Criteria: this year and the previous year"),
        [
            Column(_("Code")),
            Column(_("Criterion")),
            Column(_("Mean points"), "num"),
            Column(_("Mean, previous year"), "num"),
            Column(_("Change, points"), "num"),
            Column(_("Reports by points")),
            Column(_("Reports by points, previous year")),
        ],
        rows,
    )


def cipo_years_table(figures):
    s = figures.cipo_series
    columns = [Column(_("Code")), Column(_("Indicator"))] + [
        Column(str(y) + " " + _('"no", %'), "num") for y in s.years
    ]
    rows = [
        [i.code, i.name] + [v for _y, v in s.values(lambda p, code=i.code: p.indicator_no_pct.get(code))]
        for i in figures.cipo.indicators
    ]
    return Table("cipo_years", _('CIPO: share of "no" answers by indicator and year'), columns, rows)


def validation_years_table(figures):
    s = figures.cpo_series
    rows = [
        [
            str(y),
            p.validation.get("procedures") if p else None,
            p.validation.get("centres") if p else None,
            p.validation.get("persons") if p else None,
        ]
        for y, p in ((y, s.points.get(y)) for y in s.years)
    ]
    return Table(
        "validation_years",
        _("Validation of knowledge, skills and competences, by year"),
        [Column(_("Year")), Column(_("Procedures"), "int"), Column(_("Centres"), "int"), Column(_("Persons"), "int")],
        rows,
    )


def submission_years_table(figures):
    s = figures.cpo_series
    rows = []
    for y in s.years:
        p = s.points.get(y)
        rows.append(
            [
                str(y),
                p.licensed if p else None,
                p.on_time if p else None,
                p.on_time_pct if p else None,
                p.zero_value if p else None,
                p.non_conforming_pct if p else None,
                p.unsatisfactory if p else None,
            ]
        )
    return Table(
        "submission_years",
        _("CPO reports by year"),
        [
            Column(_("Year")),
            Column(_("Licensed"), "int"),
            Column(_("On time"), "int"),
            Column(_("On time, %"), "num"),
            Column(_("Zero-value"), "int"),
            Column(_("Non-conforming, %"), "num"),
            Column(_("Unsatisfactory"), "int"),
        ],
        rows,
    )


SERIES_TABLES = {
    "submission_years": submission_years_table,
    "grades_years": grades_years_table,
    "areas_years": areas_years_table,
    "criteria_years": criteria_years_table,
    "cipo_years": cipo_years_table,
    "validation_years": validation_years_table,
}


def all_series_tables(figures):
    if getattr(figures, "cpo_series", None) is None:
        return {}
    return {key: build(figures) for key, build in SERIES_TABLES.items()}
