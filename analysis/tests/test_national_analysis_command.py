import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_writes_each_format(tmp_path, fmt, centre_a):
    out = tmp_path / f"a.{fmt}"
    call_command("national_analysis", year=2024, fmt=fmt, out=str(out))
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF-")
    elif fmt == "docx":
        assert any("2024" in p.text for p in Document(str(out)).paragraphs)
    else:
        assert load_workbook(str(out)).sheetnames[0] == "Доклади на ЦПО"


def test_json_for_a_region(tmp_path, centre_a, centre_b):
    out = tmp_path / "a.json"
    call_command("national_analysis", year=2024, fmt="json", out=str(out), region="Варна")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["region"] == "Варна"
    assert data["cpo"]["licensed"] == 1


def test_unknown_region_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("national_analysis", year=2024, fmt="json", out=str(tmp_path / "x"), region="Nowhere")


def test_json_carries_the_series_the_dashboard_shows(tmp_path, adam, centre_a, centre_b, centre_c):
    from analysis.models import NationalRecord
    from analysis.overview import analysis_figures
    from analysis.tests.series_check import assert_series_match_the_tables, seed_demo_like

    seed_demo_like((centre_a, centre_b), centre_c, adam)
    NationalRecord.objects.filter(kind="CPO", year=2021).delete()  # a gap year
    out = tmp_path / "a.json"
    call_command("national_analysis", year=2024, fmt="json", out=str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert_series_match_the_tables(data, analysis_figures(2024))
    cpo = data["cpo"]["series"]
    assert cpo["years"] == [2021, 2022, 2023, 2024]
    assert cpo["points"][0] is None
    assert [p["source"] for p in cpo["points"][1:]] == ["record", "reports", "reports"]
    assert cpo["points"][1]["unsatisfactory"] == 31 and cpo["points"][1]["areas"]["3"]["value"] == 11.74
    assert data["cipo"]["series"]["points"][0] is None
    assert data["cipo"]["series"]["points"][2]["indicators_no_pct"]["2.4"]["value"] == 11


def test_json_follows_each_years_counting_rule(tmp_path, adam, centre_a, centre_b, centre_c):
    from analysis.models import AnalysisSetting
    from analysis.tests.series_check import seed_demo_like

    seed_demo_like((centre_a, centre_b), centre_c, adam)  # one of the 2023 reports came late
    AnalysisSetting.objects.create(year=2023, include_late=False)
    call_command("national_analysis", year=2024, fmt="json", out=str(tmp_path / "a.json"))
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    y2023, y2024 = data["cpo"]["series"]["points"][2:]
    assert (y2023["include_late"], y2023["submitted"], y2023["licensed"]) == (False, 1, 2)
    assert (data["include_late"], y2024["include_late"], y2024["submitted"]) == (True, True, 2)
