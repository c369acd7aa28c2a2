"""Shared by the API and the command tests: a demo-like data set, and the check that the JSON
series say what the dashboard's multi-year tables say (cell by cell, rounded as `serialize.num`).

The data set is shaped like the demo: CPO reports for 2023 and 2024 (one centre at the maximum,
one at the lowest levels, the 2023 one submitted late), a CIPO report for 2024, and the bundled
published records for the years before — so the series mix reports and records, the 2023 reports
differ from the 2023 record, and CIPO 2021 has no data at all.
"""

import datetime as dt

from django.utils.translation import gettext as _

from analysis import series_tables
from analysis.serialize import num
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA


def seed_demo_like(cpo_centres, cipo_centre, actor):
    cpo = Framework.objects.get(code="CPO-2018")
    full = {c.code: c.max_points for c in cpo.criteria.all()}
    low = {c.code: min(lv.points for lv in c.levels.all()) for c in cpo.criteria.all()}
    on_time, late = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA), dt.datetime(2024, 2, 10, 10, tzinfo=SOFIA)
    a, b = cpo_centres
    create_submitted_reports(
        [SubmittedEntry(a, dt.datetime(2024, 1, 20, 10, tzinfo=SOFIA), full), SubmittedEntry(b, late, low)],
        year=2023,
        framework=cpo,
        actor=actor,
    )
    create_submitted_reports(
        [SubmittedEntry(a, on_time, full), SubmittedEntry(b, on_time, low)], year=2024, framework=cpo, actor=actor
    )
    cipo = Framework.objects.get(code="CIPO-2022")
    answers = {c.code: (0 if c.code in ("1.2", "2.4") else c.max_points) for c in cipo.criteria.all()}
    create_submitted_reports([SubmittedEntry(cipo_centre, on_time, answers)], year=2024, framework=cipo, actor=actor)


def _point(data, year):
    return dict(zip(data["years"], data["points"], strict=True))[year]


def _get(point, *path):
    for key in path:
        if point is None:
            return None
        point = point.get(key)
    return point


def _n(value):
    return num(value) if value is not None else None


def assert_series_match_the_tables(data, figures):
    """Every cell of the dashboard's multi-year tables equals the JSON series' value (None ↔ null)."""
    cpo, cipo = data["cpo"]["series"], data["cipo"]["series"]
    assert cpo["years"] == figures.cpo_series.years and cipo["years"] == figures.cipo_series.years
    tables = series_tables.all_series_tables(figures)

    codes = list(figures.cpo.levels)
    for row in tables["grades_years"].rows:
        p = _point(cpo, int(row[0]))
        for i, code in enumerate(codes):
            assert _get(p, "grade_counts", code) == row[1 + 2 * i], (row[0], code)
            assert _get(p, "grade_shares", code) == _n(row[2 + 2 * i]), (row[0], code)
        assert _get(p, "submitted") == row[-2]
        sources = {_("reports in the system"): "reports", _("published figures"): "record", _("no data"): None}
        assert _get(p, "source") == sources[row[-1]], row[0]

    for label, year, value, delta, rel in tables["areas_years"].rows:
        p = _point(cpo, int(year))
        code = label.split(".", 1)[0] if "." in label else None
        if code is None:  # the total of all areas
            got = (_get(p, "mean_total"), _get(p, "mean_total_change_points"))
            got += (_get(p, "mean_total_change_pct_of_previous"),)
        else:
            cell = _get(p, "areas", code)
            got = (_get(cell, "value"), _get(cell, "change_points"), _get(cell, "change_pct_of_previous"))
        assert got == (_n(value), _n(delta), _n(rel)), (label, year)

    for year, licensed, on_time, on_time_pct, zero, non_conforming, unsatisfactory in tables["submission_years"].rows:
        p = _point(cpo, int(year))
        got = [_get(p, k) for k in ("licensed", "on_time", "on_time_pct", "zero_value")]
        got += [_get(p, "non_conforming_pct"), _get(p, "unsatisfactory")]
        assert got == [licensed, on_time, _n(on_time_pct), zero, _n(non_conforming), unsatisfactory], year

    for year, procedures, centres, persons in tables["validation_years"].rows:
        assert [_get(_point(cpo, int(year)), "validation", k) for k in ("procedures", "centres", "persons")] == [
            procedures,
            centres,
            persons,
        ], year

    criteria = {c["code"]: c for c in cpo["criteria"]}
    for code, _name, mean, previous, change, dist, previous_dist in tables["criteria_years"].rows:
        c = criteria[code]
        assert (c["mean_points"], c["previous_mean"], c["change"]) == (_n(mean), _n(previous), _n(change)), code
        assert "; ".join(f"{k}: {n}" for k, n in c["distribution"].items()) == dist
        prev = c["previous_distribution"]
        assert ("; ".join(f"{k}: {n}" for k, n in prev.items()) if prev else None) == previous_dist

    for code, _name, *values in tables["cipo_years"].rows:
        got = [_get(_point(cipo, year), "indicators_no_pct", code, "value") for year in cipo["years"]]
        assert got == [_n(v) for v in values], code
