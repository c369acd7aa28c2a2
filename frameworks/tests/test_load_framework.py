import io

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import translation

from frameworks.models import Area, Criterion, Framework, GradeBand, Level, Section
from reports.models import Report


@pytest.fixture(autouse=True)
def _english():
    # The problems are asserted in English, the catalogue's source; one test below reads them in Bulgarian.
    with translation.override("en"):
        yield


def counts():
    return tuple(m.objects.count() for m in (Framework, GradeBand, Section, Area, Criterion, Level))


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("load_framework", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path, *args):
    """Run the command expecting refusal; return the problems it printed."""
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match="not loaded"):
        call_command("load_framework", str(path), *args, stdout=io.StringIO(), stderr=err)
    assert counts() == before, "a refused file must save nothing"
    return err.getvalue()


@pytest.fixture
def cpo_2026(cpo_doc):
    cpo_doc.update(code="CPO-2026", first_year=2026, last_year=None)
    return cpo_doc


@pytest.mark.django_db
def test_new_framework_loads_after_the_old_one_is_closed(cpo_2026, write_doc):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    out, _err = run(write_doc(cpo_2026))
    assert "CPO-2026" in out
    new = Framework.objects.get(code="CPO-2026")
    assert new.criteria.count() == 22
    assert list(new.areas.values_list("code", "max_points")) == [("1", 20), ("2", 65), ("3", 15)]
    assert Framework.objects.for_report("CPO", 2025).code == "CPO-2018"
    assert Framework.objects.for_report("CPO", 2026).code == "CPO-2026"


@pytest.mark.django_db
def test_years_overlapping_another_framework_of_the_same_kind_are_refused(cpo_2026, write_doc):
    problems = refused(write_doc(cpo_2026))
    assert "overlap framework CPO-2018" in problems
    assert not Framework.objects.filter(code="CPO-2026").exists()


@pytest.mark.django_db
def test_a_framework_of_the_other_kind_may_share_years(cpo_2026, write_doc):
    # CIPO-2022 is open-ended too, but a CPO framework does not compete with it.
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    run(write_doc(cpo_2026))
    assert Framework.objects.for_report("CIPO", 2026).code == "CIPO-2022"


@pytest.mark.django_db
def test_area_maxima_not_summing_to_the_total_are_refused(cpo_2026, write_doc):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    cpo_2026["total_points"] = "95"
    problems = refused(write_doc(cpo_2026))
    assert "area maxima sum to 100, not the total 95" in problems


@pytest.mark.django_db
def test_criterion_maximum_different_from_its_highest_level_is_refused(cpo_2026, write_doc):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    criterion = cpo_2026["areas"][0]["criteria"][0]
    criterion["levels"][-1]["points"] = "2.5"
    problems = refused(write_doc(cpo_2026))
    assert f"criterion {criterion['code']}: maximum 3 differs from its highest level 2.5" in problems


@pytest.mark.django_db
def test_duplicate_criterion_code_is_refused(cpo_2026, write_doc):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    cpo_2026["areas"][1]["criteria"][0]["code"] = cpo_2026["areas"][0]["criteria"][0]["code"]
    problems = refused(write_doc(cpo_2026))
    assert "criterion 1.1: duplicate criterion code" in problems


