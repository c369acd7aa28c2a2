"""Changing deadlines, extensions and opening a reporting year need a recent password or code."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.tests.reauth_helpers import assert_sent_to_reauth, make_stale
from audit.models import AuditEntry
from reports import services
from reports.models import DeadlineExtension, ReportingYear
from reports.tests.conftest import YEAR


@pytest.fixture
def extension(adam, centre_a):
    return services.grant_extension(centre_a, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 3, 1), reason="Ремонт.")


def test_a_stale_session_reads_the_pages_but_changes_nothing(client_for, adam, centre_a, extension):
    client = client_for(adam)
    make_stale(client)
    year_url = reverse("reports:year", args=[YEAR])
    assert client.get(reverse("reports:years")).status_code == 200
    assert client.get(year_url).status_code == 200
    audited = AuditEntry.objects.count()
    posts = [
        (reverse("reports:years"), {"year": YEAR}),
        (year_url, {"set_deadline": "1", "last_day": f"{YEAR + 1}-02-15"}),
        (year_url, {"extend": "1", "licence_number": centre_a.licence_number, "last_day": f"{YEAR + 1}-04-01"}),
        (reverse("reports:revoke_extension", args=[YEAR, extension.pk]), {}),
    ]
    for url, data in posts:
        assert_sent_to_reauth(client.post(url, data))
    assert not ReportingYear.objects.filter(year=YEAR).exists()
    assert DeadlineExtension.objects.get(pk=extension.pk).last_day == dt.date(YEAR + 1, 3, 1)
    assert AuditEntry.objects.count() == audited


def test_a_fresh_session_sets_the_deadline(client_for, adam):
    client = client_for(adam)
    url = reverse("reports:year", args=[YEAR])
    assert client.post(url, {"set_deadline": "1", "last_day": f"{YEAR + 1}-02-15"}).status_code == 302
    assert ReportingYear.objects.get(year=YEAR).deadline == dt.date(YEAR + 1, 2, 15)
