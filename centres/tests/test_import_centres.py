import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from audit.models import AuditEntry
from centres.models import Centre, CentreKind
from centres.services import CentreImportError, import_centres

HEADER = "licence_number,kind,name,region,municipality,licensed_on,licence_revoked_on"
GOOD = [
    "200812101,CPO,ЦПО „Изгрев“,Пловдив,Пловдив,2010-05-01,",
    "300112101,ЦИПО,ЦИПО „Посока“,софия-град,Столична,2019-02-10,",
    "200812102,цпо,ЦПО „Залез“, варна ,Варна,2008-01-15,2023-06-30",
]


def csv_file(tmp_path, lines, name="register.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def problems_of(path, **kwargs):
    before = list(Centre.objects.order_by("pk").values())
    audits = AuditEntry.objects.count()
    with pytest.raises(CentreImportError) as error:
        import_centres(path, **kwargs)
    assert list(Centre.objects.order_by("pk").values()) == before, "nothing may be saved when the file has a problem"
    assert AuditEntry.objects.count() == audits
    return [(p.row, p.column, p.value, p.reason) for p in error.value.problems]


@pytest.mark.django_db
def test_a_good_csv_creates_the_centres(tmp_path, adam):
    result = import_centres(csv_file(tmp_path, [HEADER, *GOOD]), actor=adam)
    assert (result.created, result.updated) == (3, 0)
    izgrev = Centre.objects.get(licence_number="200812101")
    assert (izgrev.kind, izgrev.region, izgrev.licensed_on) == (CentreKind.CPO, "Пловдив", dt.date(2010, 5, 1))
    assert izgrev.licence_revoked_on is None
    posoka = Centre.objects.get(licence_number="300112101")
    assert (posoka.kind, posoka.region) == (CentreKind.CIPO, "София (столица)")
    zalez = Centre.objects.get(licence_number="200812102")
    assert (zalez.region, zalez.licence_revoked_on) == ("Варна", dt.date(2023, 6, 30))


@pytest.mark.django_db
def test_the_import_leaves_one_audit_entry_with_the_counts(tmp_path, adam):
    import_centres(csv_file(tmp_path, [HEADER, *GOOD]), actor=adam, filename="регистър.csv")
    entry = AuditEntry.objects.get(action="import_centres")
    assert entry.actor == adam
    assert entry.changes == {"created": 3, "updated": 0, "unchanged": 0}
    assert entry.message == "регистър.csv"


@pytest.mark.django_db
def test_reimport_updates_by_licence_number(tmp_path):
    import_centres(csv_file(tmp_path, [HEADER, *GOOD]))
    renamed = GOOD[0].replace("ЦПО „Изгрев“", "ЦПО „Изгрев 2“")
    result = import_centres(csv_file(tmp_path, [HEADER, renamed, GOOD[1]], name="again.csv"))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Centre.objects.get(licence_number="200812101").name == "ЦПО „Изгрев 2“"
    assert Centre.objects.count() == 3


@pytest.mark.django_db
def test_bom_and_semicolons_and_header_case_are_accepted(tmp_path):
    lines = [" Licence_Number ;KIND;Name;Region;Municipality;Licensed_On;Licence_Revoked_On;Бележка"]
    lines += [line.replace(",", ";") + ";нещо" for line in GOOD]
    path = csv_file(tmp_path, lines, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert import_centres(path).created == 3


@pytest.mark.django_db
def test_optional_columns_are_used_when_present(tmp_path):
    lines = [
        HEADER + ",email,website,iso_9001,address",
        GOOD[0] + ",info@izgrev.bg,https://izgrev.bg,да,ул. „Главна“ 1",
    ]
    import_centres(csv_file(tmp_path, lines))
    centre = Centre.objects.get(licence_number="200812101")
    assert (centre.email, centre.website, centre.iso_9001, centre.address) == (
        "info@izgrev.bg",
        "https://izgrev.bg",
        True,
        "ул. „Главна“ 1",
    )


@pytest.mark.django_db
def test_xlsx_with_date_cells_is_accepted(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([200812101, "CPO", "ЦПО „Изгрев“", "Пловдив", "Пловдив", dt.datetime(2010, 5, 1), None])
    sheet.append(["300112101", "CIPO", "ЦИПО „Посока“", "Русе", "Русе", "2019-02-10", dt.date(2024, 1, 1)])
    path = tmp_path / "register.xlsx"
    book.save(path)
    assert import_centres(path).created == 2
    first = Centre.objects.get(licence_number="200812101")
    assert first.licensed_on == dt.date(2010, 5, 1)
    assert Centre.objects.get(licence_number="300112101").licence_revoked_on == dt.date(2024, 1, 1)


@pytest.mark.django_db
def test_an_uploaded_file_object_is_accepted(tmp_path):
    data = ("\n".join([HEADER, *GOOD]) + "\n").encode()
    assert import_centres(io.BytesIO(data), filename="register.csv").created == 3


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_row_column_value_and_reason(tmp_path):
    lines = [
        HEADER,
        "200812101,ЦПОО,ЦПО „Изгрев“,Пловдив,Пловдив,2010-05-01,",
        "200812102,CPO,ЦПО „Залез“,Тракия,Варна,2008-01-15,",
        "200812103,CPO,ЦПО „Обед“,Варна,Варна,15.01.2008,",
        "200812101,CPO,ЦПО „Дубъл“,Варна,Варна,2008-01-15,",
        "200812104,CPO,ЦПО „Назад“,Варна,Варна,2020-01-15,2019-01-01",
        "200812105,CPO,,Варна,Варна,,",
    ]
    problems = problems_of(csv_file(tmp_path, lines))
    rows = {(row, column) for row, column, _value, _reason in problems}
    assert rows == {
        (2, "kind"),
        (3, "region"),
        (4, "licensed_on"),
        (5, "licence_number"),
        (6, "licence_revoked_on"),
        (7, "name"),
        (7, "licensed_on"),
    }
    by_place = {(row, column): (value, reason) for row, column, value, reason in problems}
    assert by_place[2, "kind"] == ("ЦПОО", "Непознат вид център: използвайте ЦПО или ЦИПО (CPO или CIPO).")
    assert by_place[3, "region"] == ("Тракия", "Непозната област.")
    assert by_place[4, "licensed_on"][0] == "15.01.2008"
    assert "ред 2" in by_place[5, "licence_number"][1]


@pytest.mark.django_db
def test_one_bad_row_stops_the_good_ones_too(tmp_path):
    problems = problems_of(csv_file(tmp_path, [HEADER, *GOOD, "200812199,XYZ,ЦПО,Варна,Варна,2010-01-01,"]))
    assert [(row, column) for row, column, *_ in problems] == [(5, "kind")]


@pytest.mark.django_db
def test_a_missing_column_is_reported(tmp_path):
    header = HEADER.replace(",municipality", "")
    problems = problems_of(csv_file(tmp_path, [header, "200812101,CPO,ЦПО,Пловдив,2010-05-01,"]))
    assert problems == [(1, "municipality", "", "Колоната липсва в заглавния ред.")]


@pytest.mark.django_db
def test_an_empty_file_is_reported(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert problems_of(path) == [(None, "", "", "Файлът е празен.")]


@pytest.mark.django_db
def test_a_header_without_rows_is_reported(tmp_path):
    assert problems_of(csv_file(tmp_path, [HEADER, ",,,,,,"])) == [
        (None, "", "", "Файлът съдържа заглавен ред, но няма нито един център.")
    ]


@pytest.mark.django_db
def test_a_file_that_is_neither_utf8_nor_xlsx_is_reported(tmp_path):
    path = csv_file(tmp_path, [HEADER, *GOOD], encoding="cp1251")
    assert problems_of(path)[0][3] == "Файлът не е текст в UTF-8, CSV или XLSX."


@pytest.mark.django_db
def test_a_broken_xlsx_is_reported(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert problems_of(path)[0][3] == "Файлът не е четима работна книга XLSX."


@pytest.mark.django_db
def test_a_licence_may_not_change_kind(tmp_path):
    import_centres(csv_file(tmp_path, [HEADER, GOOD[0]]))
    problems = problems_of(csv_file(tmp_path, [HEADER, GOOD[0].replace(",CPO,", ",CIPO,")], name="b.csv"))
    assert [(row, column) for row, column, *_ in problems] == [(2, "kind")]


@pytest.mark.django_db
def test_only_an_agency_admin_may_import(tmp_path, erin, dora):
    path = csv_file(tmp_path, [HEADER, *GOOD])
    for user in (erin, dora):
        with pytest.raises(PermissionDenied):
            import_centres(path, actor=user)
    assert not Centre.objects.filter(licence_number="200812101").exists()


@pytest.mark.django_db
def test_the_command_imports_and_reports_counts(tmp_path):
    out = io.StringIO()
    call_command("import_centres", str(csv_file(tmp_path, [HEADER, *GOOD])), stdout=out)
    assert "създадени: 3" in out.getvalue()
    assert Centre.objects.count() == 3


@pytest.mark.django_db
def test_the_command_prints_every_problem_and_fails(tmp_path):
    lines = [HEADER, "200812201,XYZ,А,Варна,Варна,2010-01-01,", "200812202,CPO,Б,Нарния,Варна,2010-01-01,"]
    err = io.StringIO()
    with pytest.raises(CommandError, match="нищо не е внесено"):
        call_command("import_centres", str(csv_file(tmp_path, lines)), stdout=io.StringIO(), stderr=err)
    printed = err.getvalue().splitlines()
    assert printed == [
        "ред 2, kind „XYZ“: Непознат вид център: използвайте ЦПО или ЦИПО (CPO или CIPO).",
        "ред 3, region „Нарния“: Непозната област.",
    ]
    assert Centre.objects.count() == 0
