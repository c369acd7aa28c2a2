"""The expert's home page shows the controls they inspect, with overdue steps."""

import pytest
from django.urls import reverse

from control.models import State
from control.tests.conftest import walk

pytestmark = pytest.mark.django_db


def test_the_inspectors_home_shows_their_open_controls(client_for, planned, erin, erin2):
    control = walk(planned, erin, State.INSPECTING)
    response = client_for(erin).get(reverse("home"))
    assert [row["control"] for row in response.context["control"]["open"]] == [control]
    assert reverse("control:list") + "?mine=1" in response.content.decode()


def test_an_expert_who_inspects_nothing_has_no_open_controls(client_for, planned, erin, erin2):
    walk(planned, erin, State.INSPECTING)
    assert client_for(erin2).get(reverse("home")).context["control"]["open"] == []
