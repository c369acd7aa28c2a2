"""Monitoring graduates' competences through their employers, at the 6- and 12-month follow-up waves.

Each profession's units of learning outcomes become an employer questionnaire of the surveys app
(kind "employer", code "competences-<profession>-<year>"), loaded through the surveys' own
questionnaire-as-data loader: one 1–5 question per unit, with the unit's slug as the stable code.
Campaigns of it run per centre, profession and wave; the results are read here, by profession and
centre, under the surveys' publication thresholds (surveys.thresholds): below them a rating shows as
"too few answers".
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessment.findings import mean
from assessment.models import CompetenceQuestionnaire
from surveys import loader
from surveys.models import Answer, Campaign, QuestionnaireKind
from surveys.results import sufficiency

CODE_PREFIX = "competences"  # sorts before "employer": the general employer questionnaire stays the kind's last


def question_code(unit):
    return slugify(unit.code, allow_unicode=True)[:40]


def questionnaire_code(outcome_set):
    return f"{CODE_PREFIX}-{outcome_set.profession.code}-{outcome_set.first_year}"


def questionnaire_data(outcome_set):
    """The surveys questionnaire document (surveys/data format) for one profession's outcomes."""
    profession = outcome_set.profession
    with translation.override(settings.LANGUAGE_CODE):
        questions = [
            {
                "code": question_code(unit),
                "type": "likert",
                "text": _("How well does the graduate you employ manage: %(unit)s (%(code)s)?")
                % {"unit": unit.title, "code": unit.code},
            }
            for unit in outcome_set.units.all()
        ]
        questions.append(
            {"code": "comment", "type": "text", "required": False, "text": _("What should the training add?")}
        )
        return {
            "code": questionnaire_code(outcome_set),
            "kind": QuestionnaireKind.EMPLOYER,
            "title": _("Employers: the competences of graduates in %(profession)s") % {"profession": profession.name},
            "purpose": _(
                "Six and twelve months after their training we ask employers how well graduates in "
                "%(profession)s do the work the training prepares for. The answers are anonymous."
            )
            % {"profession": profession.name},
            "questions": questions,
        }


def ensure_questionnaire(outcome_set):
    """The profession's competence questionnaire, loaded on first use (an existing one is left as edited)."""
    link = CompetenceQuestionnaire.objects.filter(outcome_set=outcome_set).select_related("questionnaire").first()
    if link is not None:
        return link.questionnaire
    questionnaire = loader.load(questionnaire_data(outcome_set))
    CompetenceQuestionnaire.objects.create(outcome_set=outcome_set, questionnaire=questionnaire)
    return questionnaire


def campaigns(year, months=None):
    """The competence campaigns of a year (optionally one wave)."""
    found = Campaign.objects.filter(year=year, version__questionnaire__competence_outcomes__isnull=False)
    return found.filter(followup_months=months) if months else found


@dataclass
class Rating:
    centre_id: int | None  # None: all centres
    centre: str
    profession: str
    unit_code: str
    unit_title: str
    answers: int
    enough: bool  # the surveys' publication threshold for this centre and profession
    average: Decimal | None  # 1–5; None below the threshold


def employer_ratings(year, centre=None, national=False):
    """Per centre (or, national=True, all centres together), profession and unit: the employers' mean
    1–5 rating, where the thresholds allow."""
    found = campaigns(year).select_related(
        "centre", "version__questionnaire__competence_outcomes__outcome_set__profession"
    )
    if centre is not None:
        found = found.filter(centre=centre)
    groups = {}
    for campaign in found:
        outcome_set = campaign.version.questionnaire.competence_outcomes.outcome_set
        groups.setdefault((None if national else campaign.centre, outcome_set), []).append(campaign.pk)
    ratings = []
    order = sorted(groups.items(), key=lambda g: (g[0][0].name if g[0][0] else "", g[0][1].profession.code))
    for (group_centre, outcome_set), ids in order:
        chosen = Campaign.objects.filter(pk__in=ids)
        enough = sufficiency(chosen).enough
        rows = {
            r["question_code"]: r
            for r in Answer.objects.filter(response__campaign__in=chosen, number__isnull=False)
            .values("question_code")
            .annotate(n=Count("pk"), average=Avg("number"))
            .order_by()
        }
        for unit in outcome_set.units.all():
            row = rows.get(question_code(unit), {"n": 0, "average": None})
            ratings.append(
                Rating(
                    centre_id=group_centre.pk if group_centre else None,
                    centre=group_centre.name if group_centre else "",
                    profession=str(outcome_set.profession),
                    unit_code=unit.code,
                    unit_title=unit.title,
                    answers=row["n"],
                    enough=enough,
                    average=mean(row["average"]) if enough else None,
                )
            )
    return ratings
