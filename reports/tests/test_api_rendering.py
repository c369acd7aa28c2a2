"""The reports API's reads skip ninja's second validation: their bytes must be what ninja would send."""

import pytest

from api.tests.helpers import bearer, token_for
from api.tests.test_rendering import as_ninja_would_send
from reports import services
from reports.api import ReportDetail, ReportPage

pytestmark = pytest.mark.django_db


def test_the_reports_list_answers_exactly_what_its_schema_renders(client, erin, submitted):
    response = client.get("/api/reports", **bearer(token_for(erin, ["read"])))
    assert response.status_code == 200 and response.json()["items"]
    assert response.content == as_ninja_would_send(ReportPage, response.json())


def test_one_report_answers_exactly_what_its_schema_renders(client, erin, submitted):
    code = submitted.framework.criteria.first().code
    services.return_report(submitted, actor=erin, comment="Уточнете доказателствата.", notes={code: "Липсва протокол."})
    submitted.refresh_from_db()
    url = f"/api/reports/{submitted.centre.licence_number}/{submitted.year}"
    response = client.get(url, **bearer(token_for(erin, ["read"])))
    assert response.status_code == 200 and response["ETag"] == f'"{submitted.lock_version}"'
    body = response.json()
    assert body["answers"] and body["versions"] and body["texts"] and body["review_notes"][0]["criterion"] == code
    assert response.content == as_ninja_would_send(ReportDetail, body)


def test_a_cached_report_detail_follows_every_change(client, erin, dora, filled):
    key = token_for(erin, ["read"])
    url = f"/api/reports/{filled.centre.licence_number}/{filled.year}"
    assert client.get(url, **bearer(key)).json()["status"] == "draft"
    services.submit_report(filled, actor=dora, declared=True)
    submitted = client.get(url, **bearer(key)).json()
    assert submitted["status"] == "submitted" and len(submitted["versions"]) == 1
    services.return_report(filled, actor=erin, comment="Допълнете.", notes={"": "Общо за отчета."})
    returned = client.get(url, **bearer(key)).json()
    assert returned["status"] == "returned" and returned["return_comment"] == "Допълнете."
    assert [n["text"] for n in returned["review_notes"]] == ["Общо за отчета."]


def test_a_cached_report_detail_is_still_refused_to_another_centre(client, erin, boris, submitted):
    url = f"/api/reports/{submitted.centre.licence_number}/{submitted.year}"
    assert client.get(url, **bearer(token_for(erin, ["read"]))).status_code == 200
    assert client.get(url, **bearer(token_for(boris, ["read"]))).status_code == 404


@pytest.mark.parametrize("year", [-1, 32768, 10**30])
def test_a_year_outside_the_columns_range_is_404(client, erin, submitted, year):
    url = f"/api/reports/{submitted.centre.licence_number}/{year}"
    response = client.get(url, **bearer(token_for(erin, ["read"])))
    assert response.status_code == 404
