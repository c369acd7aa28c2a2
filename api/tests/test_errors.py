"""Bad input to the API: one problem-document shape, 4xx, every problem with a path, nothing saved."""

import json

import pytest

from api.tests.helpers import bearer, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(dora):
    return token_for(dora)


def put(client, url, body, key, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.put(url, data, content_type="application/json", **bearer(key), **headers)


def test_anonymous_gets_a_401_problem(client, db):
    response = client.get("/api/frameworks")
    assert response.status_code == 401
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}


def test_problems_speak_bulgarian_by_default_and_english_on_request(client, db):
    bg = client.get("/api/frameworks").json()["title"]
    en = client.get("/api/frameworks", HTTP_ACCEPT_LANGUAGE="en").json()["title"]
    assert bg != en and en == "Not authenticated"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ('{"header": {"a": NaN}}', 400),
        ('{"header": {"a": Infinity}}', 400),
        ("{" * 5000 + "}" * 5000, 400),
        ('{"header": {"a": "x\\u0000y"}}', 400),
        ("not json", 400),
        ('{"unknown": 1}', 400),
        ('{"rows": "courses"}', 400),
    ],
)
def test_hostile_bodies_are_400(client, dora, key, body, status):
    response = put(client, f"/api/activity/{dora.centre.licence_number}/2024", body, key)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_a_huge_body_is_413(client, dora, key, settings):
    settings.API_MAX_BODY_BYTES = 10_000
    body = json.dumps({"header": {"x": "a" * 20_000}})
    assert put(client, f"/api/activity/{dora.centre.licence_number}/2024", body, key).status_code == 413


def test_nul_bytes_are_reported_with_their_path(client, dora, key):
    response = put(client, f"/api/activity/{dora.centre.licence_number}/2024", '{"header": {"a": "\\u0000"}}', key)
    assert response.json()["errors"][0]["path"] == "/header/a"


def test_a_bad_cursor_is_400(client, key):
    assert client.get("/api/centres", {"cursor": "!!!"}, **bearer(key)).status_code == 400
    assert client.get("/api/centres", {"limit": 0}, **bearer(key)).status_code == 400
