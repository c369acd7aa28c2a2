import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.helpers import bearer, token_for
from centres import registry_version
from conftest import make_centre

pytestmark = pytest.mark.django_db


def test_a_centre_user_sees_only_its_own_centre(client, dora, centre_b):
    key = token_for(dora, ["read"])
    items = client.get("/api/centres", **bearer(key)).json()["items"]
    assert [c["licence_number"] for c in items] == [dora.centre.licence_number]
    assert client.get(f"/api/centres/{centre_b.licence_number}", **bearer(key)).status_code == 404


def test_the_agency_sees_every_centre_filtered_as_the_web_list(client, erin, centre_a, centre_b, centre_c):
    key = token_for(erin, ["read"])
    items = client.get("/api/centres", {"region": "Варна"}, **bearer(key)).json()["items"]
    assert [c["licence_number"] for c in items] == [centre_b.licence_number]
    one = client.get(f"/api/centres/{centre_c.licence_number}", **bearer(key)).json()
    assert one["kind"] == "CIPO" and "id" not in one


def test_centres_list_runs_constant_queries(client, erin):
    key = token_for(erin, ["read"])

    def count():
        client.get("/api/centres", **bearer(key))  # the token's once-a-minute last-used write, out of the count
        cache.delete(registry_version.KEY)  # the page itself, not its kept copy (test_api_page_cache.py)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/centres", {"limit": 200}, **bearer(key)).status_code == 200
        return len(ctx)

    for i in range(3):
        make_centre(f"2099000{i:02d}", f"ЦПО {i}")
    few = count()
    for i in range(3, 40):
        make_centre(f"2099000{i:02d}", f"ЦПО {i}")
    assert count() == few


def test_pages_cover_every_centre_once(client, erin):
    for i in range(7):
        make_centre(f"2099100{i:02d}", f"ЦПО {i}")
    key = token_for(erin, ["read"])
    seen, cursor = [], None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/centres", params, **bearer(key)).json()
        seen += [c["licence_number"] for c in body["items"]]
        cursor = body["next"]
        if not cursor:
            break
    assert sorted(seen) == seen and len(seen) == len(set(seen)) == 7
