"""Lists keep a constant number of queries however many sessions, graduates or marks they show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.tests.conftest import run_session


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_session_page_does_not_grow_with_its_graduates(client_for, bella, planned_session):
    client = client_for(bella)
    url = f"/assessment/sessions/{planned_session.pk}/"
    before = _count(client, url)
    run_session(bella, planned_session, lambda p, u, c: "4", lambda p, u, c: "5")
    assert _count(client, url) <= before  # 6 graduates × 12 agreed marks each, same queries


def test_the_index_and_the_sample_page_do_not_grow(client_for, erin, bella, planned_session, sample):
    client = client_for(erin)
    index, sample_page = _count(client, "/assessment/"), _count(client, f"/assessment/samples/{sample.pk}/")
    run_session(bella, planned_session, lambda p, u, c: "4", lambda p, u, c: "5")
    assert _count(client, "/assessment/") <= index
    assert _count(client, f"/assessment/samples/{sample.pk}/") <= sample_page
