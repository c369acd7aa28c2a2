import pytest

from api.tests.helpers import bearer, token_for

pytestmark = pytest.mark.django_db


def test_frameworks_need_a_login_or_token(client, db):
    assert client.get("/api/frameworks").status_code == 401


@pytest.mark.parametrize("persona", ["dora", "vicky", "cleo", "erin", "adam"])
def test_every_role_reads_the_frameworks(request, client, persona):
    key = token_for(request.getfixturevalue(persona), ["read"])
    body = client.get("/api/frameworks", **bearer(key)).json()
    assert {"CPO-2018", "CIPO-2022"} <= {f["code"] for f in body["items"]}


def test_one_framework_has_its_whole_structure(client, dora):
    body = client.get("/api/frameworks/CPO-2018", **bearer(token_for(dora, ["read"]))).json()
    assert [a["code"] for a in body["areas"]] == ["1", "2", "3"]
    assert sum(float(a["max_points"]) for a in body["areas"]) == 100
    first = body["areas"][0]["criteria"][0]
    assert first["code"] == "1.1" and first["levels"]
    assert "id" not in body and "id" not in first


def test_unknown_framework_is_a_404_problem(client, dora):
    response = client.get("/api/frameworks/NOPE", **bearer(token_for(dora, ["read"])))
    assert response.status_code == 404 and response.json()["status"] == 404


def test_the_list_pages_with_a_cursor(client, dora):
    key = token_for(dora, ["read"])
    first = client.get("/api/frameworks", {"limit": 1}, **bearer(key)).json()
    second = client.get("/api/frameworks", {"limit": 1, "cursor": first["next"]}, **bearer(key)).json()
    assert first["items"][0]["code"] < second["items"][0]["code"]
