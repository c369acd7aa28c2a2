"""Every list endpoint of the API runs the same number of queries whatever the number of rows on its page."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.helpers import bearer, token_for
from centres import registry_version
from conftest import make_centre, make_user
from control import services as control_services
from control.models import ControlKind, ControlType, Finding, FindingClass
from frameworks.models import Framework
from surveys.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db


def _controls(n, erin, offset):
    centres = [make_centre(f"20990{offset + i:04d}", f"ЦПО {offset + i}") for i in range(n)]
    controls = control_services.plan_controls(
        2024, centres, actor=erin, kind=ControlKind.PERIODIC, type=ControlType.COMPLEX
    )
    Finding.objects.bulk_create(
        Finding(
            control=c,
            klass=FindingClass.IRREGULARITY,
            text="Констатация",
            recommendation="Препоръка",
            deadline=dt.date(2024, 9, 1),
        )
        for c in controls
        for _ in range(2)
    )


def _campaigns(n, erin, offset):
    for i in range(n):
        centre = make_centre(f"20980{offset + i:04d}", f"ЦПО {offset + i}")
        director = make_user(f"director-q{offset + i}", "director", centre)
        make_campaign(director, label=f"Анкета {offset + i}")


def _frameworks(n, erin, offset):
    base = Framework.objects.get(code="CPO-2018")
    for i in range(n):
        Framework.objects.create(
            code=f"TEST-{offset + i}",
            kind=base.kind,
            name=f"Рамка {offset + i}",
            first_year=1990 + (offset + i) % 9,
            last_year=1990 + (offset + i) % 9,
            total_points=base.total_points,
            scoring=base.scoring,
        )


LISTS = {
    "/api/control/controls": _controls,
    "/api/surveys/campaigns": _campaigns,
    "/api/frameworks": _frameworks,
}


@pytest.mark.parametrize("url", LISTS)
def test_a_list_runs_the_same_queries_for_few_and_many_rows(client, erin, url):
    key = token_for(erin, ["read"])
    client.get(url, **bearer(key))  # the token's once-a-minute last-used write, out of the count

    def count():
        cache.delete(registry_version.KEY)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"limit": 200}, **bearer(key))
        assert response.status_code == 200, response.content[:300]
        return len(ctx), len(response.json()["items"])

    LISTS[url](2, erin, 0)
    few, few_rows = count()
    LISTS[url](12, erin, 100)
    many, many_rows = count()
    assert many_rows >= few_rows + 12
    assert many == few
