"""The API's centres pages are kept encoded under the register's version: every change shows at once."""

import pytest

from api.tests.helpers import bearer, token_for
from centres.services import import_centres
from centres.tests.test_import_centres import GOOD, HEADER, csv_file

pytestmark = pytest.mark.django_db
URL = "/api/centres"


def names(client, key):
    return [c["name"] for c in client.get(URL, **bearer(key)).json()["items"]]


def test_a_repeated_page_runs_no_query(
    client, erin, centre_a, django_assert_num_queries, django_capture_on_commit_callbacks
):
    key = token_for(erin, ["read"])
    client.get(URL, **bearer(key))
    with django_assert_num_queries(0):
        assert client.get(URL, **bearer(key)).status_code == 200


def test_an_edited_centre_shows_at_once(client, erin, centre_a, django_capture_on_commit_callbacks):
    key = token_for(erin, ["read"])
    assert centre_a.name in names(client, key)
    with django_capture_on_commit_callbacks(execute=True):
        centre_a.name = "ЦПО „Ново име“"
        centre_a.save()
    assert "ЦПО „Ново име“" in names(client, key)


def test_an_imported_register_shows_at_once(client, erin, adam, centre_a, tmp_path, django_capture_on_commit_callbacks):
    key = token_for(erin, ["read"])
    before = names(client, key)
    with django_capture_on_commit_callbacks(execute=True):
        import_centres(csv_file(tmp_path, [HEADER, *GOOD]), actor=adam)
    assert len(names(client, key)) == len(before) + len(GOOD)


def test_a_centres_cached_page_is_its_own(client, dora, boris, erin, centre_a, centre_b):
    assert len(names(client, token_for(erin, ["read"]))) >= 2
    assert names(client, token_for(dora, ["read"])) == [dora.centre.name]
    assert names(client, token_for(boris, ["read"])) == [boris.centre.name]
