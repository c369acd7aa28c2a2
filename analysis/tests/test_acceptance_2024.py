"""The published 2024 analysis, reproduced from per-centre data loaded through the import."""

import io
import json
import re

import pytest
from django.core.management import call_command
from docx import Document

from analysis.figures import national_figures
from analysis.serialize import national_data
from analysis.tests import published_2024

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(adam):
    published_2024.load(actor=adam)


def _cpo(data):
    return data["cpo"]


def test_json_reproduces_the_published_cpo_figures(published):
    cpo = national_data(national_figures(2024))["cpo"]
    assert cpo["licensed"] == 853
    assert cpo["submitted"] == 798
    assert cpo["submitted_on_time"] == 798
    assert cpo["submitted_on_time_pct"] == 93.55
    assert cpo["zero_reports"] == 1
    assert cpo["zero_reports_pct"] == 0.12
    assert cpo["levels"] == {"excellent": 64, "good": 645, "satisfactory": 84, "unsatisfactory": 5}
    assert cpo["mean_total"] == 76.86
    assert [(a["code"], a["max_points"], a["mean_points"]) for a in cpo["areas"]] == [
        ("1", 20, 13.99),
        ("2", 65, 50.11),
        ("3", 15, 12.76),
    ]
    criteria = {c["code"]: c for c in cpo["criteria"]}
    assert criteria["2.10"]["distribution"] == {"0": 475, "1.5": 167, "3": 156}
    assert criteria["2.9"]["distribution"]["0.5"] == 679
    assert criteria["2.9"]["distribution"]["0"] == 1
    assert criteria["1.7"]["distribution"]["0"] == 305
    assert cpo["mean_grade"] == "good"


def test_json_reproduces_the_published_cipo_figures(published):
    cipo = national_data(national_figures(2024))["cipo"]
    assert (cipo["licensed"], cipo["submitted"], cipo["submitted_on_time"]) == (36, 36, 36)
    indicators = {i["code"]: i for i in cipo["indicators"]}
    no_pct = {code: round(100 - i["yes_pct"]) for code, i in indicators.items()}
    assert no_pct["1.2"] == 33
    assert no_pct["1.3"] == 28
    assert no_pct["1.5"] == 17
    assert no_pct["2.4"] == 8
    assert no_pct["2.3"] == 11
    assert no_pct["2.2"] == 6
    assert indicators["3.1"]["no"] == 2
    assert indicators["1.1"]["yes_pct"] == 100
    assert indicators["2.1"]["yes_pct"] == 100
    assert set(cipo["all_yes"]) == {"1.1", "2.1"}
    assert cipo["most_no"][:2] == ["1.2", "1.3"]


def test_command_writes_the_same_json(published, tmp_path):
    out = tmp_path / "a.json"
    call_command("national_analysis", year=2024, fmt="json", out=str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["year"] == 2024
    assert data["cpo"]["mean_total"] == 76.86
    assert data["cpo"]["levels_pct"]["good"] == 80.83


def _row(html, label):
    """The text of the table row whose first cell is `label`."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r}")


def test_dashboard_tables_show_the_published_figures(published, client_for, erin):
    html = client_for(erin).get("/analysis/2024/").content.decode()
    assert _row(html, "ЦПО, лицензирани към 31.12.2024")[1] == "853"
    assert _row(html, "ЦПО, подали доклада в срок")[1:3] == ["798", "93,55"]
    assert _row(html, "ЦПО с доклади с нулеви стойности")[1:3] == ["1", "0,12"]
    assert [_row(html, g)[1] for g in ("Отлично", "Добро", "Задоволително", "Незадоволително")] == [
        "64",
        "645",
        "84",
        "5",
    ]
    assert _row(html, "1. Достъп до професионално обучение")[1:3] == ["20,00", "13,99"]
    assert _row(html, "2. Придобиване на професионална квалификация")[1:3] == ["65,00", "50,11"]
    assert _row(html, "3. Реализация на лицата, придобили професионална квалификация")[1:3] == ["15,00", "12,76"]
    assert _row(html, "Общо")[2] == "76,86"
    assert _row(html, "2.10")[5] == "0: 475; 1,5: 167; 3: 156"
    assert "0,5: 679" in _row(html, "2.9")[5]
    assert _row(html, "1.7")[5].startswith("0: 305;")
    cipo = html[html.index('id="table-cipo"') :]
    assert _row(cipo, "1.2")[2:4] == ["24", "12"]  # website: 12 of 36 answered "no"
    assert _row(cipo, "1.1")[4] == "100,00"
    assert _row(cipo, "3.1")[3] == "2"


def test_docx_tables_show_the_published_figures(published, client_for, erin):
    response = client_for(erin).get("/analysis/2024/analysis.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    rows = {}
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            rows.setdefault(cells[0], cells)
    assert rows["ЦПО, подали доклада в срок"][1:3] == ["798", "93,55"]
    assert rows["Добро"][1:3] == ["645", "80,83"]
    assert rows["1. Достъп до професионално обучение"][2] == "13,99"
    assert rows["Общо"][2] == "76,86"
    assert rows["2.10"][5] == "0: 475; 1,5: 167; 3: 156"
    # Numbers and their units are joined by a no-break space, as in the agency's documents.
    text = "\n".join(p.text for p in doc.paragraphs).replace("\xa0", " ")
    assert "Седемстотин деветдесет и осем лицензирани ЦПО (93,55 %)" in text
    assert "156 от 798 ЦПО, подали доклад, са дали максималния брой от 3 точки" in text
    assert "167 центъра са поставили 1,5 точки" in text
    assert "475 центъра са поставили 0 точки (59,52 %)" in text
    captions = [line for line in text.splitlines() if line.startswith("Фигура ")]
    # The agency's numbering: CPO figures 1–4 as in the published document, then the rest, CIPO's last.
    assert captions[0].startswith("Фигура 1. Разпределение на ЦПО по равнище на качеството за 2024")
    assert captions[1].startswith("Фигура 2. Разпределение на ЦПО по равнище на качеството за 2023")
    assert captions[2] == "Фигура 3. Равнище на постигнатото качество"
    assert captions[3] == "Фигура 4. Брой точки по области на самооценяване"
    assert [int(c.split()[1].rstrip(".")) for c in captions] == list(range(1, len(captions) + 1))
    first_cipo = next(i for i, c in enumerate(captions) if "ЦИПО" in c)
    assert all("ЦИПО" in c for c in captions[first_cipo:])
    assert "76,86" in text
