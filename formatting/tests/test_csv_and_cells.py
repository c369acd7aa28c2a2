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
