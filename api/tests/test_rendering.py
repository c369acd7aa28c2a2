"""The hot read endpoints skip ninja's second validation (api.rendering): their bytes must be what ninja
would send after validating against the published schema."""

import json

import pytest
from ninja.responses import NinjaJSONEncoder

from api.tests.helpers import bearer, token_for
from centres.api import CentreOut, CentrePage

pytestmark = pytest.mark.django_db


def as_ninja_would_send(schema, body):
    return json.dumps(schema.model_validate(body).model_dump(), cls=NinjaJSONEncoder).encode()


@pytest.mark.parametrize("url", ["/api/centres", "/api/centres?limit=1"])
def test_the_centres_list_answers_exactly_what_its_schema_renders(client, erin, centre_a, centre_b, url):
    response = client.get(url, **bearer(token_for(erin, ["read"])))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json()["items"]
    assert response.content == as_ninja_would_send(CentrePage, response.json())


def test_the_cursor_of_a_values_page_leads_to_the_next_row(client, erin, centre_a, centre_b):
    key = token_for(erin, ["read"])
    first = client.get("/api/centres?limit=1", **bearer(key)).json()
    second = client.get(f"/api/centres?limit=1&cursor={first['next']}", **bearer(key)).json()
    assert first["items"][0]["licence_number"] < second["items"][0]["licence_number"]


def test_one_centre_answers_exactly_what_its_schema_renders(client, dora):
    response = client.get(f"/api/centres/{dora.centre.licence_number}", **bearer(token_for(dora, ["read"])))
    assert response.content == as_ninja_would_send(CentreOut, response.json())
