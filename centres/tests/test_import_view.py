import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centres.models import Centre
from centres.tests.test_import_centres import GOOD, HEADER

URL = reverse("centres:import")


def upload(lines, name="register.csv"):
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), content_type="text/csv")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["dora", "erin"])
def test_only_the_agency_admin_may_import(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload([HEADER, *GOOD])}).status_code == 403
    assert not Centre.objects.filter(licence_number="200812101").exists()


def test_admin_sees_the_form(client_for, adam):
    response = client_for(adam).get(URL)
    assert response.status_code == 200
    assert "Внасяне на регистъра на центровете" in response.content.decode()


def test_a_good_file_is_imported_and_the_counts_shown(client_for, adam):
    response = client_for(adam).post(URL, {"file": upload([HEADER, *GOOD])}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("centres:list")
    assert "добавени центрове — 3" in response.content.decode()
    assert Centre.objects.filter(licence_number__in=["200812101", "300112101", "200812102"]).count() == 3


def test_every_problem_is_shown_in_a_table_and_nothing_saved(client_for, adam, centre_a):
    renamed = f"{centre_a.licence_number},CPO,Ново име,Пловдив,Пловдив,2015-03-01,"
    bad = ["200812109,XYZ,ЦПО,Варна,Варна,2010-01-01,", "200812110,CPO,ЦПО,Варна,Варна,1.1.2010,"]
    response = client_for(adam).post(URL, {"file": upload([HEADER, renamed, *bad])})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Файлът не е внесен: 2 проблема" in html
    assert "Непознат вид център" in html and "XYZ" in html
    assert "Не е дата във вида ГГГГ-ММ-ДД." in html and "1.1.2010" in html
    centre_a.refresh_from_db()
    assert centre_a.name != "Ново име"


def test_a_file_of_another_type_is_refused_by_the_form(client_for, adam):
    response = client_for(adam).post(URL, {"file": upload([HEADER, *GOOD], name="register.pdf")})
    assert response.status_code == 400
    assert "Изберете файл .csv или .xlsx." in response.content.decode()


def test_posting_without_a_file_asks_for_one(client_for, adam):
    response = client_for(adam).post(URL, {})
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
