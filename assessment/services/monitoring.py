"""Employer competence monitoring: opening the campaigns of the profession questionnaires at the
graduates' 6- and 12-month follow-up waves (assessment.competences holds the questionnaires and results)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment import competences
from assessment.outcomes import current_set
from assessment.services.common import require_agency
from audit.services import record
from surveys.models import Campaign, CampaignMode, FollowUpWave

OPEN_DAYS = 60  # as long as a graduate follow-up invitation stays open


def _label(profession, months, year):
    with translation.override(settings.LANGUAGE_CODE):
        return _("Employers: competences in %(profession)s, %(months)s months after completion (%(year)s)") % {
            "profession": profession.name,
            "months": months,
            "year": year,
        }


@transaction.atomic
def open_competence_monitoring(actor, *, year, months, today=None):
    """For each centre and profession with graduates of `year` whose `months` follow-up wave is due, an
    open-link campaign of the profession's employer competence questionnaire (the centre passes the link
    to its graduates' employers). Safe to run repeatedly; returns the campaigns created."""
    require_agency(actor)
    today = today or timezone.localdate()
    due = (
        FollowUpWave.objects.filter(
            months=months,
            due_on__lte=today,
            graduate__completed_on__year=year,
            graduate__consent=True,
            graduate__course__isnull=False,
        )
        .values_list("graduate__centre_id", "graduate__course__profession_id")
        .distinct()
    )
    from activity.models import Profession

    professions = {p.pk: p for p in Profession.objects.filter(pk__in={p for _c, p in due})}
    created = []
    for centre_id, profession_id in sorted(set(due)):
        outcome_set = current_set(professions[profession_id], year)
        if outcome_set is None:
            continue
        questionnaire = competences.ensure_questionnaire(outcome_set)
        if Campaign.objects.filter(
            centre_id=centre_id, year=year, followup_months=months, version__questionnaire=questionnaire
        ).exists():
            continue
        created.append(
            Campaign.objects.create(
                centre_id=centre_id,
                version=questionnaire.current_version(),
                label=_label(outcome_set.profession, months, year),
                year=year,
                opens_on=today,
                closes_on=today + dt.timedelta(days=OPEN_DAYS),
                mode=CampaignMode.OPEN,
                followup_months=months,
                automatic=True,
                created_by=actor,
            )
        )
    for campaign in created:
        record(actor=actor, action="assessment_competence_campaign_opened", obj=campaign, centre=campaign.centre)
    return created
