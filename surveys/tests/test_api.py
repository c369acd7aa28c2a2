"""Survey campaigns and results through the API: thresholded aggregates only; graduates with idempotency."""

import datetime as dt
import json

import pytest

from api.tests.helpers import bearer, token_for
from surveys import services
from surveys.models import CampaignMode, Graduate, Questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(dora):
    questionnaire = Questionnaire.objects.filter(kind="trainee").first() or Questionnaire.objects.first()
    return services.create_campaign(
        dora,
        questionnaire=questionnaire,
        label="Курсисти 2024",
        year=2024,
        opens_on=dt.date(2024, 1, 1),
        closes_on=dt.date(2024, 12, 31),
        mode=CampaignMode.OPEN,
    )


def test_campaigns_are_scoped_to_the_centre(client, campaign, dora, boris, erin):
    mine = client.get("/api/surveys/campaigns", **bearer(token_for(dora, ["read"]))).json()["items"]
    theirs = client.get("/api/surveys/campaigns", **bearer(token_for(boris, ["read"]))).json()["items"]
    agency = client.get("/api/surveys/campaigns", **bearer(token_for(erin, ["read"]))).json()["items"]
    assert [c["id"] for c in mine] == [c["id"] for c in agency] == [campaign.pk] and theirs == []
    assert client.get(f"/api/surveys/campaigns/{campaign.pk}/results", **bearer(token_for(boris))).status_code == 404


def test_results_below_the_threshold_give_no_figures(client, campaign, dora):
    body = client.get(f"/api/surveys/campaigns/{campaign.pk}/results", **bearer(token_for(dora, ["read"]))).json()
    assert body["enough"] is False and body["questions"] == [] and body["reason"]


def graduates(n=2):
    return {
        "graduates": [
            {"email": f"g{i}@example.bg", "completed_on": "2024-06-30", "consent": True, "course_label": "Готвач"}
            for i in range(n)
        ]
    }


def post(client, centre, body, key, idem=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": idem} if idem else {}
    return client.post(
        f"/api/surveys/graduates/{centre.licence_number}",
        json.dumps(body),
        content_type="application/json",
        **bearer(key),
        **headers,
    )


def test_a_retried_post_with_the_same_key_registers_nobody_twice(client, dora):
    key = token_for(dora)
    first = post(client, dora.centre, graduates(), key, idem="batch-1")
    second = post(client, dora.centre, graduates(), key, idem="batch-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() == {"registered": 2}
    assert Graduate.objects.filter(centre=dora.centre).count() == 2


def test_the_same_key_with_another_body_is_409(client, dora):
    key = token_for(dora)
    post(client, dora.centre, graduates(1), key, idem="batch-2")
    assert post(client, dora.centre, graduates(3), key, idem="batch-2").status_code == 409
    assert Graduate.objects.filter(centre=dora.centre).count() == 1


def test_bad_graduates_are_listed_and_nothing_saved(client, dora):
    body = graduates(2)
    body["graduates"][1]["email"] = "not-an-address"
    body["graduates"][0]["completed_on"] = "2099-01-01"
    response = post(client, dora.centre, body, token_for(dora))
    assert response.status_code == 400
    assert {e["path"] for e in response.json()["errors"]} == {"/graduates/1/email", "/graduates/0/completed_on"}
    assert not Graduate.objects.exists()


def test_another_centres_licence_is_404(client, dora, boris):
    assert post(client, dora.centre, graduates(), token_for(boris)).status_code == 404
    assert not Graduate.objects.exists()
