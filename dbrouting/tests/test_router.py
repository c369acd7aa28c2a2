"""The replica router: analysis, exports and public reads go to the replica when one is configured."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dbrouting import router
from reports.models import Report


def test_without_a_replica_everything_reads_from_the_primary(monkeypatch):
    monkeypatch.setattr(router, "replica_configured", lambda: False)
    with router.reads_from_replica():
        assert router.ReplicaRouter().db_for_read(Report) == "default"


def test_with_a_replica_only_marked_reads_go_there(monkeypatch):
    monkeypatch.setattr(router, "replica_configured", lambda: True)
    routing = router.ReplicaRouter()
    assert routing.db_for_read(Report) == "default"
    with router.reads_from_replica():
        assert routing.db_for_read(Report) == router.REPLICA
        assert routing.db_for_write(Report) == "default"
    assert routing.db_for_read(Report) == "default"
    assert routing.allow_migrate(router.REPLICA, "reports") is False
    from accounts.models import User

    with router.reads_from_replica():
        assert routing.db_for_read(User) == "default", "who is logged in always comes from the primary"


def test_the_middleware_marks_only_reads_of_the_configured_pages(rf, monkeypatch, settings):
    seen = []
    middleware = router.ReplicaReadsMiddleware(lambda request: seen.append(router._use_replica.get()))
    settings.REPLICA_PATH_PREFIXES = ["/analysis/"]
    middleware(rf.get("/analysis/2024/"))
    middleware(rf.post("/analysis/2024/texts/"))
    middleware(rf.get("/reports/"))
    assert seen == [True, False, False]


@pytest.mark.skipif("replica" not in connections.settings, reason="DATABASE_REPLICA_URL is not set")
@pytest.mark.django_db(databases=["default", "replica"])
def test_the_analysis_page_reads_from_the_replica(client_for, erin):
    client = client_for(erin)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get(reverse("analysis:dashboard", args=[2024]))
    assert response.status_code == 200
    assert len(on_replica) > 0
    with CaptureQueriesContext(connections["replica"]) as elsewhere:
        client.get(reverse("reports:list"))
    assert len(elsewhere) == 0
    connections["replica"].close()  # a mirror's kept connection would block dropping the test database
