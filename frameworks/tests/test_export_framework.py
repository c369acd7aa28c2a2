import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frameworks.loader import load, read_file
from frameworks.models import Framework
from frameworks.tests.conftest import bundled


def export_json(code, *args):
    out = io.StringIO()
    call_command("export_framework", code, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["CPO-2018", "CIPO-2022"])
def test_export_reproduces_the_bundled_file(code):
    assert json.loads(export_json(code)) == bundled(code)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["CPO-2018", "CIPO-2022"])
def test_export_then_load_is_lossless(code, tmp_path):
    path = tmp_path / f"{code}.json"
    call_command("export_framework", code, "--out", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    first = read_file(path)
    call_command("load_framework", str(path), "--replace", stdout=io.StringIO(), stderr=io.StringIO())
    assert json.loads(export_json(code)) == first


@pytest.mark.django_db
def test_exported_copy_under_a_new_code_loads_as_a_new_framework(tmp_path):
    doc = json.loads(export_json("CIPO-2022"))
    Framework.objects.filter(code="CIPO-2022").update(last_year=2025)
    doc.update(code="CIPO-2026", first_year=2026)
    new = load(doc)
    assert new.criteria.count() == 10
    assert json.loads(export_json("CIPO-2026")) == doc


@pytest.mark.django_db
def test_export_of_an_unknown_code_names_the_known_ones():
    with pytest.raises(CommandError, match="няма рамка 'XYZ'.*CPO-2018"):
        export_json("XYZ")


@pytest.mark.django_db
def test_export_to_an_unwritable_place_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="не може да бъде записан"):
        export_json("CPO-2018", "--out", str(tmp_path / "missing-dir" / "x.json"))
