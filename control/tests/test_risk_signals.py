"""Each signal on, off and with missing data, as pure functions over CentreFacts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from control import risk
from control.risk_data import CentreFacts, ControlFacts, ReportFacts, days_after
from control.risk_signals import READERS, Reading
from reports.deadlines import SOFIA

YEAR = 2024
DEADLINE = dt.datetime(2025, 2, 1, tzinfo=SOFIA)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def report(total="80", status="submitted", zero=False, days_late=0):
    return ReportFacts(
        status=status,
        submitted=True,
        zero_value=zero,
        total=None if total is None else Decimal(total),
        max_total=Decimal(100),
        scored=total is not None,
        days_late=days_late,
    )


def facts(**extra):
    base = {
        "centre_id": 1,
        "licence_number": "200812001",
        "name": "ЦПО",
        "kind": "CPO",
        "region": "Пловдив",
        "licensed_on": dt.date(2015, 3, 1),
    }
    base.update(extra)
    return CentreFacts(**base)


def read(code, f, **t):
    return Reading(*READERS[code](f, YEAR, DEADLINE, {k: Decimal(str(v)) for k, v in t.items()}))


def test_report_missing_on_and_off():
    assert read("report_missing", facts()).status == "on"
    assert read("report_missing", facts(report=report())).status == "off"


def test_report_late_counts_days():
    assert days_after(dt.datetime(2025, 2, 15, 10, tzinfo=SOFIA), DEADLINE) == 15
    assert days_after(DEADLINE, DEADLINE) == 1  # the deadline is the first late instant: day 1
    assert days_after(DEADLINE - dt.timedelta(microseconds=1), DEADLINE) == 0
    late = read("report_late", facts(report=report(days_late=15)), full_at_days=30)
    assert late.status == "on" and late.value == 15
    assert late.share == Decimal(15) / Decimal(30)
    assert "15 days after the deadline" in late.explanation
    assert read("report_late", facts(report=report()), full_at_days=30).status == "off"
    assert read("report_late", facts(), full_at_days=30).status == "n/a"


def test_zero_value_on_off_missing():
    assert read("zero_value", facts(report=report(zero=True))).status == "on"
    assert read("zero_value", facts(report=report())).status == "off"
    assert read("zero_value", facts()).status == "missing"


def test_returned_not_corrected():
    assert read("returned_not_corrected", facts(report=report(status="returned"))).status == "on"
    assert read("returned_not_corrected", facts(report=report(status="approved"))).status == "off"
    assert read("returned_not_corrected", facts()).status == "missing"


def test_low_total_scales_below_the_bar():
    low = read("low_total", facts(report=report("30")), below_share="0.6")
    assert low.status == "on" and low.share == Decimal("0.5")
    assert "30 of 100 points (30 %)" in low.explanation
    assert read("low_total", facts(report=report("75")), below_share="0.6").status == "off"
    assert read("low_total", facts(), below_share="0.6").status == "missing"
    assert read("low_total", facts(report=report(None)), below_share="0.6").status == "n/a"


def test_total_fall_and_rise():
    f = facts(report=report("50"), previous_total=Decimal("80"))
    assert read("total_fall", f, fall_points=15).status == "on"
    assert read("total_rise", f, rise_points=25).status == "off"
    g = facts(report=report("95"), previous_total=Decimal("60"))
    assert read("total_rise", g, rise_points=25).status == "on"
    assert read("total_fall", g, fall_points=15).status == "off"
    assert read("total_fall", facts(report=report("50")), fall_points=15).status == "missing"


def test_level_disagreement():
    on = read("level_disagreement", facts(report=report(), disagreements=2), full_at=4)
    assert on.status == "on" and on.share == Decimal("0.5")
    assert read("level_disagreement", facts(report=report()), full_at=4).status == "off"
    assert read("level_disagreement", facts(), full_at=4).status == "missing"


def test_survey_response_rate_only_when_usable():
    on = read("survey_response_rate", facts(survey_answers=20, survey_invited=80, survey_personal=20), below_percent=50)
    assert on.status == "on" and on.value == Decimal("25.0")
    many = facts(survey_answers=60, survey_invited=80, survey_personal=60)
    off = read("survey_response_rate", many, below_percent=50)
    assert off.status == "off"
    few = read("survey_response_rate", facts(survey_answers=5, survey_invited=8, survey_personal=5), below_percent=50)
    assert few.status == "missing" and "too few" in few.explanation
    assert read("survey_response_rate", facts(), below_percent=50).status == "missing"


def test_survey_satisfaction_follows_the_publication_rule():
    usable = {"survey_answers": 30, "survey_invited": 0, "survey_personal": 0}
    on = read("survey_satisfaction", facts(likert_total=100, likert_satisfied=40, **usable), below_percent=70)
    assert on.status == "on"
    off = read("survey_satisfaction", facts(likert_total=100, likert_satisfied=90, **usable), below_percent=70)
    assert off.status == "off"
    # 30 answers but only 10 of 100 invited answered: under the rule the results may not be used.
    unusable = facts(survey_answers=30, survey_invited=100, survey_personal=10, likert_total=100, likert_satisfied=40)
    assert read("survey_satisfaction", unusable, below_percent=70).status == "missing"


def test_graduate_placement():
    on = read("graduate_placement", facts(graduates_followed_up=40, graduates_placed=10), below_percent=50)
    assert on.status == "on" and on.value == Decimal("25.0")
    off = read("graduate_placement", facts(graduates_followed_up=40, graduates_placed=30), below_percent=50)
    assert off.status == "off"
    assert read("graduate_placement", facts(), below_percent=50).status == "missing"
    assert read("graduate_placement", facts(kind="CIPO"), below_percent=50).status == "n/a"


def test_years_since_control():
    never = read("years_since_control", facts(), full_at_years=5)
    assert never.status == "on" and never.share == 1 and "Never controlled" in never.explanation
    recent = facts(last_control=ControlFacts(ended_on=dt.date(2024, 5, 1)))
    assert read("years_since_control", recent, full_at_years=5).status == "off"
    old = facts(last_control=ControlFacts(ended_on=dt.date(2022, 5, 1)))
    reading = read("years_since_control", old, full_at_years=5)
    assert reading.status == "on" and reading.share == Decimal("0.4")


def test_last_control_findings_open_recommendations_weigh_most():
    t = {"open_recommendation": 3, "substantial": 4, "violation": 2, "irregularity": 1, "full_at": 9}
    closed = ControlFacts(ended_on=dt.date(2023, 1, 1), open_recommendations=0, by_class={"irregularity": 2})
    still_open = ControlFacts(ended_on=dt.date(2023, 1, 1), open_recommendations=2, by_class={"irregularity": 2})
    a = read("last_control_findings", facts(last_control=closed), **t)
    b = read("last_control_findings", facts(last_control=still_open), **t)
    assert a.status == b.status == "on"
    assert b.share > a.share
    assert read("last_control_findings", facts(), **t).status == "off"


def test_new_licence():
    assert read("new_licence", facts(licensed_on=dt.date(2023, 6, 1)), years=2).status == "on"
    assert read("new_licence", facts(), years=2).status == "off"


def test_missing_data_is_weighted_not_zero():
    signals = [{"code": "zero_value", "weight": "10", "missing_share": "0.3"}]
    result = risk.score_centre(facts(), signals, YEAR, DEADLINE)
    zero = result.signal("zero_value")
    assert zero.status == "missing"
    assert zero.points == Decimal("3.00")
    assert "Missing data counts as 30 %" in zero.explanation
    assert result.score == Decimal("3.00")


def test_points_are_weight_times_share():
    signals = [
        {"code": "report_missing", "weight": "20"},
        {"code": "low_total", "weight": "12", "thresholds": {"below_share": "0.6"}},
    ]
    result = risk.score_centre(facts(report=report("30")), signals, YEAR, DEADLINE)
    assert result.signal("report_missing").points == Decimal("0.00")
    assert result.signal("low_total").points == Decimal("6.00")
    assert result.score == Decimal("6.00")


def independent(assessed, passed, own_admitted, own_passed):
    from assessment.findings import CentreTotal

    return CentreTotal(centre_id=1, assessed=assessed, passed=passed, own_admitted=own_admitted, own_passed=own_passed)


GAP_BAND = {"from_points": 15, "full_at_points": 40}


def test_assessment_gap_below_the_band_is_off():
    reading = read("assessment_gap", facts(assessment=independent(10, 7, 10, 8)), **GAP_BAND)  # 80 − 70
    assert (reading.status, reading.value, reading.share) == ("off", Decimal("10.0"), 0)
    at_start = read("assessment_gap", facts(assessment=independent(20, 15, 10, 9)), **GAP_BAND)  # 90 − 75
    assert (at_start.status, at_start.value) == ("off", Decimal("15.0"))


def test_assessment_gap_between_counts_linearly_with_the_figures():
    reading = read("assessment_gap", facts(assessment=independent(16, 10, 20, 18)), **GAP_BAND)  # 90 − 62,5
    assert (reading.status, reading.value, reading.share) == ("on", Decimal("27.5"), Decimal("0.5"))
    assert reading.explanation == (
        "Own exams 90 % passed, the independent assessment 62,5 % of 16 graduates: "
        "a gap of 27,5 points (counts from 15, fully at 40)."
    )


def test_assessment_gap_above_full_weighs_fully():
    reading = read("assessment_gap", facts(assessment=independent(10, 5, 10, 10)), **GAP_BAND)  # 100 − 50
    assert (reading.status, reading.value, reading.share) == ("on", Decimal("50.0"), 1)
    signals = [{"code": "assessment_gap", "weight": "8", "thresholds": GAP_BAND}]
    assert risk.score_centre(facts(assessment=independent(10, 5, 10, 10)), signals, YEAR, DEADLINE).score == 8
    half = risk.score_centre(facts(assessment=independent(16, 10, 20, 18)), signals, YEAR, DEADLINE)
    assert half.signal("assessment_gap").points == Decimal("4.00")


def test_a_centre_not_assessed_is_not_missing_data():
    signals = [{"code": "assessment_gap", "weight": "8", "missing_share": "0.5", "thresholds": GAP_BAND}]
    result = risk.score_centre(facts(), signals, YEAR, DEADLINE)
    gap = result.signal("assessment_gap")
    assert (gap.status, gap.points, result.score) == ("n/a", Decimal("0.00"), 0)
    assert gap.explanation == "Not in the independent assessment of 2024."


def test_assessed_without_own_exam_figures_is_missing():
    reading = read("assessment_gap", facts(assessment=independent(6, 3, 0, 0)), **GAP_BAND)
    assert reading.status == "missing"
    assert "6 graduates assessed independently" in reading.explanation