@pytest.mark.django_db
def test_duplicate_area_code_is_refused(cpo_2026, write_doc):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    cpo_2026["areas"][2]["code"] = "2"
    problems = refused(write_doc(cpo_2026))
    assert "area 2: duplicate area code" in problems


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bands", "message"),
    [
        # Добро ends at 88, Отлично starts at 91: 89–90 belong to no grade.
        (
            [("excellent", "91", "100"), ("good", "66", "88"), ("satisfactory", "46", "65"), ("bad", "0", "45")],
            "gap between 88 (good) and 91 (excellent)",
        ),
        (
            [("excellent", "91", "100"), ("good", "66", "91"), ("satisfactory", "46", "65"), ("bad", "0", "45")],
            "good and excellent overlap",
        ),
        (
            [("excellent", "91", "100"), ("good", "66", "90"), ("satisfactory", "46", "65"), ("bad", "10", "45")],
            "nothing covers 0 to 10",
        ),
        (
            [("excellent", "91", "99"), ("good", "66", "90"), ("satisfactory", "46", "65"), ("bad", "0", "45")],
            "the top band ends at 99, not at the total 100",
        ),
    ],
    ids=["gap", "overlap", "not-from-zero", "not-to-total"],
)
def test_broken_grade_bands_are_refused(cpo_2026, write_doc, bands, message):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    cpo_2026["grade_bands"] = [{"code": c, "name": c.title(), "min": lo, "max": hi} for c, lo, hi in bands]
    problems = refused(write_doc(cpo_2026))
    assert f"grade_bands: {message}" in problems


@pytest.mark.django_db
def test_a_point_that_is_not_a_number_is_refused(cpo_2026, write_doc):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    cpo_2026["areas"][0]["criteria"][1]["levels"][0]["points"] = "много"
    code = cpo_2026["areas"][0]["criteria"][1]["code"]
    problems = refused(write_doc(cpo_2026))
    assert f"criterion {code}, level 1.points: 'много' is not a number" in problems


@pytest.mark.django_db
def test_malformed_json_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"code": "CPO-2026", "areas": [', encoding="utf-8")
    problems = refused(path)
    assert "not a valid UTF-8 JSON file" in problems


@pytest.mark.django_db
def test_missing_file_is_refused(tmp_path):
    assert "no such file" in refused(tmp_path / "nowhere.json")


@pytest.mark.django_db
def test_every_problem_is_listed_one_per_line(cpo_2026, write_doc):
    cpo_2026["total_points"] = "95"
    cpo_2026["areas"][2]["code"] = "2"
    cpo_2026["areas"][0]["criteria"][1]["levels"][0]["points"] = None
    lines = refused(write_doc(cpo_2026)).splitlines()
    assert any("area maxima sum to" in line for line in lines)
    assert any("duplicate area code" in line for line in lines)
    assert any("None is not a number" in line for line in lines)
    assert any("overlap framework CPO-2018" in line for line in lines)


@pytest.mark.django_db
def test_an_existing_code_needs_replace(cpo_doc, write_doc):
    problems = refused(write_doc(cpo_doc))
    assert "CPO-2018 already exists" in problems


@pytest.mark.django_db
def test_replace_reloads_a_framework_without_reports(cpo_doc, write_doc):
    cpo_doc["name"] = "Нова редакция"
    run(write_doc(cpo_doc), "--replace")
    assert Framework.objects.get(code="CPO-2018").name == "Нова редакция"
    assert Criterion.objects.filter(framework__code="CPO-2018").count() == 22


@pytest.mark.django_db
def test_replace_is_refused_once_reports_use_the_framework(cpo_doc, write_doc, centre_a):
    Report.objects.create(centre=centre_a, year=2024, framework=Framework.objects.get(code="CPO-2018"))
    cpo_doc["name"] = "Нова редакция"
    problems = refused(write_doc(cpo_doc), "--replace")
    assert "has reports" in problems
    assert Framework.objects.get(code="CPO-2018").name != "Нова редакция"


@pytest.mark.django_db
def test_the_command_exits_non_zero_on_error(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "load_framework", str(path)]).execute()
    assert exit_info.value.code != 0
    assert "not a valid UTF-8 JSON file" in capsys.readouterr().err


@pytest.mark.django_db
def test_problems_speak_the_active_language(cpo_2026, write_doc):
    Framework.objects.filter(code="CPO-2018").update(last_year=2025)
    cpo_2026["total_points"] = "95"
    with translation.override("bg"):
        err = io.StringIO()
        with pytest.raises(CommandError, match="не е заредена"):
            call_command("load_framework", str(write_doc(cpo_2026)), stdout=io.StringIO(), stderr=err)
    assert "areas: максималните точки на областите са общо 100, а не 95" in err.getvalue()
