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
