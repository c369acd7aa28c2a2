"""Every list page asks the database a constant number of questions: adding centres, reports,
submissions and scores (three times as many) changes no page's query count (no N+1, no per-row
lookups). The survey lists have their own test (surveys/tests/test_list_queries.py)."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centres.models import Centre, CentreKind
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA


def grow(n, years=(2023, 2024), seed=1):
    rng = random.Random(seed)
    start = Centre.objects.count()
    centres = Centre.objects.bulk_create(
        Centre(
            kind=CentreKind.CPO,
            licence_number=f"7{start + i:08d}",
            name=f"Център {start + i}",
            region="Пловдив",
            licensed_on=dt.date(2010, 1, 1),
        )
        for i in range(n)
    )
    framework = Framework.objects.get(code="CPO-2018")
    levels = {c.code: [lv.points for lv in c.levels.all()] for c in framework.criteria.prefetch_related("levels")}
    for year in years:
        create_submitted_reports(
            [
                SubmittedEntry(
                    centre=c,
                    submitted_at=dt.datetime(year + 1, 1, 10, 12, tzinfo=SOFIA),
                    points={code: rng.choice(points) for code, points in levels.items()},
                )
                for c in centres
            ],
            year=year,
            framework=framework,
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


AGENCY_PAGES = [
    ("reports:queue", ""),
    ("reports:queue", "?year=2024&sort=-total"),
    ("centres:list", ""),
    ("activity:index", ""),
    ("frameworks:list", ""),
]


@pytest.mark.parametrize(("name", "query"), AGENCY_PAGES)
def test_agency_list_pages_ask_a_constant_number_of_queries(name, query, client_for, adam):
    client = client_for(adam)
    url = reverse(name) + query
    grow(8)
    small = queries(client, url)
    grow(24, seed=2)
    assert queries(client, url) == small
