"""Scoring as pure functions over plain values: no database, no floats.

`points_by_criterion` maps a criterion code to the Decimal points of the chosen
level (or None when not yet assessed); `structure` maps each area code to the
codes of its criteria.
"""

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Band:
    code: str
    name: str
    min_points: Decimal
    max_points: Decimal


def area_subtotals(structure, points_by_criterion):
    """{area code: sum of the assessed criteria's points} (unassessed criteria count as 0)."""
    return {
        area: sum((points_by_criterion.get(code) or ZERO for code in codes), ZERO) for area, codes in structure.items()
    }


def total(points_by_criterion):
    return sum((p for p in points_by_criterion.values() if p is not None), ZERO)


def grade_for(total_points, bands):
    """The band whose lower bound is the highest one not above the total (inclusive lower bounds).

    A total between two written bands (90.5 between Добро 66–90 and Отлично 91–100)
    belongs to the lower band, because it has not reached the next bound.
    """
    eligible = [b for b in bands if b.min_points <= total_points]
    return max(eligible, key=lambda b: b.min_points) if eligible else None


def is_complete(criterion_codes, points_by_criterion):
    return all(points_by_criterion.get(code) is not None for code in criterion_codes)


def is_zero_value(points_by_criterion):
    """A zero-value report: every criterion assessed and every one at 0 points."""
    values = list(points_by_criterion.values())
    return bool(values) and all(p is not None and p == ZERO for p in values)


def level_for_metric(metric, thresholds):
    """Points supported by a metric under a criterion's derived thresholds.

    Thresholds rise: the first entry is the base level, each later entry applies
    when the metric reaches `from` (inclusive) or exceeds `above` (exclusive).
    """
    if metric is None or not thresholds:
        return None
    metric = Decimal(str(metric))
    points = Decimal(str(thresholds[0]["points"]))
    for step in thresholds[1:]:
        reached = ("from" in step and metric >= Decimal(str(step["from"]))) or (
            "above" in step and metric > Decimal(str(step["above"]))
        )
        if reached:
            points = Decimal(str(step["points"]))
    return points
