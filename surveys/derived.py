"""Metric providers for the CPO criteria derived from surveys (2.11, 2.12, 3.1, 3.2).

Each returns the share of satisfied (or placed) respondents for the centre and year, or None
when the results fall below the rule in surveys.thresholds. The points for a share come from the
framework data (Criterion.derived_thresholds), not from here.
"""

from django.utils.translation import gettext as _

from frameworks.derived import Metric, register
from surveys import results
from surveys.models import QuestionnaireKind, Response
from surveys.thresholds import percent

SOURCE = "surveys"
TRAINEE_ADMIN_CODES = ("admin_service",)
GRADUATE_SATISFACTION_CODES = ("satisfaction",)
EMPLOYER_CODES = ("skills", "partnership")


def _metric(part, whole):
    value = percent(part, whole)
    if value is None:
        return None
    return Metric(value=value, basis=_("%(part)s of %(whole)s answers") % {"part": part, "whole": whole}, source=SOURCE)


def _satisfaction(centre, year, kind, codes):
    campaigns = results.campaigns_for(centre, year, kind)
    if not results.sufficiency(campaigns).enough:
        return None
    return _metric(*results.satisfaction_counts(campaigns, codes))


@register("trainee_admin_satisfaction")
def trainee_admin_satisfaction(centre, year):
    return _satisfaction(centre, year, QuestionnaireKind.TRAINEE, TRAINEE_ADMIN_CODES)


@register("graduate_satisfaction")
def graduate_satisfaction(centre, year):
    return _satisfaction(centre, year, QuestionnaireKind.GRADUATE, GRADUATE_SATISFACTION_CODES)


@register("employer_satisfaction")
def employer_satisfaction(centre, year):
    return _satisfaction(centre, year, QuestionnaireKind.EMPLOYER, EMPLOYER_CODES)


# Before the activity provider (priority 50): a proper follow-up survey is better evidence than totals.
@register("placement_rate_12m", priority=10)
def placement_rate_12m(centre, year):
    campaigns = results.campaigns_for(centre, year, QuestionnaireKind.GRADUATE).filter(followup_months=12)
    responses = Response.objects.filter(campaign__in=campaigns, wave_months=12)
    if not results.sufficiency(campaigns, responses).enough:
        return None
    return _metric(*results.placement_counts(campaigns, months=12))
