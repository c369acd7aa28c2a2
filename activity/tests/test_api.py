"""Activity information through the API: the XLSX template's rules, as JSON, all or nothing."""

import json

import pytest

from activity.models import ActivityReport, Course
from api.tests.helpers import bearer, token_for

pytestmark = pytest.mark.django_db
YEAR = 2024


def course(**overrides):
    row = {
        "profession": "341010",
        "kind": "degree",
        "degree": 2,
        "region": "Пловдив",
        "start_date": f"{YEAR}-03-01",
        "end_date": f"{YEAR}-06-30",
        "hours": 300,
        "price": 650.5,
        "funding": "own",
        "enrolled": 20,
        "certified": 18,
        "exam_admitted": 18,
        "exam_passed": 17,
    }
    row.update(overrides)
    return row


def put(client, centre, body, key):
    return client.put(
        f"/api/activity/{centre.licence_number}/{YEAR}",
        json.dumps(body),
        content_type="application/json",
        **bearer(key),
    )


def test_a_centres_software_uploads_its_courses(client, dora):
    body = {"header": {"trainers_total": 5}, "rows": {"courses": [course(), course(hours=120, degree=1)]}}
    response = put(client, dora.centre, body, token_for(dora))
    assert response.status_code == 200, response.content
    activity = ActivityReport.objects.get(centre=dora.centre, year=YEAR)
    assert activity.trainers_total == 5
    assert sorted(Course.objects.filter(activity=activity).values_list("hours", flat=True)) == [120, 300]
    again = client.get(f"/api/activity/{dora.centre.licence_number}/{YEAR}", **bearer(token_for(dora, ["read"])))
    assert len(again.json()["rows"]["courses"]) == 2
    assert again.json()["rows"]["courses"][0]["profession"] == "341010"


def test_the_same_body_twice_leaves_the_same_data(client, dora):
    key = token_for(dora)
    body = {"rows": {"courses": [course()]}}
    put(client, dora.centre, body, key)
    put(client, dora.centre, body, key)
    assert Course.objects.filter(activity__centre=dora.centre).count() == 1


def test_every_problem_is_listed_with_its_json_path_and_nothing_saved(client, dora):
    bad = {"rows": {"courses": [course(), course(profession="999999", certified=25, hours="много")]}}
    response = put(client, dora.centre, bad, token_for(dora))
    assert response.status_code == 400
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"/rows/courses/1/profession", "/rows/courses/1/hours"} <= paths
    assert not Course.objects.filter(activity__centre=dora.centre).exists()


def test_unknown_tables_and_fields_are_refused(client, dora):
    response = put(client, dora.centre, {"rows": {"lessons": [], "courses": [course(colour="red")]}}, token_for(dora))
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"/rows/lessons", "/rows/courses/0/colour"} <= paths


def test_another_centre_is_404_and_a_viewer_403(client, dora, boris, vicky):
    body = {"rows": {"courses": [course()]}}
    assert put(client, dora.centre, body, token_for(boris)).status_code == 404
    assert put(client, dora.centre, body, token_for(vicky)).status_code == 403
    assert put(client, dora.centre, body, token_for(dora, ["read"])).status_code == 403
