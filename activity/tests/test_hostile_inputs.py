"""Hostile and natural values in the activity XLSX and the web form: refused with a message or accepted
as people mean them, never a 500, never a stored value that breaks pages afterwards."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from activity.models import ActivityReport, Course, TraineeBirthYearRow, TraineeCitizenshipRow
from activity.tests.conftest import YEAR
from activity.tests.test_views import cpo_post
from activity.tests.test_xlsx import COURSE_ROW, as_upload, download, fill, refused, upload


@pytest.mark.parametrize(
    "value", ["1E400", "1e300", "NaN", "sNaN", "Infinity", "-Infinity", 9223372036854775807, 1e300]
)
def test_absurd_numbers_in_the_xlsx_are_refused(client_for, dora, centre_a, value):
    client = client_for(dora)
    workbook = download(client, centre_a)
    fill(workbook["Курсове"], {**COURSE_ROW, "enrolled": value})
    _body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    assert [(e.sheet, e.row) for e in errors][:1] == [("Курсове", 3)]
    assert not Course.objects.exists()


def test_a_truncated_sheet_is_a_listed_problem(client_for, dora, centre_a):
    client = client_for(dora)
    buffer = io.BytesIO()
    download(client, centre_a).save(buffer)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet3.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    response = upload(client, centre_a, SimpleUploadedFile("a.xlsx", damaged.getvalue()))
    assert response.status_code == 400
    assert not ActivityReport.objects.exists()


def test_a_zip_bomb_named_xlsx_is_refused_before_unpacking(client_for, dora, centre_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    body, _errors = refused(upload(client_for(dora), centre_a, SimpleUploadedFile("a.xlsx", buffer.getvalue())))
    assert "разархивиран" in body or "unpacked" in body


def test_a_file_for_another_centre_is_refused(client_for, dora, boris, centre_a, centre_b):
    workbook = download(client_for(boris), centre_b)
    fill(workbook["Курсове"], COURSE_ROW)
    _body, errors = refused(upload(client_for(dora), centre_a, as_upload(workbook)))
    assert len(errors) == 1 and centre_b.licence_number in errors[0].message
    assert not Course.objects.exists()


def test_a_file_for_another_year_is_refused(client_for, dora, centre_a):
    client = client_for(dora)
    workbook = download(client, centre_a)
    workbook["Указания"]["A1"] = f"Информация за дейността за {YEAR - 1} г."
    _body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    assert len(errors) == 1 and str(YEAR - 1) in errors[0].message


def test_natural_short_forms_and_decimal_commas_are_accepted(client_for, dora, centre_a):
    client = client_for(dora)
    workbook = download(client, centre_a)
    fill(workbook["Курсове"], {**COURSE_ROW, "price": "850,50", "profession": "341010 Продавач-консултант"})
    fill(workbook["По година на раждане"], {"birth_year": 1990, "sex": "Ж", "enrolled": 3, "certified": 2})
    fill(workbook["По гражданство"], {"citizenship": "България", "enrolled": 3, "certified": 2})
    response = upload(client, centre_a, as_upload(workbook))
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert Course.objects.get().price == Decimal("850.50")
    assert TraineeBirthYearRow.objects.get().sex == "female"
    assert TraineeCitizenshipRow.objects.get().citizenship == "bg"


def test_every_coded_column_has_a_drop_down_with_labels(client_for, dora, centre_a):
    workbook = download(client_for(dora), centre_a)
    for title, letter in (("По година на раждане", "B"), ("По гражданство", "A"), ("Курсове", "A")):
        ws = workbook[title]
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert any(letter + "3" in str(dv.sqref) for dv in lists), title
    values = {str(c.value) for col in workbook.worksheets[-1].iter_cols() for c in col if c.value}
    assert any(v.startswith("341010 Продавач") for v in values)
    assert {"Жени", "Мъже", "българско"} <= values


def test_the_web_form_takes_a_decimal_comma_and_refuses_huge_counts(client_for, dora, centre_a, profession):
    url = reverse("activity:edit", args=[centre_a.pk, YEAR])
    client = client_for(dora)
    huge = client.post(url, cpo_post(profession, enrolled="9223372036854775807"))
    assert huge.status_code == 400
    assert not ActivityReport.objects.exists()
    for bad in ("NaN", "1e400", "Infinity"):
        assert client.post(url, cpo_post(profession, price=bad)).status_code == 400
    response = client.post(url, cpo_post(profession, price="1 234,50"))
    assert response.status_code == 302
    assert Course.objects.get().price == Decimal("1234.50")


def test_the_database_refuses_out_of_range_counts(activity_a, add_course):
    with pytest.raises(IntegrityError), transaction.atomic():
        add_course(activity_a, enrolled=9223372036854775807 // 2**32)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityReport.objects.filter(pk=activity_a.pk).update(year=99)
