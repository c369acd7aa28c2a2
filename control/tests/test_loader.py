import copy

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from control.loader import BUNDLED_DIR, ControlFileError, load_checklist, load_risk_model, read_file
from control.models import Checklist, ChecklistItem, RiskModel
from control.tests.helpers import risk_model_data


@pytest.fixture(autouse=True)
def _english():
    # The problems are asserted by their English text; their Bulgarian is the catalogue's business.
    with translation.override("en"):
        yield


def _cpo():
    data = read_file(BUNDLED_DIR / "checklist-PK-CPO-2021.json")
    data["code"] = "PK-TEST"
    return data


def test_bundled_data_is_loaded_after_migrate(db):
    assert RiskModel.objects.filter(code="RISK-2021").exists()
    cpo = Checklist.objects.get(code="PK-CPO-2021")
    cipo = Checklist.objects.get(code="PK-CIPO-2021")
    assert cpo.kind == "CPO" and cipo.kind == "CIPO"
    assert cpo.sections.count() == 13
    assert cpo.items.count() >= 60 and cipo.items.count() >= 25
    assert not ChecklistItem.objects.filter(legal_basis="").exists()


def test_a_valid_checklist_loads_with_its_rules(db):
    checklist = load_checklist(_cpo())
    item = checklist.items.get(code="2.1")
    assert item.allowed_answers == ["ДА", "НЕ", "НП"]
    assert item.comment_required_on == ["НЕ"]
    assert item.section.code == "2"


def test_checklist_refused_whole_with_every_problem(db):
    data = _cpo()
    sections = data["sections"]
    sections[0]["items"][1]["code"] = sections[0]["items"][0]["code"]  # duplicate item code
    sections[1]["items"][0]["answers"] = ["ДА", "НЕ", "МОЖЕ БИ"]  # unknown answer value
    del sections[2]["items"][0]["legal_basis"]  # item without legal basis
    sections[3]["items"] = []  # a section with no items
    with pytest.raises(ControlFileError) as exc:
        load_checklist(data)
    text = "\n".join(exc.value.problems)
    assert "1.1: duplicate item code" in text
    assert "'МОЖЕ БИ'" in text
    assert "3.1: has no legal basis" in text
    assert "section 4: has no items" in text
    assert len(exc.value.problems) == 4
    assert not Checklist.objects.filter(code="PK-TEST").exists()


def test_comment_rule_must_name_an_answer_of_the_item(db):
    data = _cpo()
    data["sections"][0]["items"][0]["answers"] = ["ДА", "НЕ"]
    data["sections"][0]["items"][0]["comment_required_on"] = ["НП"]
    with pytest.raises(ControlFileError) as exc:
        load_checklist(data)
    assert "'НП' is not one of the item's answers" in exc.value.problems[0]


def test_load_checklist_command_lists_problems_and_fails(db, tmp_path, capsys):
    data = _cpo()
    data["sections"][0]["items"] = []
    path = tmp_path / "bad.json"
    import json

    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("load_checklist", str(path))
    assert "has no items" in capsys.readouterr().err
    assert not Checklist.objects.filter(code="PK-TEST").exists()


def test_load_checklist_command_loads(db, tmp_path, capsys):
    import json

    path = tmp_path / "good.json"
    path.write_text(json.dumps(_cpo()), encoding="utf-8")
    call_command("load_checklist", str(path))
    assert Checklist.objects.filter(code="PK-TEST").exists()


def test_duplicate_checklist_code_refused(db):
    data = _cpo()
    data["code"] = "PK-CPO-2021"
    with pytest.raises(ControlFileError, match="already exists"):
        load_checklist(data)


def test_risk_model_loads_weights_as_data(db):
    model = load_risk_model(risk_model_data(report_missing="33"))
    weights = {s["code"]: s["weight"] for s in model.signals}
    assert weights["report_missing"] == "33"
    assert RiskModel.objects.for_year(2031) == model
    assert RiskModel.objects.for_year(2024).code == "RISK-2021"


def test_both_bundled_risk_models_validate_and_share_out_the_years(db):
    from control.loader import validate_risk_model

    for code in ("RISK-2021", "RISK-2025"):
        assert validate_risk_model(read_file(BUNDLED_DIR / f"risk-{code}.json")) == []
    old, new = RiskModel.objects.get(code="RISK-2021"), RiskModel.objects.get(code="RISK-2025")
    assert (old.first_year, old.last_year, new.first_year, new.last_year) == (2021, 2024, 2025, None)
    assert [RiskModel.objects.for_year(y).code for y in (2021, 2024, 2025, 2031)] == [
        "RISK-2021",
        "RISK-2021",
        "RISK-2025",
        "RISK-2025",
    ]
    assert RiskModel.objects.for_year(2020) is None
    # The new version is the old one plus the independent-assessment gap; past years score as before.
    assert [s for s in new.signals if s["code"] != "assessment_gap"] == old.signals
    (gap,) = [s for s in new.signals if s["code"] == "assessment_gap"]
    assert gap["weight"] == "8" and gap["thresholds"] == {"from_points": "15", "full_at_points": "40"}


def test_a_database_loaded_before_2025_gets_risk_2021_ended(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("control.migrations.0002_risk_2021_ends_2024")
    RiskModel.objects.filter(code="RISK-2021").update(last_year=None)  # as loaded from the old file
    migration.end_risk_2021(apps, None)
    assert RiskModel.objects.get(code="RISK-2021").last_year == 2024


def test_a_gap_band_must_rise(db):
    data = risk_model_data()
    gap = next(s for s in data["signals"] if s["code"] == "assessment_gap")
    gap["thresholds"] = {"from_points": "40", "full_at_points": "15"}
    with pytest.raises(ControlFileError) as exc:
        load_risk_model(data)
    assert exc.value.problems == ["signal assessment_gap.thresholds.full_at_points: must be above from_points"]


def test_risk_model_refusals_listed(db):
    data = risk_model_data()
    data["signals"].append({"code": "horoscope", "weight": "1"})
    data["signals"][0]["weight"] = "-1"
    del data["signals"][1]["thresholds"]["full_at_days"]
    data["signals"][2]["thresholds"] = {"bogus": 1}
    with pytest.raises(ControlFileError) as exc:
        load_risk_model(data)
    text = "\n".join(exc.value.problems)
    assert "'horoscope' is not a known signal" in text
    assert "must be a non-negative number" in text
    assert "needs full_at_days" in text
    assert "bogus is not a threshold" in text
    assert not RiskModel.objects.filter(code="RISK-TEST").exists()


def test_load_risk_model_command(db, tmp_path):
    import json

    path = tmp_path / "risk.json"
    path.write_text(json.dumps(risk_model_data()), encoding="utf-8")
    call_command("load_risk_model", str(path))
    assert RiskModel.objects.filter(code="RISK-TEST").exists()
    bad = copy.deepcopy(risk_model_data("RISK-BAD"))
    bad["signals"] = []
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_risk_model", str(path))
