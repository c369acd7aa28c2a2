"""Reporting years and per-centre deadline extensions: the admin's own pages, audited, and the on-time rule."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from reports import services
from reports.deadlines import SOFIA, is_on_time, last_on_time_day
from reports.models import DeadlineExtension, ReportingYear
from reports.tests.conftest import YEAR, fill

AFTER_DEADLINE = dt.datetime(YEAR + 1, 2, 5, 12, tzinfo=SOFIA)


def test_the_on_time_rule_respects_a_centres_extension(adam, centre_a, centre_b):
    services.grant_extension(centre_a, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 2, 10), reason="Наводнение.")
    assert is_on_time(AFTER_DEADLINE, YEAR, centre=centre_a) is True
    assert is_on_time(AFTER_DEADLINE, YEAR, centre=centre_b) is False
    assert is_on_time(dt.datetime(YEAR + 1, 2, 10, 23, 59, tzinfo=SOFIA), YEAR, centre=centre_a) is True
    assert is_on_time(dt.datetime(YEAR + 1, 2, 11, 0, 0, tzinfo=SOFIA), YEAR, centre=centre_a) is False
    assert last_on_time_day(YEAR, centre_a) == dt.date(YEAR + 1, 2, 10)


def test_a_submission_within_the_extension_is_on_time_and_another_centres_is_late(adam, dora, boris):
    services.grant_extension(dora.centre, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 2, 10), reason="Болест.")
    mine = fill(services.open_report(dora.centre, YEAR, actor=dora), dora)
    theirs = fill(services.open_report(boris.centre, YEAR, actor=boris), boris)
    assert services.submit_report(mine, actor=dora, declared=True, now=AFTER_DEADLINE).on_time is True
    assert services.submit_report(theirs, actor=boris, declared=True, now=AFTER_DEADLINE).on_time is False


def test_an_extension_is_audited_with_its_reason_and_must_be_later_than_the_deadline(adam, erin, centre_a):
    with pytest.raises(services.ValidationError):
        services.grant_extension(centre_a, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 1, 15), reason="Рано.")
    with pytest.raises(services.PermissionDenied):
        services.grant_extension(centre_a, YEAR, actor=erin, last_day=dt.date(YEAR + 1, 2, 10), reason="x")
    extension = services.grant_extension(centre_a, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 2, 10), reason="Ток.")
    entry = AuditEntry.objects.get(action="extension")
    assert (entry.actor, entry.centre, entry.message) == (adam, centre_a, "Ток.")
    assert entry.changes["last_day"] == ["", f"{YEAR + 1}-02-10"]
    services.revoke_extension(extension, actor=adam)
    assert not DeadlineExtension.objects.exists()
    assert AuditEntry.objects.filter(action="extension_revoked").count() == 1


def test_anonymous_expert_and_admin_on_the_reporting_year_pages(client, client_for, erin, adam):
    urls = (reverse("reports:years"), reverse("reports:year", args=[YEAR]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    for url in urls:
        assert client_for(erin).get(url).status_code == 403
    for url in urls:
        assert client_for(adam).get(url).status_code == 200


def test_the_admin_sets_a_deadline_and_extends_a_centre_in_the_applications_pages(client_for, adam, centre_a):
    client = client_for(adam)
    url = reverse("reports:year", args=[YEAR])
    assert client.post(url, {"set_deadline": "1", "last_day": f"{YEAR + 1}-02-15"}).status_code == 302
    assert ReportingYear.objects.get(year=YEAR).deadline == dt.date(YEAR + 1, 2, 15)
    assert AuditEntry.objects.filter(action="deadline").exists()
    refused = client.post(
        url, {"extend": "1", "licence_number": "000000000", "last_day": f"{YEAR + 1}-03-01", "reason": "x"}
    )
    assert refused.status_code == 400 and "000000000" in refused.content.decode()
    data = {
        "extend": "1",
        "licence_number": centre_a.licence_number,
        "last_day": f"{YEAR + 1}-03-01",
        "reason": "Ремонт.",
    }
    assert client.post(url, data).status_code == 302
    html = client.get(url).content.decode()
    assert centre_a.name in html and "Ремонт." in html
