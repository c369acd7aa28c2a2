"""The independent-assessment gap in the risk score over real assessment data: a sample with a cooks' and a
welders' session (assessment's own fixtures), the facts summed per centre, the RISK-2025 ranking."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activity.models import Profession
from assessment import services
from assessment.models import Affiliation
from assessment.tests.conftest import (  # noqa: F401  (fixtures)
    WELDER,
    YEAR,
    assessors,
    bella,
    cohort,
    cook,
    council,
    declare_clean,
    independent_centre,
    make_assessor,
    otto,
    run_session,
)
from conftest import make_centre
from control import risk
from control.models import RiskModel
from control.risk_data import facts_for_year
from control.tests.helpers import submitted_report


def _session(actor, body, sample, profession, people):
    session = services.plan_session(
        actor, body=body, sample=sample, profession=profession, held_on=dt.date(YEAR + 1, 3, 10), place="Пловдив"
    )
    for assessor in people:
        declare_clean(actor, session, assessor)
        services.assign_assessor(actor, session=session, assessor=assessor)
    return session


@pytest.fixture
def assessed(erin, bella, otto, council, independent_centre, cook, assessors, cohort, centre_a):  # noqa: F811
    """Every consenting graduate sampled. Cooks: 3 of centre A's 6 fail, B's 4 pass (A's own exams 9 of 10,
    B's 4 of 4). Welders (A only): 1 of 3 fails (A's own exams 3 of 3)."""
    sample = services.draw_sample(erin, year=YEAR, source="followup", size=13, min_per_centre=3, seed=5)
    cooks = _session(bella, council, sample, cook, assessors)
    failing = set(cooks.participants.filter(member__centre=centre_a).order_by("pk").values_list("pk", flat=True)[:3])

    def cooks_marks(participant, unit, component):
        return "2" if participant.pk in failing and unit == 0 and component == "practice" else "5"

    run_session(bella, cooks, cooks_marks, lambda p, u, c: "4", cooks_marks)
    welder = Profession.objects.get(code=WELDER)
    examiners = [
        make_assessor(independent_centre, "Огнян Дончев", Affiliation.EMPLOYER, [welder]),
        make_assessor(independent_centre, "Милена Асенова", Affiliation.TRADE_UNION, [welder]),
    ]
    welders = _session(otto, independent_centre, sample, welder, examiners)
    weak = welders.participants.order_by("pk").values_list("pk", flat=True).first()

    def welders_marks(participant, unit, component):
        return "not_achieved" if participant.pk == weak and unit == 0 else "achieved"

    run_session(otto, welders, welders_marks, welders_marks, welders_marks)
    return sample


def test_the_facts_sum_each_centre_over_the_professions_assessed(assessed, centre_a, centre_b):
    outsider = make_centre("100000077", "ЦПО Без оценяване")
    facts = {f.centre_id: f for f in facts_for_year(YEAR).centres}
    a, b = facts[centre_a.pk].assessment, facts[centre_b.pk].assessment
    assert (a.assessed, a.passed, a.own_admitted, a.own_passed) == (9, 5, 13, 12)
    assert (a.pass_rate, a.own_rate, a.gap) == (Decimal("55.6"), Decimal("92.3"), Decimal("36.7"))
    assert (b.assessed, b.passed, b.own_admitted, b.own_passed, b.gap) == (4, 4, 4, 4, Decimal("0.0"))
    assert facts[outsider.pk].assessment is None
    assert facts_for_year(YEAR - 1).centres[0].assessment is None  # another year's sample is not this one's


def test_the_2025_model_scores_the_gap_and_the_old_one_does_not(assessed, centre_a, centre_b):
    new = RiskModel.objects.get(code="RISK-2025")
    _model, ranking = risk.ranking_for_year(YEAR, model=new)
    by_id = {r.centre_id: r for r in ranking}
    gap_a = by_id[centre_a.pk].signal("assessment_gap")
    # (36,7 − 15) / (40 − 15) of the weight 8
    assert (gap_a.status, gap_a.value, gap_a.points) == ("on", Decimal("36.7"), Decimal("6.94"))
    assert "92,3 %" in gap_a.explanation and "55,6 %" in gap_a.explanation and "от 9 завършили" in gap_a.explanation
    assert by_id[centre_b.pk].signal("assessment_gap").status == "off"
    model, old = risk.ranking_for_year(YEAR)
    assert model.code == "RISK-2021" and old[0].signal("assessment_gap") is None


def test_the_ranking_reads_the_assessment_in_constant_queries(assessed):
    model = RiskModel.objects.get(code="RISK-2025")
    with CaptureQueriesContext(connection) as few:
        risk.ranking_for_year(YEAR, model=model)
    for i in range(10):
        submitted_report(make_centre(f"20000{i:04d}", f"ЦПО {i}"), YEAR, total="70")
    with CaptureQueriesContext(connection) as many:
        risk.ranking_for_year(YEAR, model=model)
    assert len(many) == len(few) <= 12
