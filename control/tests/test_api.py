"""Controls and the risk ranking through the API: a centre sees its own controls once ordered; the ranking is
the agency's."""

import pytest

from api.tests.helpers import bearer, token_for
from control.models import State
from control.tests.conftest import walk

pytestmark = pytest.mark.django_db


def ids(client, user):
    body = client.get("/api/control/controls", **bearer(token_for(user, ["read"]))).json()
    return [c["id"] for c in body["items"]]


def test_a_planned_control_is_the_agencys_alone(client, planned, dora, erin):
    assert ids(client, erin) == [planned.pk]
    assert ids(client, dora) == []
    assert client.get(f"/api/control/controls/{planned.pk}", **bearer(token_for(dora, ["read"]))).status_code == 404


def test_an_ordered_control_is_shown_to_its_centre_with_its_findings(client, planned, dora, boris, erin):
    control = walk(planned, erin, State.PROTOCOL_ISSUED)
    assert ids(client, dora) == [control.pk] and ids(client, boris) == []
    body = client.get(f"/api/control/controls/{control.pk}", **bearer(token_for(dora, ["read"]))).json()
    assert body["licence_number"] == dora.centre.licence_number
    assert body["findings"][0]["klass"] == "irregularity" and "id" not in body["findings"][0]


def test_the_risk_ranking_is_for_the_agency(client, centre_a, centre_b, dora, erin):
    assert client.get("/api/control/risk/2024", **bearer(token_for(dora, ["read"]))).status_code == 403
    body = client.get("/api/control/risk/2024", **bearer(token_for(erin, ["read"]))).json()
    assert [c["rank"] for c in body["centres"]] == list(range(1, len(body["centres"]) + 1))
    first = body["centres"][0]["signals"][0]
    assert set(first) >= {"code", "weight", "value", "points", "explanation"}
