"""The centre's year page: the controls panel, from the year's follow-up controls as the user may see them."""

import datetime as dt

import pytest
from django.urls import reverse

from control import services, timers
from control.models import ControlKind, ControlType, Finding, State
from control.tests.conftest import walk

YEAR = 2024


@pytest.fixture
def planned(centre_a, erin):
    """A control of centre A planned from the ranking of YEAR (walk() takes it further)."""
    return services.plan_controls(YEAR, [centre_a], actor=erin, kind=ControlKind.PERIODIC, type=ControlType.COMPLEX)[0]


def page(client, centre, year=YEAR):
    response = client.get(reverse("centre_year", args=[centre.pk, year]))
    assert response.status_code == 200
    panel = next(p for p in response.context["panels"] if p.key == "controls")
    return response, panel


def test_the_expert_sees_the_planned_control_the_centre_is_not_told_of(client_for, erin, dora, planned):
    _response, panel = page(client_for(erin), planned.centre)
    assert panel.state == "Последващ контрол: предстояща"
    assert panel.url == reverse("control:case", args=[planned.pk])
    response, panel = page(client_for(dora), planned.centre)
    assert panel.state == "Няма последващ контрол тази година"
    assert panel.url == "" and panel.context["rows"] == []
    assert reverse("control:case", args=[planned.pk]) not in response.content.decode()


def test_with_the_protocol_issued_both_see_its_state_and_the_open_recommendations(client_for, erin, dora, planned):
    control = walk(planned, erin, State.PROTOCOL_ISSUED)  # with one finding, its recommendation open
    Finding.objects.create(
        control=control,
        klass="violation",
        text="Липсва план за обучение на преподавателите.",
        recommendation="Приемете план за обучение.",
        deadline=timers.today() + dt.timedelta(days=30),
    )
    Finding.objects.create(  # found fulfilled already: not open
        control=control,
        klass="irregularity",
        text="Непопълнен дневник.",
        recommendation="Попълнете дневника.",
        deadline=timers.today() + dt.timedelta(days=30),
        fulfilled=True,
    )
    for user in (erin, dora):
        response, panel = page(client_for(user), control.centre)
        assert panel.state == "Последващ контрол: издаден протокол, 2 неизпълнени препоръки"
        html = response.content.decode()
        assert f'href="{reverse("control:case", args=[control.pk])}"' in html
        assert "2 неизпълнени препоръки" in html
        assert panel.next_step == ""


def test_an_inspection_under_way_has_no_recommendations_yet(client_for, dora, erin, planned):
    control = walk(planned, erin, State.INSPECTING)
    Finding.objects.create(  # being written: a recommendation only with the protocol
        control=control,
        klass="violation",
        text="Липсва план за обучение на преподавателите.",
        recommendation="Приемете план за обучение.",
        deadline=timers.today() + dt.timedelta(days=30),
    )
    _response, panel = page(client_for(dora), planned.centre)
    assert panel.state == "Последващ контрол: текуща проверка"
    assert panel.context["rows"][0]["open_recommendations"] == 0
    assert panel.context["rows"][0]["deadline"] is not None  # the protocol's, with days left


def test_in_the_remedy_period_the_centre_is_asked_for_its_report(client_for, erin, dora, vicky, planned):
    control = walk(planned, erin, State.REMEDY)
    response, panel = page(client_for(dora), control.centre)
    assert panel.state == "Последващ контрол: отстраняване на нередовности, 1 неизпълнена препоръка"
    step = f"Докладвайте за изпълнените препоръки от последващия контрол до {control.remedy_deadline:%d.%m.%Y}."
    assert step in response.context["steps"] and panel.complete is False
    for user in (vicky, erin):  # a viewer cannot report; the agency does not
        response, panel = page(client_for(user), control.centre)
        assert panel.next_step == "" and step not in response.context["steps"]


def test_another_years_page_does_not_show_the_control(client_for, erin, planned):
    _response, panel = page(client_for(erin), planned.centre, YEAR - 1)
    assert panel.state == "Няма последващ контрол тази година"
