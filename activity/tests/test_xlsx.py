"""The XLSX template: download → fill with openpyxl → upload → the same numbers; bad files refused whole."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from activity.models import ActivityReport, Course, ServiceRow
from activity.tests.conftest import YEAR

COURSE_ROW = {
    "profession": "341010",
    "specialty": "3410101",
    "kind": "Степен на професионална квалификация",
    "degree": 2,
    "region": "Пловдив",
    "start_date": dt.datetime(YEAR, 2, 1),
    "end_date": dt.datetime(YEAR, 5, 31),
    "hours": 660,
    "price": 850.5,
    "funding": "Агенция по заетостта",
    "enrolled": 24,
    "enrolled_women": 14,
    "enrolled_men": 10,
    "certified": 20,
    "certified_validation": 3,
    "vulnerable": 5,
    "exam_admitted": 21,
    "exam_passed": 20,
    "dropped_out": 2,
}


def download(client, centre):
    response = client.get(reverse("activity:template", args=[centre.pk, YEAR]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def fill(ws, values, row=3):
    keys = [c.value for c in ws[2]]
    for key, value in values.items():
        ws.cell(row=row, column=keys.index(key) + 1, value=value)


def as_upload(workbook, name="activity.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def upload(client, centre, file):
    return client.post(reverse("activity:upload", args=[centre.pk, YEAR]), {"file": file})


def test_round_trip_gives_the_same_numbers(client_for, dora, centre_a):
    client = client_for(dora)
    workbook = download(client, centre_a)
    assert workbook.sheetnames[:5] == [
        "Указания",
        "Обучители и проследяване",
        "Курсове",
        "Валидиране",
        "Материална база",
    ]
    courses = workbook["Курсове"]
    assert courses["A1"].value.startswith("Код на професията")
    assert courses.row_dimensions[2].hidden
    fill(courses, COURSE_ROW)
    fill(
        courses,
        {
            **COURSE_ROW,
            "kind": "Правоспособност",
            "degree": None,
            "enrolled": 10,
            "enrolled_women": None,
            "enrolled_men": None,
            "certified": 9,
            "certified_validation": 0,
            "exam_admitted": 0,
            "exam_passed": 0,
            "dropped_out": 0,
        },
        row=4,
    )
    fill(
        workbook["Обучители и проследяване"],
        {"trainers_total": 8, "trainers_trained_internal": 5, "graduates_followed_up": 30, "graduates_employed": 20},
    )
    fill(workbook["Валидиране"], {"profession": "341010", "procedures": 4, "persons": 4, "documents_issued": 3})
    fill(workbook["Материална база"], {"profession": "811070", "ownership": "Наета", "compliant": "Да"})

    response = upload(client, centre_a, as_upload(workbook))
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = ActivityReport.objects.get(centre=centre_a, year=YEAR)
    assert (activity.trainers_total, activity.trainers_trained_internal, activity.graduates_employed) == (8, 5, 20)
    course = Course.objects.get(activity=activity, kind="degree")
    assert (course.enrolled, course.enrolled_women, course.certified, course.exam_passed) == (24, 14, 20, 20)
    assert course.price == Decimal("850.50")
    assert course.specialty.code == "3410101"
    assert course.start_date == dt.date(YEAR, 2, 1)
    assert course.funding == "labour_office"
    assert Course.objects.get(activity=activity, kind="legal").degree is None
    assert activity.validations.get().documents_issued == 3
    base = activity.material_bases.get()
    assert (base.ownership, base.compliant) == ("rented", True)

    # Downloading again gives back what was uploaded; uploading that unchanged changes nothing.
    again = download(client, centre_a)
    keys = [c.value for c in again["Курсове"][2]]
    row = {k: c.value for k, c in zip(keys, again["Курсове"][3], strict=False)}
    # The profession shows as "code name" (the drop-down's form); the reader takes the code.
    assert row["profession"].split(" ", 1)[0] == "341010"
    assert (row["enrolled"], row["certified"], row["kind"]) == (24, 20, COURSE_ROW["kind"])
    assert upload(client, centre_a, as_upload(again)).status_code == 302
    assert Course.objects.filter(activity=activity).count() == 2
    assert Course.objects.get(activity=activity, kind="degree").price == Decimal("850.50")


def test_cipo_round_trip(client_for, cleo, centre_c):
    client = client_for(cleo)
    workbook = download(client, centre_c)
    fill(workbook["Клиенти"], {"clients_total": 50, "clients_bulgaria": 50, "clients_average_age": 31.5})
    fill(workbook["Услуги"], {"service": "Кариерно консултиране", "clients": 30, "sessions": 45})
    fill(workbook["Финансиране"], {"source": "Програми и проекти на ЕС", "amount": 15000})
    assert upload(client, centre_c, as_upload(workbook)).status_code == 302
    activity = ActivityReport.objects.get(centre=centre_c)
    assert activity.clients_average_age == Decimal("31.5")
    assert ServiceRow.objects.get(activity=activity).service == "counselling"


def refused(response):
    assert response.status_code == 400
    return response.content.decode(), response.context["errors"]


@pytest.fixture
def existing(activity_a, add_course):
    add_course(activity_a, enrolled=7, certified=7, exam_admitted=7, exam_passed=6)
    return activity_a


def assert_unchanged(activity):
    assert list(Course.objects.filter(activity=activity).values_list("enrolled", flat=True)) == [7]


def test_text_in_a_number_cell_is_refused_with_its_place(client_for, dora, centre_a, existing):
    client = client_for(dora)
    workbook = download(client, centre_a)
    fill(workbook["Курсове"], {**COURSE_ROW, "enrolled": "двадесет"}, row=5)
    body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    assert [(e.sheet, e.row) for e in errors] == [("Курсове", 5)]
    assert errors[0].column.startswith("K (Записани")
    assert "Тук се очаква число, а не текст." in body
    assert_unchanged(existing)


def test_negative_numbers_and_formulas_are_refused_all_at_once(client_for, dora, centre_a, existing):
    client = client_for(dora)
    workbook = download(client, centre_a)
    fill(workbook["Курсове"], {**COURSE_ROW, "hours": -5})
    fill(workbook["Курсове"], {**COURSE_ROW, "certified": "=K4-1"}, row=4)
    body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    assert {(e.row, e.message) for e in errors} >= {
        (3, "Не може да е отрицателно число."),
        (4, "Формули не се приемат: въведете самата стойност."),
    }
    assert_unchanged(existing)


def test_inconsistent_rows_are_refused_by_the_same_rules_as_the_form(client_for, dora, centre_a, existing):
    client = client_for(dora)
    workbook = download(client, centre_a)
    fill(workbook["Курсове"], {**COURSE_ROW, "certified": 30, "profession": "999999"})
    _body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    messages = {e.message for e in errors}
    assert "Завършилите не може да са повече от записаните." in messages
    assert any("999999" in m for m in messages)
    assert_unchanged(existing)


def test_a_missing_or_unknown_sheet_is_refused(client_for, dora, centre_a, existing):
    client = client_for(dora)
    workbook = download(client, centre_a)
    del workbook["Валидиране"]
    workbook.create_sheet("Лист1")
    _body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    assert {(e.sheet, e.message) for e in errors} == {
        ("Валидиране", "Листът липсва."),
        ("Лист1", "Непознат лист: в шаблона няма такъв лист."),
    }
    assert_unchanged(existing)


def test_changed_header_rows_are_refused(client_for, dora, centre_a, existing):
    client = client_for(dora)
    workbook = download(client, centre_a)
    workbook["Курсове"].delete_cols(3)
    _body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    assert errors[0].sheet == "Курсове" and errors[0].row == 2
    assert_unchanged(existing)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4 not a workbook", b"code,name\n1,2\n", None],
    ids=["pdf", "csv", "zip-without-workbook"],
)
def test_a_file_that_is_not_xlsx_is_refused(client_for, dora, centre_a, existing, content):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
        content = buffer.getvalue()
    response = upload(client_for(dora), centre_a, SimpleUploadedFile("activity.xlsx", content))
    body, errors = refused(response)
    assert "Файлът не е работна книга на Excel (XLSX)." in body
    assert_unchanged(existing)


def test_an_oversized_file_is_refused(client_for, dora, centre_a, settings, existing):
    from activity import xlsx

    big = SimpleUploadedFile("a.xlsx", b"0" * (xlsx.MAX_UPLOAD_BYTES + 1))
    body, _errors = refused(upload(client_for(dora), centre_a, big))
    assert "по-голям от 5 МБ" in body
    assert_unchanged(existing)


@pytest.mark.parametrize("persona", ["vicky", "erin"])
def test_only_editors_of_the_centre_may_upload(request, client_for, centre_a, persona, existing):
    client = client_for(request.getfixturevalue(persona))
    workbook = download(client, centre_a)
    assert upload(client, centre_a, as_upload(workbook)).status_code == 403
    assert_unchanged(existing)


def test_another_centre_cannot_upload_or_download(client_for, boris, centre_a):
    client = client_for(boris)
    assert client.get(reverse("activity:template", args=[centre_a.pk, YEAR])).status_code == 404
    response = client.post(
        reverse("activity:upload", args=[centre_a.pk, YEAR]), {"file": SimpleUploadedFile("a.xlsx", b"x")}
    )
    assert response.status_code == 404
