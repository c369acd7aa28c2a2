"""Framework succession without a code change: close a version, load the next, keep the series going."""

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from analysis import narrative
from analysis.overview import analysis_figures
from audit.models import AuditEntry
from centres.models import CentreKind
from frameworks import succession
from frameworks.models import Framework, Succession
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Report

pytestmark = pytest.mark.django_db

MAPPING = {"criteria": {"2.10": "2.13", "2.9": "dropped"}, "new": ["2.14"]}


@pytest.fixture
def next_version(cpo_doc):
    """CPO-2027 from 2025: 2.10 renamed to 2.13 (same wording), 2.9 dropped, a new 2.14 with 2.9's points."""
    doc = cpo_doc
    doc.update(code="CPO-2027", first_year=2025, last_year=None, name="Критерии за ЦПО (2025)")
    area2 = next(a for a in doc["areas"] if a["code"] == "2")
    for c in area2["criteria"]:
        if c["code"] == "2.10":
            c["code"] = "2.13"
        elif c["code"] == "2.9":
            c.update(code="2.14", name="Дигитални умения на преподавателите", derived={})
            c.pop("derived", None)
    return doc


@pytest.fixture
def reports_2024(centre_a, centre_b, adam):
    cpo = Framework.objects.get(code="CPO-2018")
    top = {c.code: c.max_points for c in cpo.criteria.all()}
    low = {c.code: min(lv.points for lv in c.levels.all()) for c in cpo.criteria.all()}
    at = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA)
    return create_submitted_reports(
        [SubmittedEntry(centre_a, at, top), SubmittedEntry(centre_b, at, low)], year=2024, framework=cpo, actor=adam
    )


def upload(doc, name):
    return SimpleUploadedFile(name, json.dumps(doc, ensure_ascii=False).encode("utf-8"), "application/json")


def test_a_new_version_is_checked_previewed_confirmed_and_the_series_continues(
    client, client_for, erin, adam, next_version, reports_2024, centre_a, centre_b
):
    url = "/frameworks/succession/"
    assert client.get(url).status_code == 302
    assert client_for(erin).get(url).status_code == 403
    admin = client_for(adam)
    preview = admin.post(url, {"framework": upload(next_version, "f.json"), "mapping": upload(MAPPING, "m.json")})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "CPO-2018" in page and "2.13" in page and "2.9" in page
    assert not Framework.objects.filter(code="CPO-2027").exists()  # a preview saves nothing
    token = preview.context["token"]
    confirmed = admin.post(url, {"token": token})
    assert confirmed.status_code == 302
    old, new = Framework.objects.get(code="CPO-2018"), Framework.objects.get(code="CPO-2027")
    assert (old.last_year, new.first_year) == (2024, 2025)
    assert Framework.objects.for_report(CentreKind.CPO, 2024) == old
    assert Framework.objects.for_report(CentreKind.CPO, 2025) == new
    assert set(Report.objects.filter(year=2024).values_list("framework__code", flat=True)) == {"CPO-2018"}
    step = Succession.objects.get(next=new)
    assert step.renamed() == [("2.10", "2.13")] and step.dropped() == ["2.9"] and step.added == ["2.14"]
    assert AuditEntry.objects.filter(action="framework_succession").exists()

    # 2025 reports on the new version; the criterion renamed keeps last year's figures beside it.
    top = {c.code: c.max_points for c in new.criteria.all()}
    at = dt.datetime(2026, 1, 20, 10, tzinfo=SOFIA)
    create_submitted_reports(
        [SubmittedEntry(centre_a, at, top), SubmittedEntry(centre_b, at, top)], year=2025, framework=new, actor=adam
    )
    figures = analysis_figures(2025)
    renamed = figures.cpo.criterion("2.13")
    assert renamed.previous_mean == (old.criteria.get(code="2.10").max_points + 0) / 2  # 3 and 0 points in 2024
    assert figures.cpo.criterion("2.14").previous_mean is None  # new: nothing to compare with
    with translation.override("bg"):
        text = " ".join(getattr(b, "text", "") for b in narrative.build(figures))
    assert "От 2025 г. се прилага рамката CPO-2027 вместо CPO-2018" in text
    assert "критерий 2.10 е вече 2.13" in text and "критерий 2.9 отпада" in text and "критерий 2.14 е нов" in text


def test_every_problem_of_a_bad_succession_is_listed_and_nothing_is_saved(next_version, reports_2024):
    mapping = {"criteria": {"2.10": "9.9", "2.8": "dropped", "7.7": "2.13"}, "new": ["8.8"]}
    with translation.override("en"):
        result = succession.plan(next_version, mapping, last_year=2025)
        problems = "\n".join(result.problems)
    assert "overlap framework CPO-2018" in problems  # closing at 2025 overlaps the new version's 2025
    assert "2.10 maps to 9.9, which is not a criterion of the new version" in problems
    assert "2.8 is marked dropped but the new version still has it" in problems
    assert "7.7 is not a criterion of CPO-2018" in problems
    assert "new criterion 8.8 is not in the new version" in problems
    assert "2.9" in problems  # neither kept, mapped nor dropped
    with pytest.raises(succession.loader.FrameworkFileError):
        succession.apply(result)
    assert not Framework.objects.filter(code="CPO-2027").exists()
    assert Framework.objects.get(code="CPO-2018").last_year is None


def test_closing_before_reports_already_made_is_refused(next_version, reports_2024):
    with translation.override("en"):
        result = succession.plan(next_version, MAPPING, last_year=2023)
    assert any("reports for 2024 use CPO-2018" in p for p in result.problems)
    next_version["first_year"] = 2024
    with translation.override("en"):
        result = succession.plan(next_version, MAPPING)
    assert any("reports for 2024 use CPO-2018" in p for p in result.problems)
    assert any("cannot be dropped: reports after 2023 still use it" in p for p in result.problems)


def test_load_framework_command_succeeds_a_version(tmp_path, next_version):
    path, mapping = tmp_path / "f.json", tmp_path / "m.json"
    path.write_text(json.dumps(next_version, ensure_ascii=False), encoding="utf-8")
    mapping.write_text(json.dumps(MAPPING), encoding="utf-8")
    out = io.StringIO()
    call_command("load_framework", str(path), "--succeed", "--mapping", str(mapping), stdout=out, stderr=io.StringIO())
    assert Framework.objects.get(code="CPO-2018").last_year == 2024
    assert Framework.objects.filter(code="CPO-2027").exists()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"criteria": {"2.10": "nope"}}), encoding="utf-8")
    next_version["code"] = "CPO-2030"
    next_version["first_year"] = 2030
    path.write_text(json.dumps(next_version, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="f.json"):
        call_command(
            "load_framework", str(path), "--succeed", "--mapping", str(bad), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert not Framework.objects.filter(code="CPO-2030").exists()
