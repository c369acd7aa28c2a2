from decimal import Decimal

import pytest

from formatting.cells import safe_cell
from formatting.csv import machine_csv, people_csv


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_neutralises_every_formula_trigger(hostile):
    assert safe_cell(hostile) == "'" + hostile


def test_safe_cell_leaves_numbers_and_plain_text():
    assert safe_cell(-5) == -5
    assert safe_cell("Пловдив") == "Пловдив"


def test_people_csv_is_semicolon_separated_with_bom_and_decimal_commas():
    data = people_csv([["Име", "Среден брой"], ["=cmd", Decimal("76.86")]]).decode("utf-8")
    assert data.startswith("\ufeff")
    assert data.splitlines()[1] == "'=cmd;76,86"


def test_machine_csv_uses_commas_and_decimal_points():
    data = machine_csv([["name", "mean"], ["a", Decimal("76.86")]]).decode("utf-8")
    assert not data.startswith("\ufeff")
    assert data.splitlines()[1] == "a,76.86"


def test_people_csv_written_to_a_file_is_the_streamed_text_for_every_cell_type(tmp_path):
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from formatting.csv import people_rows, write_people

    rows = [
        ["", "x", "=1", "-2", "\nx", mark_safe("+y"), gettext_lazy("Region")],
        [0, -3, True, False, None, Decimal("1.50"), 2.5, Decimal("-4")],
    ]
    path = tmp_path / "out.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        write_people(handle, rows)
    text = "".join(people_rows(rows))
    assert path.read_bytes().decode("utf-8") == text
    region = str(gettext_lazy("Region"))
    assert text == f"\ufeff;x;'=1;'-2;\"'\nx\";'+y;{region}\r\n0;-3;True;False;;1,50;2,5;-4\r\n"
