"""National survey and EQAVET results for the analysis: satisfaction, placement and response rates.

Read through the surveys app's own functions and publication rule (surveys.thresholds): a
figure whose answers fall below the rule is reported as "too few answers", never as a share.
Satisfaction of trainees (administrative service), graduates (training) and employers (skills
and partnership); placement of graduates 6 and 12 months after completion (EQAVET indicator 5).
"""

from dataclasses import dataclass

from surveys import derived, results
from surveys.models import Campaign, QuestionnaireKind, Response
from surveys.thresholds import percent


@dataclass
class SurveyFigure:
    key: str
    answers: int  # respondents
    response_rate: object  # Decimal per cent of personal invitations answered, or None (open links only)
    enough: bool
    part: int = 0
    whole: int = 0

    @property
    def share(self):
        return percent(self.part, self.whole) if self.enough else None


def _campaigns(year, kind, region):
    qs = Campaign.objects.filter(year=year, version__questionnaire__kind=kind)
    if region:
        qs = qs.filter(centre__region=region)
    return qs


def _satisfaction(key, year, kind, codes, region):
    campaigns = _campaigns(year, kind, region)
    suff = results.sufficiency(campaigns)
    part, whole = results.satisfaction_counts(campaigns, codes) if suff.enough else (0, 0)
    return SurveyFigure(key, suff.answers, suff.response_rate, suff.enough and whole > 0, part, whole)


def _placement(key, year, months, region):
    campaigns = _campaigns(year, QuestionnaireKind.GRADUATE, region).filter(followup_months=months)
    suff = results.sufficiency(campaigns, Response.objects.filter(campaign__in=campaigns, wave_months=months))
    part, whole = results.placement_counts(campaigns, months=months) if suff.enough else (0, 0)
    return SurveyFigure(key, suff.answers, suff.response_rate, suff.enough and whole > 0, part, whole)


def survey_figures(year, region=None):
    """[SurveyFigure] in the order the section writes them; an empty list when no campaign counts for the year."""
    any_campaign = Campaign.objects.filter(year=year)
    if region:
        any_campaign = any_campaign.filter(centre__region=region)
    if not any_campaign.exists():
        return []
    return [
        _satisfaction("trainees", year, QuestionnaireKind.TRAINEE, derived.TRAINEE_ADMIN_CODES, region),
        _satisfaction("graduates", year, QuestionnaireKind.GRADUATE, derived.GRADUATE_SATISFACTION_CODES, region),
        _satisfaction("employers", year, QuestionnaireKind.EMPLOYER, derived.EMPLOYER_CODES, region),
        _placement("placement_6", year, 6, region),
        _placement("placement_12", year, 12, region),
    ]
