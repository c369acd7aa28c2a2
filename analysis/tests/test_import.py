"""The report import (reports.importing) through its command, its service and its page."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from frameworks.models import Framework
from reports.importing import ImportRejected, import_reports
from reports.models import Report

pytestmark = pytest.mark.django_db


def _codes(kind="CPO"):
    return [c.code for c in Framework.objects.for_report(kind, 2024).criteria.all()]


def _csv(rows, header=None, bom=True):
    header = header or ["licence_number", "submitted_at", *_codes()]
    text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def _full_row(licence, at="2025-01-20T10:00"):
    cpo = Framework.objects.for_report("CPO", 2024)
    return [licence, at, *(f'"{format(c.max_points.normalize(), "f")}"' for c in cpo.criteria.all())]


def test_a_clean_file_creates_submitted_reports(centre_a, centre_b, adam):
    zero = [centre_b.licence_number, "2025-02-01T00:00:00", *(["0"] * len(_codes()))]
    result = import_reports(_csv([_full_row(centre_a.licence_number), zero]), year=2024, kind="CPO", actor=adam)
    assert len(result.reports) == 2
    a = Report.objects.select_related("last_submission").get(centre=centre_a, year=2024)
    b = Report.objects.select_related("last_submission").get(centre=centre_b, year=2024)
    assert (a.status, a.last_submission.total, a.last_submission.grade, a.last_submission.on_time) == (
        "submitted",
        100,
        "excellent",
        True,
    )
    assert b.last_submission.zero_value and not b.last_submission.on_time  # 1 February, Sofia time, is late


def test_every_problem_is_listed_and_nothing_saved(centre_a, centre_b, centre_c, adam):
    codes = _codes()
    bad_points = _full_row(centre_b.licence_number)
    bad_points[2 + codes.index("1.1")] = "2"  # not a level of 1.1 (0.5, 1.5, 3)
    bad_points[2 + codes.index("2.1")] = "0"  # 0 only in an all-zero row
    rows = [
        _full_row(centre_a.licence_number),
        _full_row(centre_a.licence_number),  # twice
        _full_row("999999999"),  # unknown
        _full_row(centre_c.licence_number),  # a CIPO
        bad_points,
        _full_row(centre_b.licence_number, at="31.01.2025"),  # bad date (and twice)
    ]
    with pytest.raises(ImportRejected) as caught:
        import_reports(_csv(rows), year=2024, kind="CPO", actor=adam)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert (3, "licence_number") in found
    assert (4, "licence_number") in found
    assert (5, "licence_number") in found
    assert (6, "1.1") in found
    assert (6, "2.1") in found
    assert (7, "submitted_at") in found
    assert Report.objects.count() == 0


def test_missing_and_unknown_columns_are_refused(centre_a, adam):
    header = ["licence_number", "submitted_at", *_codes()[:-1], "9.9"]
    with pytest.raises(ImportRejected) as caught:
        import_reports(_csv([_full_row(centre_a.licence_number)], header=header), year=2024, kind="CPO", actor=adam)
    columns = {p.column for p in caught.value.problems}
    assert {"3.2", "9.9"} <= columns


def test_a_centre_with_a_report_already_is_refused(centre_a, adam):
    import_reports(_csv([_full_row(centre_a.licence_number)]), year=2024, kind="CPO", actor=adam)
    with pytest.raises(ImportRejected) as caught:
        import_reports(_csv([_full_row(centre_a.licence_number)]), year=2024, kind="CPO", actor=adam)
    assert caught.value.problems[0].column == "licence_number"


def test_cipo_xlsx_with_yes_no_answers(centre_c, adam):
    codes = _codes("CIPO")
    wb = Workbook()
    ws = wb.active
    ws.append(["licence_number", "submitted_at", *codes])
    ws.append([centre_c.licence_number, "2025-01-10T09:00:00+02:00", *(["Да", "не", "YES", "No", "1"] * 2)])
    out = io.BytesIO()
    wb.save(out)
    result = import_reports(out.getvalue(), year=2024, kind="CIPO", actor=adam, filename="c.xlsx")
    answers = result.reports[0].last_submission.answers
    assert [answers[c]["points"] for c in codes[:5]] == ["1", "0", "1", "0", "1"]


def test_only_agency_admins_may_import(centre_a, erin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_reports(_csv([_full_row(centre_a.licence_number)]), year=2024, kind="CPO", actor=erin)


def test_command_exits_non_zero_on_problems(tmp_path, centre_a, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv([_full_row("000")], bom=False))
    with pytest.raises(CommandError):
        call_command("import_reports", str(bad), year=2024, kind="CPO")
    assert "000" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_bytes(_csv([_full_row(centre_a.licence_number)]))
    call_command("import_reports", str(good), year=2024, kind="CPO")
    assert Report.objects.filter(centre=centre_a, year=2024).exists()


def test_upload_page_lists_problems_then_imports(client_for, adam, centre_a):
    client = client_for(adam)
    bad = io.BytesIO(_csv([_full_row("nope")]))
    bad.name = "bad.csv"
    response = client.post("/analysis/import/", {"year": 2024, "kind": "CPO", "file": bad})
    assert response.status_code == 400
    assert "nope" in response.content.decode()
    assert Report.objects.count() == 0
    good = io.BytesIO(_csv([_full_row(centre_a.licence_number)]))
    good.name = "good.csv"
    response = client.post("/analysis/import/", {"year": 2024, "kind": "CPO", "file": good})
    assert response.status_code == 302
    assert Report.objects.filter(centre=centre_a, year=2024).count() == 1
