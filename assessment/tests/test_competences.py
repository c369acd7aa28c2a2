"""Employers rate graduates per unit of learning outcomes at the follow-up waves, under the surveys' thresholds."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from assessment import competences, services
from assessment.models import CompetenceQuestionnaire, OutcomeSet
from assessment.tests.conftest import COOK, YEAR
from surveys import services as survey_services
from surveys.models import Questionnaire, QuestionnaireKind

DUE = dt.date(YEAR + 1, 1, 15)  # the 6-month wave of June graduates is due


@pytest.fixture
def waves(cohort):
    """register_graduates schedules the waves; the cohort fixture's graduates were created directly."""
    from dateutil.relativedelta import relativedelta

    from surveys.models import FollowUpWave, Graduate

    FollowUpWave.objects.bulk_create(
        FollowUpWave(graduate=g, months=m, due_on=g.completed_on + relativedelta(months=m))
        for g in Graduate.objects.all()
        for m in (6, 12)
    )


def _answer(campaign, value, times):
    questions = list(campaign.version.questions.all())
    for _ in range(times):
        cleaned = {f"q_{q.code}": value for q in questions if q.type == "likert"}
        survey_services.submit_response(campaign, questions, cleaned, today=DUE)


def test_the_questionnaire_asks_about_each_unit_of_the_profession(db):
    outcome_set = OutcomeSet.objects.get(profession__code=COOK)
    questionnaire = competences.ensure_questionnaire(outcome_set)
    assert questionnaire.kind == QuestionnaireKind.EMPLOYER
    codes = list(questionnaire.current_version().questions.values_list("code", flat=True))
    assert codes == [competences.question_code(u) for u in outcome_set.units.all()] + ["comment"]
    assert competences.ensure_questionnaire(outcome_set) == questionnaire  # loaded once
    # The general employer questionnaire stays the last of its kind (the surveys demo picks it that way).
    assert list(Questionnaire.objects.filter(kind="employer").order_by("code"))[-1].code == "employer"


def test_campaigns_open_per_centre_and_profession_when_the_wave_is_due(erin, waves, centre_a, centre_b):
    assert services.open_competence_monitoring(erin, year=YEAR, months=6, today=DUE - dt.timedelta(days=60)) == []
    created = services.open_competence_monitoring(erin, year=YEAR, months=6, today=DUE)
    pairs = {(c.centre_id, c.version.questionnaire.competence_outcomes.outcome_set.profession.code) for c in created}
    assert pairs == {(centre_a.pk, "811070"), (centre_a.pk, "521110"), (centre_b.pk, "811070")}
    assert all(c.followup_months == 6 for c in created)
    assert services.open_competence_monitoring(erin, year=YEAR, months=6, today=DUE) == []  # safe to rerun
    assert CompetenceQuestionnaire.objects.count() == 2


def test_only_the_agency_opens_monitoring(dora, waves):
    with pytest.raises(PermissionDenied):
        services.open_competence_monitoring(dora, year=YEAR, months=6, today=DUE)


def test_ratings_are_shown_only_above_the_publication_threshold(erin, waves, centre_a, centre_b):
    created = services.open_competence_monitoring(erin, year=YEAR, months=6, today=DUE)
    cook_a = next(c for c in created if c.centre_id == centre_a.pk and "811070" in c.version.questionnaire.code)
    cook_b = next(c for c in created if c.centre_id == centre_b.pk)
    _answer(cook_a, 4, 6)
    _answer(cook_a, 5, 4)
    _answer(cook_b, 2, 3)
    ratings = competences.employer_ratings(YEAR)
    a_rows = [r for r in ratings if r.centre_id == centre_a.pk and r.profession.startswith("811070")]
    b_rows = [r for r in ratings if r.centre_id == centre_b.pk]
    assert len(a_rows) == 6 and all(r.enough and r.average == Decimal("4.40") and r.answers == 10 for r in a_rows)
    assert b_rows and all(not r.enough and r.average is None for r in b_rows)


def test_ratings_nationally_pool_the_centres(erin, waves, centre_a, centre_b):
    created = services.open_competence_monitoring(erin, year=YEAR, months=6, today=DUE)
    cooks = [c for c in created if "811070" in c.version.questionnaire.code]
    _answer(cooks[0], 4, 6)
    _answer(cooks[1], 2, 4)  # alone each centre is below the threshold of 10; together they reach it
    national = [r for r in competences.employer_ratings(YEAR, national=True) if r.profession.startswith("811070")]
    assert national and all(r.centre_id is None and r.enough and r.average == Decimal("3.20") for r in national)
    assert not any(r.enough for r in competences.employer_ratings(YEAR))
