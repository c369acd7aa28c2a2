import pytest

from analysis.tests import published_2024

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401(client):
    assert client.get("/api/analysis/2024").status_code == 401


def test_centre_user_gets_403(client_for, dora):
    assert client_for(dora).get("/api/analysis/2024").status_code == 403


def test_agency_user_gets_the_figures(client_for, erin, adam):
    published_2024.load(actor=adam)
    response = client_for(erin).get("/api/analysis/2024")
    assert response.status_code == 200
    data = response.json()
    assert data["cpo"]["submitted_on_time_pct"] == 93.55
    assert data["cpo"]["criteria"][-1]["code"] == "3.2"
    assert data["cipo"]["licensed"] == 36
    plovdiv = client_for(erin).get("/api/analysis/2024", {"region": "Пловдив"}).json()
    assert plovdiv["cpo"]["licensed"] < 853


def test_unknown_region_is_400(client_for, erin):
    assert client_for(erin).get("/api/analysis/2024", {"region": "Атлантида"}).status_code == 400
