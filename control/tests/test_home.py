"""What the expert's home and a centre's pages can show about controls (context for the lead to wire)."""

import datetime as dt

from control import timers
from control.home import centre_controls, control_home
from control.models import Control, State
from control.tests.conftest import walk


def test_expert_home_flags_overdue_steps(planned, erin):
    walk(planned, erin, State.OBJECTION_WINDOW)
    # The window passed with findings and nobody opened the remedy period: overdue.
    Control.objects.filter(pk=planned.pk).update(protocol_delivered_on=timers.today() - dt.timedelta(days=30))
    home = control_home(erin)
    assert [r["control"].pk for r in home["open"]] == [planned.pk]
    assert [r["control"].pk for r in home["overdue"]] == [planned.pk]
    assert home["overdue"][0]["deadline"].days_overdue > 0


def test_centre_controls_hide_planned_ones_from_the_centre(planned, erin, dora):
    assert centre_controls(dora.centre, dora)["controls"] == []
    assert [c.pk for c in centre_controls(dora.centre, erin)["controls"]] == [planned.pk]
    walk(planned, erin, State.REMEDY)
    shown = centre_controls(dora.centre, dora)
    assert [c.pk for c in shown["controls"]] == [planned.pk]
    assert len(shown["open_recommendations"]) == 1


def test_list_flags_overdue(client_for, planned, erin):
    from django.urls import reverse

    walk(planned, erin, State.OBJECTION_WINDOW)
    Control.objects.filter(pk=planned.pk).update(protocol_delivered_on=timers.today() - dt.timedelta(days=30))
    page = client_for(erin).get(reverse("control:list")).content.decode()
    assert "badge-overdue" in page
