"""Trainees by year of birth, sex and degree, and by citizenship: the form, the rules and the XLSX."""

from django.urls import reverse

from activity.forms import CPO_FORMSETS
from activity.models import TraineeBirthYearRow, TraineeCitizenshipRow
from activity.tests.conftest import YEAR
from activity.tests.test_views import _management
from activity.tests.test_xlsx import as_upload, download, fill, refused, upload


def _post(rows_by_birth_year=(), rows_by_citizenship=()):
    data = {k: v for name in CPO_FORMSETS for k, v in _management(name).items()}
    data.update(_management("trainees_by_birth_year", len(rows_by_birth_year)))
    data.update(_management("trainees_by_citizenship", len(rows_by_citizenship)))
    for prefix, rows in (
        ("trainees_by_birth_year", rows_by_birth_year),
        ("trainees_by_citizenship", rows_by_citizenship),
    ):
        for n, row in enumerate(rows):
            data.update({f"{prefix}-{n}-{key}": "" if value is None else str(value) for key, value in row.items()})
    return data


def _url(centre):
    return reverse("activity:edit", args=[centre.pk, YEAR])


BORN_1990_WOMEN = {"birth_year": 1990, "sex": "female", "degree": 2, "enrolled": 12, "certified": 10}


def test_director_saves_both_tables_through_the_form(client_for, dora, centre_a):
    data = _post(
        [BORN_1990_WOMEN, {"birth_year": 2001, "sex": "male", "degree": None, "enrolled": 5, "certified": ""}],
        [{"citizenship": "bg", "enrolled": 16, "certified": 10}, {"citizenship": "third", "enrolled": 1}],
    )
    response = client_for(dora).post(_url(centre_a), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rows = list(TraineeBirthYearRow.objects.values_list("birth_year", "sex", "degree", "enrolled", "certified"))
    assert rows == [(1990, "female", 2, 12, 10), (2001, "male", None, 5, 0)]
    assert dict(TraineeCitizenshipRow.objects.values_list("citizenship", "enrolled")) == {"bg": 16, "third": 1}


def test_implausible_birth_year_and_more_certified_than_enrolled_are_refused(client_for, dora, centre_a):
    data = _post([{**BORN_1990_WOMEN, "birth_year": YEAR - 5}, {**BORN_1990_WOMEN, "sex": "male", "certified": 13}])
    response = client_for(dora).post(_url(centre_a), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Обучаем през {YEAR} г. е роден между {YEAR - 100} и {YEAR - 14} г." in html
    assert "Завършилите не може да са повече от записаните." in html
    assert not TraineeBirthYearRow.objects.exists()


def test_the_same_year_sex_and_degree_twice_is_refused(client_for, dora, centre_a):
    response = client_for(dora).post(_url(centre_a), _post([BORN_1990_WOMEN, BORN_1990_WOMEN]))
    assert response.status_code == 400
    assert "Това вече е посочено на друг ред." in response.content.decode()
    assert not TraineeBirthYearRow.objects.exists()


def test_same_citizenship_twice_is_refused(client_for, dora, centre_a):
    row = {"citizenship": "eu", "enrolled": 2, "certified": 1}
    response = client_for(dora).post(_url(centre_a), _post(rows_by_citizenship=[row, row]))
    assert response.status_code == 400
    assert not TraineeCitizenshipRow.objects.exists()


def test_xlsx_round_trip_of_both_tables(client_for, dora, centre_a):
    client = client_for(dora)
    workbook = download(client, centre_a)
    assert {"По година на раждане", "По гражданство"} <= set(workbook.sheetnames)
    fill(
        workbook["По година на раждане"],
        {"birth_year": 1985, "sex": "Жени", "degree": 3, "enrolled": 7, "certified": 6},
    )
    fill(workbook["По гражданство"], {"citizenship": "на друга държава от ЕС", "enrolled": 2, "certified": 2})
    assert upload(client, centre_a, as_upload(workbook)).status_code == 302
    assert list(TraineeBirthYearRow.objects.values_list("birth_year", "sex", "degree", "enrolled", "certified")) == [
        (1985, "female", 3, 7, 6)
    ]
    assert list(TraineeCitizenshipRow.objects.values_list("citizenship", "enrolled")) == [("eu", 2)]
    again = download(client, centre_a)
    keys = [c.value for c in again["По година на раждане"][2]]
    row = {k: c.value for k, c in zip(keys, again["По година на раждане"][3], strict=False)}
    assert (row["birth_year"], row["sex"], row["enrolled"]) == (1985, "Жени", 7)


def test_xlsx_rows_break_the_same_rules_as_the_form(client_for, dora, centre_a):
    client = client_for(dora)
    workbook = download(client, centre_a)
    sheet = workbook["По година на раждане"]
    fill(sheet, {"birth_year": YEAR, "sex": "Мъже", "enrolled": 3, "certified": 1})
    fill(sheet, {"birth_year": 1990, "sex": "Мъже", "enrolled": 3, "certified": 1}, row=4)
    fill(sheet, {"birth_year": 1990, "sex": "Мъже", "enrolled": 2, "certified": 0}, row=5)
    _body, errors = refused(upload(client, centre_a, as_upload(workbook)))
    assert {(e.sheet, e.row) for e in errors} == {("По година на раждане", 3), ("По година на раждане", 5)}
    assert not TraineeBirthYearRow.objects.exists()
