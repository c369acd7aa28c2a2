"""The follow-up control outcome on the public record: only closed controls, in plain words."""

import pytest
from django.utils import translation

from control.models import State
from control.tests.conftest import planned, walk  # noqa: F401  (the planned fixture)
from public import rules

pytestmark = pytest.mark.django_db


def test_no_closed_control_says_so(centre_a):
    assert rules.control_outcome(centre_a.pk).note() == str(rules.NO_CLOSED_CONTROL)


def test_an_open_control_is_never_shown(planned, erin, centre_a):  # noqa: F811
    walk(planned, erin, State.PROTOCOL_ISSUED)
    assert not rules.control_outcome(centre_a.pk).shown


def test_a_closed_control_with_remedied_findings_is_said_in_plain_words(planned, erin, centre_a):  # noqa: F811
    from control import services

    control = walk(planned, erin, State.REMEDY)
    for finding in control.findings.all():
        services.mark_recommendation(finding, actor=erin, fulfilled=True)
    services.close_control(control, actor=erin, report_text="Нередовностите са отстранени.")
    outcome = rules.control_outcome(centre_a.pk)
    assert outcome.shown
    with translation.override("bg"):
        assert str(outcome.value.text) == f"проверен през {outcome.value.year} г.: с отстранени нередовности"
