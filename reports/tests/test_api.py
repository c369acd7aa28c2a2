"""The reports API: three rungs, the report's answers, and saving a draft with If-Match (412 when stale)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.helpers import bearer, token_for
from reports import services
from reports.models import Report
from reports.tests.conftest import YEAR

pytestmark = pytest.mark.django_db


def url(report, suffix=""):
    return f"/api/reports/{report.centre.licence_number}/{report.year}{suffix}"


def put_draft(client, report, body, key, version):
    headers = {} if version is None else {"HTTP_IF_MATCH": f'"{version}"'}
    return client.put(
        url(report, "/draft"), json.dumps(body), content_type="application/json", **bearer(key), **headers
    )


def test_anonymous_is_401_other_centre_404_own_and_agency_200(client, draft, boris, vicky, erin):
    assert client.get(url(draft)).status_code == 401
    assert client.get(url(draft), **bearer(token_for(boris, ["read"]))).status_code == 404
    for user in (vicky, erin):
        assert client.get(url(draft), **bearer(token_for(user, ["read"]))).status_code == 200


def test_one_report_carries_answers_texts_status_and_its_etag(client, submitted, dora):
    response = client.get(url(submitted), **bearer(token_for(dora, ["read"])))
    body = response.json()
    assert response["ETag"] == f'"{body["version"]}"'
    assert body["status"] == "submitted" and body["versions"][0]["number"] == 1
    assert body["answers"]["1.1"]["points"] is not None
    assert body["licence_number"] == submitted.centre.licence_number and "id" not in body


def test_a_draft_saved_through_the_api_is_the_forms_save(client, draft, dora):
    key = token_for(dora)
    top = draft.framework.criteria.get(code="1.1").max_points
    body = {"answers": {"1.1": {"points": str(top), "comment": "Обучени 12 преподаватели"}}}
    response = put_draft(client, draft, body, key, draft.lock_version)
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    answer = draft.answers.get(criterion__code="1.1")
    assert answer.points == top and answer.comment == "Обучени 12 преподаватели"
    assert response["ETag"] == f'"{draft.lock_version}"'


def test_a_stale_version_is_412_with_the_conflicting_fields_and_nothing_saved(client, draft, dora, eddie):
    key = token_for(dora)
    base = draft.lock_version
    services.save_draft(draft, actor=eddie, lock_version=base, texts={"2": "Текст на Еди"})
    response = put_draft(client, draft, {"texts": {"2": "Текст на Дора"}}, key, base)
    assert response.status_code == 412
    problem = response.json()
    assert problem["errors"][0]["path"] == "/texts/2"
    assert problem["current_version"] == base + 1
    assert Report.objects.get(pk=draft.pk).texts["2"] == "Текст на Еди"


def test_a_draft_save_without_if_match_is_428(client, draft, dora):
    assert put_draft(client, draft, {"texts": {"2": "x"}}, token_for(dora), None).status_code == 428


def test_invalid_points_are_400_with_json_paths(client, draft, dora):
    response = put_draft(client, draft, {"answers": {"1.1": {"points": "7"}}}, token_for(dora), draft.lock_version)
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "/answers/1.1/points"


@pytest.mark.parametrize("persona", ["vicky", "erin"])
def test_viewers_and_the_agency_cannot_save_a_centres_draft(request, client, draft, persona):
    key = token_for(request.getfixturevalue(persona))
    assert put_draft(client, draft, {"texts": {"2": "x"}}, key, draft.lock_version).status_code == 403


def test_another_centre_cannot_save_it_either(client, draft, boris):
    assert put_draft(client, draft, {"texts": {"2": "x"}}, token_for(boris), draft.lock_version).status_code == 404


def test_the_reports_list_runs_constant_queries(client, erin, dora, boris, cleo):
    key = token_for(erin, ["read"])

    def count():
        client.get("/api/centres", **bearer(key))  # the token's once-a-minute last-used write, out of the count
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/reports", **bearer(key)).status_code == 200
        return len(ctx)

    services.open_report(dora.centre, YEAR, actor=dora)
    few = count()
    services.open_report(boris.centre, YEAR, actor=boris)
    services.open_report(cleo.centre, YEAR, actor=cleo)
    services.open_report(dora.centre, YEAR - 1, actor=dora)
    assert count() == few
