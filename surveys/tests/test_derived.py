from decimal import Decimal

import pytest

from frameworks.derived import derived_levels, metric_for
from frameworks.models import Framework
from surveys import services
from surveys.models import CampaignMode

from .conftest import YEAR, answer, make_campaign, trainee_values


def _trainee_answers(campaign, satisfied, dissatisfied):
    for _ in range(satisfied):
        answer(campaign, trainee_values(5))
    for _ in range(dissatisfied):
        answer(campaign, trainee_values(2))


@pytest.fixture
def cpo(db):
    return Framework.objects.get(code="CPO-2018")


def test_trainee_admin_satisfaction_is_none_below_ten_answers(eddie):
    _trainee_answers(make_campaign(eddie), 9, 0)
    assert metric_for("trainee_admin_satisfaction", eddie.centre, YEAR) is None


def test_trainee_admin_satisfaction_from_ten_answers(eddie):
    _trainee_answers(make_campaign(eddie), 9, 1)
    metric = metric_for("trainee_admin_satisfaction", eddie.centre, YEAR)
    assert metric.value == Decimal("90")
    assert metric.basis == "9 от 10 отговора"
    assert metric.source == "surveys"


@pytest.mark.parametrize(
    ("satisfied", "dissatisfied", "points"),
    [(11, 9, Decimal("1")), (12, 8, Decimal("3.5")), (17, 3, Decimal("3.5")), (18, 2, Decimal("7"))],
)
def test_derived_level_of_2_11_at_each_threshold(eddie, cpo, satisfied, dissatisfied, points):
    # 55 %, 60 % (from 60), 85 % (not above 85), 90 %
    _trainee_answers(make_campaign(eddie), satisfied, dissatisfied)
    levels = derived_levels(cpo, eddie.centre, YEAR)
    assert levels["2.11"].points == points


def test_personal_campaign_below_half_response_rate_gives_no_level(eddie, cpo):
    campaign = make_campaign(eddie, mode=CampaignMode.PERSONAL)
    links = services.generate_links(eddie, campaign, 21)
    for invitation in links[:10]:
        answer(campaign, trainee_values(5), invitation=invitation)
    assert "2.11" not in derived_levels(cpo, eddie.centre, YEAR)
    answer(campaign, trainee_values(5), invitation=links[10])  # 11 of 21 ≥ 50 %
    assert derived_levels(cpo, eddie.centre, YEAR)["2.11"].points == Decimal("7")


def test_graduate_and_employer_satisfaction(eddie, cpo):
    graduates = make_campaign(eddie, code="graduate")
    for i in range(10):
        answer(graduates, {"employment": "occupation", "relevance": 4, "satisfaction": 5 if i < 7 else 3})
    employers = make_campaign(eddie, code="employer")
    for i in range(10):
        answer(employers, {"skills": 5, "partnership": 4 if i < 9 else 1})
    levels = derived_levels(cpo, eddie.centre, YEAR)
    assert levels["2.12"].metric.value == Decimal("70") and levels["2.12"].points == Decimal("3.5")
    assert levels["3.2"].metric.value == Decimal("95") and levels["3.2"].metric.basis == "19 от 20 отговора"
    assert levels["3.2"].points == Decimal("7")


def test_placement_rate_counts_the_12_month_wave_only(eddie, cpo):
    six = make_campaign(eddie, code="graduate", followup_months=6)
    twelve = make_campaign(eddie, code="graduate", followup_months=12)
    for _ in range(10):
        answer(six, {"employment": "unemployed", "relevance": 3, "satisfaction": 3})
    values = ["occupation"] * 5 + ["other_job", "learning", "unemployed", "unemployed", "other"]
    for value in values:
        answer(twelve, {"employment": value, "relevance": 4, "satisfaction": 4})
    metric = metric_for("placement_rate_12m", eddie.centre, YEAR)
    assert metric.value == Decimal("70") and metric.source == "surveys"
    assert derived_levels(cpo, eddie.centre, YEAR)["3.1"].points == Decimal("4")  # 70 is not above 70


def test_placement_rate_below_threshold_leaves_the_rule_to_other_providers(eddie):
    twelve = make_campaign(eddie, code="graduate", followup_months=12)
    for _ in range(9):
        answer(twelve, {"employment": "occupation", "relevance": 4, "satisfaction": 4})
    metric = metric_for("placement_rate_12m", eddie.centre, YEAR)
    assert metric is None or metric.source != "surveys"


def test_other_centre_and_other_year_are_not_counted(eddie, boris):
    _trainee_answers(make_campaign(eddie, year=YEAR - 1), 10, 0)
    assert metric_for("trainee_admin_satisfaction", eddie.centre, YEAR) is None
    assert metric_for("trainee_admin_satisfaction", boris.centre, YEAR - 1) is None
