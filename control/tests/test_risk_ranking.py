"""The ranking over data in the database: facts in grouped queries, weights from the data file, stable order."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from conftest import make_centre
from control import risk
from control.loader import load_risk_model
from control.models import RiskModel
from control.tests.helpers import YEAR, risk_model_data, submitted_report
from reports.deadlines import SOFIA
from reports.models import Status


@pytest.fixture
def centres(db):
    good = make_centre("100000001", "ЦПО Добро")
    late = make_centre("100000002", "ЦПО Късно")
    none = make_centre("100000003", "ЦПО Без доклад")
    submitted_report(good, YEAR - 1, total="85")
    submitted_report(good, YEAR, total="88")
    submitted_report(late, YEAR - 1, total="90")
    submitted_report(late, YEAR, total="40", status=Status.RETURNED, when=dt.datetime(YEAR + 1, 3, 2, 9, tzinfo=SOFIA))
    return good, late, none


def test_ranking_orders_by_score_and_explains(centres):
    good, late, none = centres
    model, ranking = risk.ranking_for_year(YEAR)
    assert model.code == "RISK-2021"
    by_licence = {r.licence_number: r for r in ranking}
    assert by_licence[late.licence_number].signal("report_late").value == 30
    assert by_licence[late.licence_number].signal("returned_not_corrected").status == "on"
    assert by_licence[late.licence_number].signal("total_fall").status == "on"
    assert by_licence[none.licence_number].signal("report_missing").status == "on"
    assert by_licence[good.licence_number].score < by_licence[late.licence_number].score
    assert ranking[-1].licence_number == good.licence_number
    assert [r.rank for r in ranking] == [1, 2, 3]
    for r in ranking:
        assert r.score == sum(s.points for s in r.signals)
        assert all(s.explanation for s in r.signals)


def test_equal_scores_rank_by_licence_number(db):
    for licence in ("100000009", "100000005", "100000007"):
        make_centre(licence, f"ЦПО {licence}")
    _model, ranking = risk.ranking_for_year(YEAR)
    assert [r.licence_number for r in ranking] == ["100000005", "100000007", "100000009"]
    assert len({r.score for r in ranking}) == 1


def test_weights_come_from_the_loaded_model(centres):
    _good, _late, none = centres
    heavy = load_risk_model(risk_model_data("RISK-HEAVY", report_missing="99"))
    _m, ranking = risk.ranking_for_year(YEAR, model=heavy)
    top = ranking[0]
    assert top.licence_number == none.licence_number
    assert top.signal("report_missing").points == Decimal("99.00")
    default = RiskModel.objects.get(code="RISK-2021")
    _m, ranking = risk.ranking_for_year(YEAR, model=default)
    assert next(r for r in ranking if r.licence_number == none.licence_number).signal(
        "report_missing"
    ).points == Decimal("20.00")


def test_ranking_runs_in_constant_queries(centres, django_assert_max_num_queries):
    for i in range(10):
        submitted_report(make_centre(f"20000{i:04d}", f"ЦПО {i}"), YEAR, total="70")
    with django_assert_max_num_queries(12):
        risk.ranking_for_year(YEAR)


def test_control_risk_command_writes_json(centres, tmp_path):
    out = tmp_path / "ranking.json"
    call_command("control_risk", "--year", str(YEAR), "--format", "json", "--out", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["risk_model"] == "RISK-2021"
    first = data["centres"][0]
    assert set(first) >= {"licence_number", "score", "rank", "signals"}
    assert set(first["signals"][0]) >= {"code", "weight", "value", "points", "explanation"}
    assert [c["rank"] for c in data["centres"]] == [1, 2, 3]


def test_control_risk_command_writes_csv(centres, tmp_path):
    out = tmp_path / "ranking.csv"
    call_command("control_risk", "--year", str(YEAR), "--format", "csv", "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("rank,licence_number,name")
    assert len(lines) == 1 + 3 * len(RiskModel.objects.get(code="RISK-2021").signals)


def test_a_ranking_reads_todays_data_through_the_statements_kept_for_the_year(centres):
    """The year's statements are built once per process (risk_data._year_statements) and never evaluated
    themselves: a second ranking sees what changed since the first."""
    _good, _late, none = centres
    _model, before = risk.ranking_for_year(YEAR)
    assert next(r for r in before if r.licence_number == none.licence_number).signal("report_missing").status == "on"
    submitted_report(none, YEAR, total="75")
    _model, after = risk.ranking_for_year(YEAR)
    assert next(r for r in after if r.licence_number == none.licence_number).signal("report_missing").status == "off"
    assert len(after) == len(before) == 3
