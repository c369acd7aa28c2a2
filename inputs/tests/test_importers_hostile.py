"""Every importer given hostile files: a listed problem, never a traceback, nothing saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from freezegun import freeze_time

from centres.importing import CentreImportError, parse
from centres.models import Centre
from frameworks.models import Framework
from reports.importing import ImportRejected, import_reports
from reports.models import Report
from surveys.models import Graduate

pytestmark = pytest.mark.django_db
HEADER = "licence_number,kind,name,region,municipality,licensed_on,licence_revoked_on"


def _xlsx_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _real_xlsx(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _truncated(data, member="xl/worksheets/sheet1.xml"):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, content[: len(content) // 2] if info.filename == member else content)
    return out.getvalue()


HOSTILE_CENTRE_FILES = {
    "nul-in-name": (HEADER + "\n200812101,CPO,Име\x00,Варна,Варна,2010-01-01,\n").encode(),
    "nul-in-licence": (HEADER + "\n2008\x0012101,CPO,Име,Варна,Варна,2010-01-01,\n").encode(),
    "letters-licence": (HEADER + "\nabc,CPO,Име,Варна,Варна,2010-01-01,\n").encode(),
    "year-9999": (HEADER + "\n200812101,CPO,Име,Варна,Варна,9999-01-01,\n").encode(),
    "no-sheets": _xlsx_zip({"xl/workbook.xml": "<workbook/>"}),
    "truncated-sheet": _truncated(
        _real_xlsx([HEADER.split(","), ["200812101", "CPO", "И", "Варна", "", "2010-01-01"]])
    ),
    "bomb": _xlsx_zip({"xl/workbook.xml": "<w/>", "xl/worksheets/sheet1.xml": b"<a>" + b" " * (80 * 2**20)}),
}


@pytest.mark.parametrize("name", HOSTILE_CENTRE_FILES)
def test_hostile_centre_files_are_listed_problems(name):
    with pytest.raises(CentreImportError) as refused:
        parse(io.BytesIO(HOSTILE_CENTRE_FILES[name]), filename="f.xlsx" if name in ("no-sheets", "bomb") else None)
    assert refused.value.problems
    assert not Centre.objects.exists()


def test_a_centre_sheet_of_too_many_rows_stops_while_streaming(settings):
    rows = [HEADER.split(",")] + [[f"2008{i:05d}", "CPO", "И", "Варна", "", "2010-01-01"] for i in range(10_005)]
    with pytest.raises(CentreImportError, match="10000"):
        parse(io.BytesIO(_real_xlsx(rows)))


def test_import_centres_given_a_directory_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_centres", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


def _codes():
    return [c.code for c in Framework.objects.for_report("CPO", 2024).criteria.all()]


def _report_csv(licence, at, points):
    codes = _codes()
    return (
        "\n".join(
            [",".join(["licence_number", "submitted_at", *codes]), ",".join([licence, at, *[points] * len(codes)])]
        )
        + "\n"
    ).encode()


@freeze_time("2025-03-01 12:00:00")
@pytest.mark.parametrize(
    ("at", "points"),
    [
        ("9999-12-31T23:59:59-12:00", "1"),
        ("0001-01-01T00:00:00+14:00", "1"),
        ("2025-01-20T10:00", "sNaN"),
        ("2025-01-20T10:00", "NaN"),
        ("2025-01-20T10:00", "1E400"),
        ("2025-01-20T10:00", "Infinity"),
    ],
)
def test_hostile_report_values_are_listed_problems(centre_a, adam, at, points):
    with pytest.raises(ImportRejected) as refused:
        import_reports(_report_csv(centre_a.licence_number, at, points), year=2024, kind="CPO", actor=adam)
    assert refused.value.problems
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        _xlsx_zip({"xl/workbook.xml": "<workbook/>"}),
        _truncated(_real_xlsx([["licence_number", "submitted_at"], ["200812001", "2025-01-01"]])),
        b"PK\x03\x04garbage",
    ],
)
def test_damaged_report_workbooks_are_listed_problems(centre_a, adam, data):
    with pytest.raises(ImportRejected):
        import_reports(data, year=2024, kind="CPO", actor=adam, filename="r.xlsx")


def test_import_reports_given_a_directory_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_reports", str(tmp_path), year=2024, kind="CPO", stderr=io.StringIO())


@pytest.mark.parametrize(
    "text",
    [
        "ana@example.bg;Готвач\x00;15.01.2024;да;Ана\n",
        "ana\x00@example.bg;Готвач;15.01.2024;да;Ана\n",
        "ana@example.bg;Готвач;15.01.9999;да;Ана\n",
        "ana@example.bg;Готвач;15.01.0001;да;Ана\n",
    ],
)
def test_hostile_graduate_csv_rows_are_refused(client_for, eddie, text):
    response = client_for(eddie).post(
        reverse("surveys:graduates_upload"), {"file": SimpleUploadedFile("g.csv", text.encode())}
    )
    assert response.status_code in (200, 400)
    assert not Graduate.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"[" * 200_000 + b"]" * 200_000, b'{"code": NaN}', b'{"a": Infinity}', b"\xff\xfe", b'{"code": "x\\u0000"}'],
    ids=["deep", "nan", "infinity", "not-utf8", "nul"],
)
def test_hostile_framework_files_are_listed_problems(tmp_path, content):
    path = tmp_path / "framework.json"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("load_framework", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_load_framework_given_a_directory_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_framework", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
