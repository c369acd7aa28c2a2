import threading

import pytest
from django.db import connection, connections

from audit.models import AuditEntry
from reports import services
from reports.models import Report, Submission

from .conftest import fill


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submits_give_one_submission_and_one_audit_entry(dora):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; the sequential double submit covers SQLite")
    report = services.open_report(dora.centre, 2024, actor=dora)
    fill(report, dora)
    barrier = threading.Barrier(20)
    results, errors = [], []

    def submit():
        try:
            own = Report.objects.get(pk=report.pk)  # each thread: its own connection and instance
            barrier.wait(timeout=30)
            results.append(services.submit_report(own, actor=dora, declared=True).pk)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 20 and len(set(results)) == 1
    assert Submission.objects.filter(report=report).count() == 1
    assert AuditEntry.objects.for_object(report).filter(action="submit").count() == 1
