"""The list of professions: the bundled starter list and the load_professions command."""

import pytest
from django.core.management import CommandError, call_command

from activity.models import Profession, Specialty


def test_starter_list_is_loaded_after_migrate(db):
    assert Profession.objects.get(code="762030").name == "Социален асистент"
    assert Specialty.objects.get(code="8110701").profession.code == "811070"


def test_command_adds_and_updates(tmp_path, db):
    path = tmp_path / "p.csv"
    path.write_text(
        "\n".join(
            [
                "code,name,specialty_code,specialty_name",
                "999001,Нова професия,9990011,Нова специалност",
                "341010,Продавач-консултант (нов),,",
            ]
        ),
        encoding="utf-8",
    )
    call_command("load_professions", str(path))
    assert Profession.objects.get(code="999001").specialties.get().name == "Нова специалност"
    assert Profession.objects.get(code="341010").name == "Продавач-консултант (нов)"


def test_a_bad_file_is_refused_whole(tmp_path, db):
    path = tmp_path / "p.csv"
    path.write_text("999002,Добра\n12,Лош код\n999003,Добра,123,Лоша специалност\n", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("load_professions", str(path))
    assert "Ред 2" in str(info.value) and "Ред 3" in str(info.value)
    assert not Profession.objects.filter(code="999002").exists()
