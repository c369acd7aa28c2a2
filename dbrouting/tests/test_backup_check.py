"""The restore check of deploy/restore.sh: the national figures before and after must match."""

import io

import pytest
from django.core.management import CommandError, call_command

from reports.models import Report


def test_the_snapshot_matches_itself_and_notices_a_change(tmp_path, centre_a):
    from frameworks.models import Framework

    path = tmp_path / "figures.json"
    call_command("national_figures_snapshot", out=str(path), stdout=io.StringIO())
    call_command("national_figures_snapshot", compare=str(path), stdout=io.StringIO())
    Report.objects.create(centre=centre_a, year=2024, framework=Framework.objects.for_report("CPO", 2024))
    with pytest.raises(CommandError, match="2024"):
        call_command("national_figures_snapshot", compare=str(path), stdout=io.StringIO())
