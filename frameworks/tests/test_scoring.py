"""Scoring over the real CPO-2018 framework: band edges and properties over random level choices."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frameworks.scoring import Band, area_subtotals, grade_for, is_zero_value, level_for_metric, total
from frameworks.tests.conftest import bundled

D = Decimal
CPO = bundled("CPO-2018")
BANDS = [Band(b["code"], b["name"], D(b["min"]), D(b["max"])) for b in CPO["grade_bands"]]
STRUCTURE = {a["code"]: [c["code"] for c in a["criteria"]] for a in CPO["areas"]}
LEVELS = {c["code"]: [D(lv["points"]) for lv in c["levels"]] for a in CPO["areas"] for c in a["criteria"]}
DERIVED = [(c["code"], c["derived"]["thresholds"]) for a in CPO["areas"] for c in a["criteria"] if c.get("derived")]
GRADE_ORDER = ["unsatisfactory", "satisfactory", "good", "excellent"]

choices = st.fixed_dictionaries({code: st.sampled_from(levels) for code, levels in LEVELS.items()})
# Hypothesis reuses one function-scoped value across examples; these tests use none.
props = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_cpo_2018_has_the_published_shape():
    assert len(LEVELS) == 22
    assert {a["code"]: D(a["max_points"]) for a in CPO["areas"]} == {"1": 20, "2": 65, "3": 15}
    assert len(DERIVED) == 7


@pytest.mark.parametrize(
    ("points", "grade"),
    [
        ("100", "excellent"),
        ("91", "excellent"),
        ("90.5", "good"),
        ("90", "good"),
        ("66", "good"),
        ("65.5", "satisfactory"),
        ("46", "satisfactory"),
        ("45.5", "unsatisfactory"),
        ("0", "unsatisfactory"),
    ],
)
def test_grade_at_the_band_boundaries(points, grade):
    assert grade_for(D(points), BANDS).code == grade


def test_no_bands_means_no_grade():
    assert grade_for(D(50), []) is None


@props
@given(choices)
def test_total_is_the_sum_of_the_area_subtotals(points):
    assert sum(area_subtotals(STRUCTURE, points).values(), D(0)) == total(points)


@props
@given(choices)
def test_total_stays_within_the_framework_and_on_half_points(points):
    result = total(points)
    assert isinstance(result, Decimal)
    assert D(0) <= result <= D(CPO["total_points"])
    assert (result * 2) % 1 == 0


@props
@given(choices)
def test_each_area_subtotal_stays_within_its_maximum(points):
    maxima = {a["code"]: D(a["max_points"]) for a in CPO["areas"]}
    for area, subtotal in area_subtotals(STRUCTURE, points).items():
        assert D(0) <= subtotal <= maxima[area]


@props
@given(choices)
def test_exactly_one_grade_contains_the_total(points):
    result = total(points)
    containing = [b for b in BANDS if b.min_points <= result <= b.max_points]
    grade = grade_for(result, BANDS)
    assert grade is not None
    # A half point between two written bands (90.5) is in none of them and takes the lower one.
    assert len(containing) <= 1
    if containing:
        assert containing == [grade]
    else:
        assert grade.max_points < result < grade.max_points + 1


@props
@given(choices, choices)
def test_grade_never_falls_as_the_total_rises(first, second):
    low, high = sorted([total(first), total(second)])
    assert GRADE_ORDER.index(grade_for(low, BANDS).code) <= GRADE_ORDER.index(grade_for(high, BANDS).code)


@props
@given(choices)
def test_zero_value_iff_every_criterion_is_at_zero(points):
    assert is_zero_value(points) == all(p == 0 for p in points.values())


def test_all_lowest_levels_is_zero_value_only_when_every_lowest_level_is_zero():
    lowest = {code: levels[0] for code, levels in LEVELS.items()}
    zeroed = dict.fromkeys(LEVELS, D(0))
    assert is_zero_value(zeroed)
    assert is_zero_value(lowest) == all(p == 0 for p in lowest.values())
    assert not is_zero_value({**zeroed, "1.1": None}), "an unassessed criterion is not a zero"
    assert not is_zero_value({})


def _edges():
    """(criterion, thresholds, metric, expected points) just below, at and just above every bound."""
    cases = []
    for code, thresholds in DERIVED:
        for k, step in enumerate(thresholds[1:], 1):
            below_points = D(thresholds[k - 1]["points"])
            points = D(step["points"])
            if "from" in step:
                bound = D(step["from"])
                expected = [(bound - D("0.01"), below_points), (bound, points), (bound + D("0.01"), points)]
            else:
                bound = D(step["above"])
                expected = [(bound - D("0.01"), below_points), (bound, below_points), (bound + D("0.01"), points)]
            for metric, want in expected:
                if metric >= 0:
                    cases.append(pytest.param(thresholds, metric, want, id=f"{code}@{metric}"))
    return cases


@pytest.mark.parametrize(("thresholds", "metric", "expected"), _edges())
def test_level_for_metric_at_every_threshold_edge(thresholds, metric, expected):
    assert level_for_metric(metric, thresholds) == expected


@pytest.mark.parametrize(("code", "thresholds"), DERIVED, ids=[c for c, _t in DERIVED])
def test_derived_levels_are_levels_of_the_criterion(code, thresholds):
    for metric in [D(0), D(50), D(100)] + [D(s.get("from", s.get("above", 0))) for s in thresholds]:
        assert level_for_metric(metric, thresholds) in LEVELS[code]
    assert level_for_metric(D(0), thresholds) == D(thresholds[0]["points"])
    assert level_for_metric(D(100), thresholds) == max(LEVELS[code])


def test_no_metric_or_no_thresholds_gives_no_level():
    assert level_for_metric(None, DERIVED[0][1]) is None
    assert level_for_metric(D(50), []) is None
