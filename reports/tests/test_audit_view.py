import pytest
from django.urls import reverse

from reports import services
from reports.tests.conftest import full_answers


def url(report):
    return reverse("reports:audit", args=[report.pk])


def test_anonymous_is_sent_to_login(client, submitted):
    response = client.get(url(submitted))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_centre_gets_404(client_for, boris, submitted):
    assert client_for(boris).get(url(submitted)).status_code == 404


@pytest.mark.parametrize("who", ["dora", "vicky", "erin", "adam"])
def test_own_centre_and_agency_see_the_trail(client_for, request, submitted, who):
    response = client_for(request.getfixturevalue(who)).get(url(submitted))
    assert response.status_code == 200
    assert [row["action"] for row in response.context["rows"]] == ["Подаден", "Записана чернова", "Докладът е създаден"]


def test_every_state_change_and_every_save_after_submission_is_shown(client_for, dora, erin, submitted):
    services.return_report(submitted, actor=erin, comment="Обосновете 1.1.", notes={"1.1": "Как?"})
    submitted.refresh_from_db()
    answers = full_answers(submitted)
    answers["1.1"]["comment"] = "Добавихме обосновка."
    services.save_draft(submitted, actor=dora, lock_version=submitted.lock_version, answers=answers)
    response = client_for(dora).get(url(submitted))
    rows = response.context["rows"]
    assert [r["action"] for r in rows] == [
        "Запис след подаване",
        "Върнат за корекция",
        "Подаден",
        "Записана чернова",
        "Докладът е създаден",
    ]
    returned = rows[1]
    assert (returned["from"], returned["to"]) == ("Подаден", "Върнат за корекция")
    html = response.content.decode()
    assert "Обосновете 1.1." in html and "Как?" in html
    assert "Добавихме обосновка." in html and "Erin" in html and "Dora" in html
    assert "Подаден → Върнат за корекция" in html
