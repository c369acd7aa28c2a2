"""The ranking's scores over a small fixture in the database that raises every signal somewhere.

The expected scores and points are literals recorded from a run of the ranking *before* its
speed-up (commit 35ed4ce, risk.py before the split into risk.py / risk_signals.py): the faster
queries and the lazy sentences must not change a single point. Beside the literals, invariants
that would catch a change however the fixture moves: each score is the sum of its points, each
point is the weight times the share rounded to cents, and the fast reading (no sentence) agrees
with the explained one signal by signal.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

import pytest
from django.utils import translation

from activity.models import ActivityReport
from centres.models import Centre, CentreKind
from conftest import make_centre
from control import risk
from control.models import Control, ControlKind, ControlType, Finding, RiskModel, State
from control.risk_signals import READERS
from control.tests.helpers import YEAR, submitted_report
from reports.deadlines import SOFIA
from reports.models import Answer, Status
from surveys.models import Answer as SurveyAnswer
from surveys.models import Campaign, CampaignMode, Channel, Invitation, Questionnaire, Response


def _survey(centre, *, invited, personal, open_answers, scores):
    """A personal campaign of `centre` for YEAR: invitations, responses, and Likert answers `scores` each."""
    version = Questionnaire.objects.get(code="trainee").versions.order_by("number").first()
    question = version.questions.order_by("order").first()
    campaign = Campaign.objects.create(
        centre=centre,
        version=version,
        label="Обучаеми",
        year=YEAR,
        opens_on=dt.date(YEAR, 9, 1),
        closes_on=dt.date(YEAR, 10, 1),
        mode=CampaignMode.PERSONAL,
    )
    Invitation.objects.bulk_create(Invitation(campaign=campaign) for _ in range(invited))
    responses = Response.objects.bulk_create(
        [Response(campaign=campaign, channel=Channel.PERSONAL) for _ in range(personal)]
        + [Response(campaign=campaign, channel=Channel.OPEN) for _ in range(open_answers)]
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=r, question=question, question_code=question.code, value=str(s), number=s)
        for r in responses
        for s in scores
    )


def _control(centre, *, ordered_on, ended_on, findings, state=State.CLOSED):
    control = Control.objects.create(
        centre=centre,
        year=ordered_on.year,
        state=state,
        kind=ControlKind.PERIODIC,
        type=ControlType.COMPLEX,
        ordered_on=ordered_on,
        check_ended_on=ended_on,
    )
    for klass, fulfilled in findings:
        Finding.objects.create(
            control=control,
            klass=klass,
            text="Констатация",
            recommendation="Препоръка",
            deadline=ordered_on + dt.timedelta(days=60),
            fulfilled=fulfilled,
        )
    return control


@pytest.fixture
def fixture(db):
    """Seven centres, each with a different mix of signals on, off and missing."""
    late = make_centre("300000001", "ЦПО Късно", licensed_on=dt.date(2012, 5, 1))
    submitted_report(late, YEAR - 1, total="85")
    report = submitted_report(late, YEAR, total="60", when=dt.datetime(YEAR + 1, 2, 10, 9, tzinfo=SOFIA))
    criteria = list(report.framework.criteria.order_by("order")[:3])
    Answer.objects.bulk_create(
        Answer(report=report, criterion=c, disagreement_reason="Данните са непълни." if i < 2 else "")
        for i, c in enumerate(criteria)
    )
    ActivityReport.objects.create(
        centre=late, year=YEAR, graduates_followed_up=40, graduates_employed=10, graduates_in_learning=5
    )
    _survey(late, invited=40, personal=15, open_answers=0, scores=(2, 5, 3))
    _control(
        late,
        ordered_on=dt.date(2021, 4, 1),
        ended_on=dt.date(2021, 4, 20),
        findings=[("substantial", None), ("irregularity", True), ("violation", False)],
    )

    returned = make_centre("300000002", "ЦПО Върнат", licensed_on=dt.date(2023, 6, 1))
    submitted_report(returned, YEAR - 1, total="90")
    submitted_report(returned, YEAR, total="30", status=Status.RETURNED)
    ActivityReport.objects.create(
        centre=returned, year=YEAR, graduates_followed_up=20, graduates_employed=15, graduates_in_learning=0
    )
    _survey(returned, invited=12, personal=11, open_answers=20, scores=(5, 4))

    rising = make_centre("300000003", "ЦПО Скок", licensed_on=dt.date(2016, 1, 10))
    submitted_report(rising, YEAR - 1, total="55")
    submitted_report(rising, YEAR, total="95")
    _survey(rising, invited=8, personal=5, open_answers=0, scores=(1,))
    # An older control and a later one: the later one (still in remedy, ended 2024) is the one that counts.
    _control(rising, ordered_on=dt.date(2018, 3, 1), ended_on=None, findings=[("substantial", False)] * 3)
    _control(
        rising,
        ordered_on=dt.date(2024, 2, 1),
        ended_on=dt.date(2024, 2, 20),
        findings=[("irregularity", None)],
        state=State.REMEDY,
    )
    # Planned and cancelled controls never reached the centre.
    _control(rising, ordered_on=dt.date(2024, 9, 1), ended_on=None, findings=[], state=State.CANCELLED)
    _control(
        rising, ordered_on=dt.date(2024, 10, 1), ended_on=None, findings=[("substantial", None)], state=State.PLANNED
    )

    zero = make_centre("300000004", "ЦПО Нулев", licensed_on=dt.date(2010, 2, 1))
    submitted_report(zero, YEAR, total="0", zero_value=True)

    make_centre("300000005", "ЦПО Без доклад", licensed_on=dt.date(2019, 9, 9))

    guidance = make_centre("300000006", "ЦИПО Насока", kind=CentreKind.CIPO, licensed_on=dt.date(2020, 1, 1))
    submitted_report(guidance, YEAR - 1, total=None)
    submitted_report(guidance, YEAR, total=None)
    _control(guidance, ordered_on=dt.date(2022, 6, 1), ended_on=dt.date(2022, 6, 30), findings=[])

    # Two controls ended on the same day: the one selected in the later year is the last control.
    tied = make_centre("300000008", "ЦПО Равни", licensed_on=dt.date(2014, 4, 4))
    submitted_report(tied, YEAR, total="70")
    _control(tied, ordered_on=dt.date(2023, 3, 1), ended_on=dt.date(2023, 5, 1), findings=[("substantial", None)])
    _control(tied, ordered_on=dt.date(2022, 3, 1), ended_on=dt.date(2023, 5, 1), findings=[])

    # Licensed only after the year: not ranked.
    make_centre("300000007", "ЦПО Нов", licensed_on=dt.date(YEAR + 1, 1, 5))


# Recorded from the ranking before the speed-up: {licence: (rank, score, {signal: (status, value, points)})}.
BEFORE = {
    "300000005": (
        1,
        "59.50",
        {
            "report_missing": ("on", True, "20.00"),
            "report_late": ("n/a", None, "0.00"),
            "zero_value": ("missing", None, "3.00"),
            "returned_not_corrected": ("missing", None, "5.00"),
            "low_total": ("missing", None, "6.00"),
            "total_fall": ("missing", None, "2.00"),
            "total_rise": ("missing", None, "1.50"),
            "level_disagreement": ("missing", None, "4.00"),
            "survey_response_rate": ("missing", None, "2.00"),
            "survey_satisfaction": ("missing", None, "3.00"),
            "graduate_placement": ("missing", None, "3.00"),
            "years_since_control": ("on", 5, "10.00"),
            "last_control_findings": ("off", 0, "0.00"),
            "new_licence": ("off", 5, "0.00"),
        },
    ),
    "300000001": (
        2,
        "39.83",
        {
            "report_missing": ("off", False, "0.00"),
            "report_late": ("on", 10, "1.33"),
            "zero_value": ("off", False, "0.00"),
            "returned_not_corrected": ("off", False, "0.00"),
            "low_total": ("off", Decimal("60.00"), "0.00"),
            "total_fall": ("on", Decimal("25.00"), "8.00"),
            "total_rise": ("off", Decimal("-25.00"), "0.00"),
            "level_disagreement": ("on", 2, "4.00"),
            "survey_response_rate": ("on", Decimal("37.5"), "1.00"),
            "survey_satisfaction": ("missing", None, "3.00"),
            "graduate_placement": ("on", Decimal("37.5"), "1.50"),
            "years_since_control": ("on", 3, "6.00"),
            "last_control_findings": ("on", Decimal("13"), "15.00"),
            "new_licence": ("off", 12, "0.00"),
        },
    ),
    "300000004": (
        3,
        "39.50",
        {
            "report_missing": ("off", False, "0.00"),
            "report_late": ("off", 0, "0.00"),
            "zero_value": ("on", True, "6.00"),
            "returned_not_corrected": ("off", False, "0.00"),
            "low_total": ("on", Decimal("0.00"), "12.00"),
            "total_fall": ("missing", None, "2.00"),
            "total_rise": ("missing", None, "1.50"),
            "level_disagreement": ("off", 0, "0.00"),
            "survey_response_rate": ("missing", None, "2.00"),
            "survey_satisfaction": ("missing", None, "3.00"),
            "graduate_placement": ("missing", None, "3.00"),
            "years_since_control": ("on", 14, "10.00"),
            "last_control_findings": ("off", 0, "0.00"),
            "new_licence": ("off", 14, "0.00"),
        },
    ),
    "300000002": (
        4,
        "31.00",
        {
            "report_missing": ("off", False, "0.00"),
            "report_late": ("off", 0, "0.00"),
            "zero_value": ("off", False, "0.00"),
            "returned_not_corrected": ("on", True, "10.00"),
            "low_total": ("on", Decimal("30.00"), "6.00"),
            "total_fall": ("on", Decimal("60.00"), "8.00"),
            "total_rise": ("off", Decimal("-60.00"), "0.00"),
            "level_disagreement": ("off", 0, "0.00"),
            "survey_response_rate": ("off", Decimal("91.7"), "0.00"),
            "survey_satisfaction": ("off", Decimal("100.0"), "0.00"),
            "graduate_placement": ("off", Decimal("75.0"), "0.00"),
            "years_since_control": ("on", 1, "2.00"),
            "last_control_findings": ("off", 0, "0.00"),
            "new_licence": ("on", 1, "5.00"),
        },
    ),
    "300000008": (
        5,
        "25.17",
        {
            "report_missing": ("off", False, "0.00"),
            "report_late": ("off", 0, "0.00"),
            "zero_value": ("off", False, "0.00"),
            "returned_not_corrected": ("off", False, "0.00"),
            "low_total": ("off", Decimal("70.00"), "0.00"),
            "total_fall": ("missing", None, "2.00"),
            "total_rise": ("missing", None, "1.50"),
            "level_disagreement": ("off", 0, "0.00"),
            "survey_response_rate": ("missing", None, "2.00"),
            "survey_satisfaction": ("missing", None, "3.00"),
            "graduate_placement": ("missing", None, "3.00"),
            "years_since_control": ("on", 1, "2.00"),
            "last_control_findings": ("on", Decimal("7"), "11.67"),
            "new_licence": ("off", 10, "0.00"),
        },
    ),
    "300000003": (
        6,
        "20.67",
        {
            "report_missing": ("off", False, "0.00"),
            "report_late": ("off", 0, "0.00"),
            "zero_value": ("off", False, "0.00"),
            "returned_not_corrected": ("off", False, "0.00"),
            "low_total": ("off", Decimal("95.00"), "0.00"),
            "total_fall": ("off", Decimal("-40.00"), "0.00"),
            "total_rise": ("on", Decimal("40.00"), "6.00"),
            "level_disagreement": ("off", 0, "0.00"),
            "survey_response_rate": ("missing", None, "2.00"),
            "survey_satisfaction": ("missing", None, "3.00"),
            "graduate_placement": ("missing", None, "3.00"),
            "years_since_control": ("off", 0, "0.00"),
            "last_control_findings": ("on", Decimal("4"), "6.67"),
            "new_licence": ("off", 8, "0.00"),
        },
    ),
    "300000006": (
        7,
        "12.50",
        {
            "report_missing": ("off", False, "0.00"),
            "report_late": ("off", 0, "0.00"),
            "zero_value": ("off", False, "0.00"),
            "returned_not_corrected": ("off", False, "0.00"),
            "low_total": ("n/a", None, "0.00"),
            "total_fall": ("missing", None, "2.00"),
            "total_rise": ("missing", None, "1.50"),
            "level_disagreement": ("off", 0, "0.00"),
            "survey_response_rate": ("missing", None, "2.00"),
            "survey_satisfaction": ("missing", None, "3.00"),
            "graduate_placement": ("n/a", None, "0.00"),
            "years_since_control": ("on", 2, "4.00"),
            "last_control_findings": ("off", 0, "0.00"),
            "new_licence": ("off", 4, "0.00"),
        },
    ),
}


def _points(weight, share):
    return (Decimal(weight) * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_scores_and_points_are_those_of_the_ranking_before_its_speed_up(fixture):
    model, ranking = risk.ranking_for_year(YEAR)
    assert model.code == "RISK-2021"
    got = {
        r.licence_number: (
            r.rank,
            format(r.score, "f"),
            {s.code: (s.status, s.value, format(s.points, "f")) for s in r.signals},
        )
        for r in ranking
    }
    assert got == BEFORE


@pytest.mark.parametrize("code", ["RISK-2021", "RISK-2025"])
def test_each_score_is_the_sum_of_weight_times_share(fixture, code):
    model = RiskModel.objects.get(code=code)
    _model, ranking = risk.ranking_for_year(YEAR, model=model)
    weights = {s["code"]: Decimal(s["weight"]) for s in model.signals}
    missing = {s["code"]: Decimal(s.get("missing_share", "0.5")) for s in model.signals}
    thresholds = {s["code"]: {k: Decimal(v) for k, v in (s.get("thresholds") or {}).items()} for s in model.signals}
    deadline = dt.datetime(YEAR + 1, 2, 1, tzinfo=SOFIA)
    assert len(ranking) == 7
    for r in ranking:
        assert r.score == sum(s.points for s in r.signals)
        assert [s.code for s in r.signals] == [s["code"] for s in model.signals]
        for s in r.signals:
            status, value, share, text = READERS[s.code](r.facts, YEAR, deadline, thresholds[s.code])
            assert (s.status, s.value) == (status, value)
            expected = _points(weights[s.code], missing[s.code] if status == "missing" else share)
            assert s.points == expected, (r.licence_number, s.code)
            assert str(text) in s.explanation
    assert [r.rank for r in ranking] == list(range(1, 8))
    assert all((a.score, b.licence_number) >= (b.score, a.licence_number) for a, b in pairwise(ranking))


SENTENCES_BEFORE = {
    "report_missing": "The report for 2024 was submitted.",
    "report_late": "Submitted 10 days after the deadline.",
    "zero_value": "The centre reported training in 2024.",
    "returned_not_corrected": "The report is not waiting for a correction.",
    "low_total": "Total 60 of 100 points (60 %); the bar is 60 %.",
    "total_fall": "Total 60 points against 85 last year (threshold: a fall of 15).",
    "total_rise": "Total 60 points against 85 last year (a rise above 25 is implausible).",
    "level_disagreement": "2 criteria with a level the centre's own activity and survey data do not support.",
    "survey_response_rate": "15 of 40 invited answered (37,5 %); the bar is 50 %.",
    "survey_satisfaction": (
        "No survey results usable under the publication rule for 2024 (15 answers). "
        "Missing data counts as 50 % of the weight."
    ),
    "graduate_placement": "15 of 40 graduates followed up in work or learning (37,5 %); the bar is 50 %.",
    "years_since_control": "Last control 3 years ago (20.04.2021).",
    "last_control_findings": (
        "Last control: 2 open recommendations; 1 substantial violations, 1 violations, 1 irregularities."
    ),
    "new_licence": "Licensed on 01.05.2012 (12 years before 2024).",
}


def test_the_sentences_are_those_of_the_ranking_before_its_speed_up(fixture):
    with translation.override("en"):
        _model, ranking = risk.ranking_for_year(YEAR)
        late = next(r for r in ranking if r.licence_number == "300000001")
        assert {s.code: s.explanation for s in late.signals} == SENTENCES_BEFORE


def test_a_centre_scores_the_same_ranked_with_its_kind_or_with_the_whole_year(fixture):
    """The ranking page's filters read the facts of fewer centres through the same statements."""
    _model, whole = risk.ranking_for_year(YEAR)
    cpo = Centre.objects.licensed_on(dt.date(YEAR, 12, 31)).filter(kind=CentreKind.CPO)
    _model, part = risk.ranking_for_year(YEAR, centres=cpo)
    everything = {
        r.licence_number: (r.score, [(s.code, s.status, s.value, s.points) for s in r.signals]) for r in whole
    }
    assert {r.licence_number for r in part} == {n for n in everything if n != "300000006"}
    for r in part:
        assert (r.score, [(s.code, s.status, s.value, s.points) for s in r.signals]) == everything[r.licence_number]
