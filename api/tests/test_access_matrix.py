"""Every endpoint × every kind of caller, with the three rungs: anonymous 401; wrong role or scope 403;
another centre 404; the centre's own users and the agency 200."""

import datetime as dt

import pytest

from activity.models import ActivityReport
from api import services
from api.tests.helpers import bearer, token_for
from reports import services as report_services
from surveys import services as survey_services
from surveys.models import CampaignMode, Questionnaire

pytestmark = pytest.mark.django_db
A = "200812001"  # centre A (dora, eddie, vicky); boris is centre B, cleo the CIPO
OK, LOGIN, FORBIDDEN, MISSING = 200, 401, 403, 404


@pytest.fixture
def world(dora):
    report_services.open_report(dora.centre, 2024, actor=dora)
    ActivityReport.objects.create(centre=dora.centre, year=2024)
    campaign = survey_services.create_campaign(
        dora,
        questionnaire=Questionnaire.objects.filter(kind="trainee").first(),
        label="Курсисти",
        year=2024,
        opens_on=dt.date(2024, 1, 1),
        closes_on=dt.date(2024, 12, 31),
        mode=CampaignMode.OPEN,
    )
    return {"campaign": campaign.pk}


ENDPOINTS = [
    # (url template, who gets 200; the centre's own users, agency, service with scope)
    ("/api/frameworks/CPO-2018", {"dora", "vicky", "boris", "cleo", "erin", "adam", "service"}),
    (f"/api/centres/{A}", {"dora", "vicky", "erin", "adam", "service"}),
    (f"/api/reports/{A}/2024", {"dora", "vicky", "erin", "adam"}),
    (f"/api/activity/{A}/2024", {"dora", "vicky", "erin", "adam"}),
    ("/api/surveys/campaigns/{campaign}/results", {"dora", "vicky", "erin", "adam"}),
    ("/api/analysis/2024", {"erin", "adam"}),
]
CALLERS = ["anonymous", "dora", "vicky", "boris", "cleo", "erin", "adam", "service"]


def expected(caller, allowed, url):
    if caller == "anonymous":
        return LOGIN
    if caller in allowed:
        return OK
    if caller == "service":
        return FORBIDDEN  # the token's domains do not cover it
    if url.startswith("/api/analysis"):
        return FORBIDDEN  # a role, not a tenant, rule
    return MISSING  # another centre's object: the same answer as a missing one


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("template", "allowed"), ENDPOINTS)
def test_every_endpoint_answers_each_caller_as_the_access_rules_say(request, client, world, caller, template, allowed):
    url = template.format(**world)
    headers = {}
    if caller == "service":
        _t, key = services.create_service_token(
            request.getfixturevalue("adam"), name="svc", scopes=["frameworks:read", "centres:read"]
        )
        headers = bearer(key)
    elif caller != "anonymous":
        headers = bearer(token_for(request.getfixturevalue(caller), ["read"]))
    response = client.get(url, **headers)
    assert response.status_code == expected(caller, allowed, url), response.content[:300]
