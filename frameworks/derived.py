"""Derived levels: the level a centre's own data supports for a criterion marked derived.

The framework data names a rule (Criterion.derived_rule) and its thresholds; the apps
that hold the data (activity, surveys) register a metric provider for the rule:

    from frameworks.derived import Metric, register

    @register("vulnerable_share")
    def vulnerable_share(centre, year):
        ...  # return Metric(value=Decimal("12.5"), basis="10 of 80 trainees") or None when no data

Several providers may serve one rule; the lowest priority number that returns a metric wins
(e.g. survey-based placement before the activity follow-up counts).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from frameworks.scoring import level_for_metric

# What each rule measures, for people reading a framework (the rule key is for the data).
RULE_LABELS = {
    "vulnerable_share": _("share of trainees from vulnerable groups"),
    "state_exam_pass_rate": _("pass rate at the state qualification exams"),
    "validation_share": _("share of validations among trainees who obtained a qualification"),
    "trainee_admin_satisfaction": _("trainees' satisfaction with the administrative service (survey)"),
    "graduate_satisfaction": _("graduates' satisfaction with their training (survey)"),
    "placement_rate_12m": _("share of qualified trainees in work within 12 months"),
    "employer_satisfaction": _("employers' satisfaction with the graduates (survey)"),
}

_PROVIDERS = {}  # rule -> [(priority, function)]


@dataclass(frozen=True)
class Metric:
    value: Decimal  # a percentage, 0–100
    basis: str = ""  # what it was computed from, shown to people ("10 of 80 trainees")
    source: str = ""  # "activity", "surveys", …


@dataclass(frozen=True)
class DerivedLevel:
    criterion_code: str
    metric: Metric
    points: Decimal  # the level the data supports


def register(rule, priority=50):
    def decorator(function):
        providers = _PROVIDERS.setdefault(rule, [])
        # Re-registering the same function (a module reloaded) replaces it; another app's
        # function of the same name is a different provider.
        key = (function.__module__, function.__qualname__)
        providers[:] = [p for p in providers if (p[1].__module__, p[1].__qualname__) != key]
        providers.append((priority, function))
        providers.sort(key=lambda p: p[0])
        return function

    return decorator


def rules():
    return set(_PROVIDERS)


def metric_for(rule, centre, year):
    for _priority, provider in _PROVIDERS.get(rule, []):
        metric = provider(centre, year)
        if metric is not None:
            return metric
    return None


def derived_levels(framework, centre, year, criteria=None):
    """{criterion code: DerivedLevel} for every derived criterion whose data exists."""
    result = {}
    for criterion in criteria if criteria is not None else framework.criteria.exclude(derived_rule=""):
        if not criterion.derived_rule:
            continue
        metric = metric_for(criterion.derived_rule, centre, year)
        if metric is None:
            continue
        points = level_for_metric(metric.value, criterion.derived_thresholds)
        if points is not None:
            result[criterion.code] = DerivedLevel(criterion.code, metric, points)
    return result
