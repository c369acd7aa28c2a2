"""The open data carries the same figures as the pages, in both CSV dialects and JSON, with cache headers."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from formatting.numbers import format_number, format_percent
from public.tests import factories as f
from reports.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(centre_a, centre_b):
    f.report(centre_a, 2023, fraction=Decimal("0.8"))
    f.report(centre_a, 2024)
    f.report(centre_b, 2024, Status.RETURNED)
    f.activity(centre_a, 2024, courses=((814010, 20, 15), (815010, 12, 10)), followed=20, placed=15)
    f.survey(centre_a, 2024, answers=12, satisfied=9)
    f.survey(centre_a, 2024, kind="employer", answers=9, satisfied=9)
    return centre_a


def _body(response):
    return b"".join(response.streaming_content)


def _json(client):
    return json.loads(_body(client.get(reverse("public:json"))))


def test_the_three_files_hold_the_same_records(client, data):
    document = _json(client)
    machine = list(csv.DictReader(io.StringIO(_body(client.get(reverse("public:csv"))).decode("utf-8"))))
    people_bytes = _body(client.get(reverse("public:csv_people")))
    assert people_bytes.startswith("\ufeff".encode())
    people = list(csv.DictReader(io.StringIO(people_bytes.decode("utf-8-sig")), delimiter=";"))
    assert [(r["licence_number"], int(r["year"])) for r in document["records"]] == [
        (data.licence_number, 2024),
        (data.licence_number, 2023),
    ]  # the returned report of centre B is not there
    assert [(r["licence_number"], r["year"]) for r in machine] == [(r["licence_number"], r["year"]) for r in people]
    first = document["records"][0]
    assert Decimal(machine[0]["completion"]) == Decimal(str(first["completion"])) == Decimal("78.13")
    assert people[0]["completion"] == "78,13"
    assert first["employer_satisfaction"] is None
    assert first["employer_satisfaction_note"] == machine[0]["employer_satisfaction_note"] == "твърде малко отговори"
    assert document["meta"]["licence"] == "CC BY 4.0"


def test_the_files_and_the_profile_show_the_same_figures(client, data):
    record = _json(client)["records"][0]
    html = client.get(reverse("public:profile", args=[data.licence_number])).content.decode()
    cells = dict(re.findall(r'data-key="(\w+)">([^<]*(?:<span class="reason">[^<]*</span>)?)</td>', html))
    for key in ("completion", "placement", "trainee_satisfaction"):
        assert cells[key] == format_percent(Decimal(str(record[key])), 1), key
    assert "твърде малко отговори" in cells["employer_satisfaction"]
    assert format_number(Decimal(str(record["total_points"])), 2) in html


def test_downloads_carry_last_modified_and_etag_and_answer_304(client, data):
    response = client.get(reverse("public:csv"))
    etag, modified = response["ETag"], response["Last-Modified"]
    assert etag and modified
    assert client.get(reverse("public:csv"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(reverse("public:json"), HTTP_IF_NONE_MATCH=etag).status_code == 200  # another file


def test_the_dictionary_explains_every_column(client, data):
    from public.opendata import COLUMNS

    html = client.get(reverse("public:dictionary")).content.decode()
    header = _body(client.get(reverse("public:csv"))).decode().splitlines()[0].split(",")
    assert header == [c.name for c in COLUMNS]
    for name in header:
        assert f"<code>{name}</code>" in html
    assert "CC BY 4.0" in html
