import copy
import json

import pytest
from django.core.management import CommandError, call_command

from assessment.models import OutcomeSet, OutcomeUnit, ProfessionalField
from assessment.outcomes import BUNDLED_DIR, OutcomesFileError, load, read_file, validate

BUNDLED = BUNDLED_DIR / "outcomes-2024.json"


def _doc(year=2030):
    data = read_file(BUNDLED)
    data["first_year"] = year
    return data


@pytest.mark.django_db
def test_bundled_outcomes_are_loaded_after_migrate():
    codes = set(OutcomeSet.objects.values_list("profession__code", flat=True))
    assert codes == {"811070", "521110", "762040"}
    welder = OutcomeSet.objects.get(profession__code="521110")
    assert welder.scale_kind == "categorical"
    assert list(welder.units.values_list("code", flat=True))[:2] == ["ЕРУ 1", "ЕРУ 2"]
    assert ProfessionalField.objects.get(code="811").name.startswith("Хотелиерство")


@pytest.mark.django_db
def test_a_valid_file_loads_a_new_year():
    sets = load(_doc())
    assert len(sets) == 3
    assert OutcomeSet.objects.filter(first_year=2030).count() == 3


@pytest.mark.django_db
def test_duplicate_unit_codes_and_an_empty_profession_are_all_listed_and_nothing_is_saved():
    data = _doc()
    data["professions"][0]["units"][1]["code"] = data["professions"][0]["units"][0]["code"]
    data["professions"][1]["units"] = []
    data["professions"][2]["profession"] = ""
    before = OutcomeUnit.objects.count()
    with pytest.raises(OutcomesFileError) as caught:
        load(data)
    problems = caught.value.problems
    assert any("ЕРУ 1" in p and "два пъти" in p for p in problems)
    assert any("няма единици" in p for p in problems)
    assert any("празен" in p for p in problems)
    assert len(problems) == 3
    assert OutcomeUnit.objects.count() == before
    assert not OutcomeSet.objects.filter(first_year=2030).exists()


@pytest.mark.django_db
def test_a_bad_scale_and_an_unknown_profession_are_refused():
    data = _doc()
    data["professions"][0]["scale"] = {"kind": "numeric", "min": 4, "max": 2, "pass": 3}
    data["professions"][1]["scale"]["levels"] = [
        dict(level, **{"pass": False}) for level in data["professions"][1]["scale"]["levels"]
    ]
    data["professions"][2]["profession"] = "999999"
    problems = validate(data)
    assert len(problems) == 3


@pytest.mark.django_db
def test_the_same_year_again_needs_replace():
    problems = validate(_doc(2024))
    assert len(problems) == 3 and all("--replace" in p for p in problems)


@pytest.mark.django_db
def test_command_lists_every_problem_and_exits_non_zero(tmp_path, capsys):
    data = copy.deepcopy(_doc())
    data["professions"][0]["units"][1]["code"] = "ЕРУ 1"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_outcomes", str(path))
    assert "ЕРУ 1" in capsys.readouterr().err
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_doc(), ensure_ascii=False), encoding="utf-8")
    call_command("load_outcomes", str(good))
    assert OutcomeSet.objects.filter(first_year=2030).count() == 3
