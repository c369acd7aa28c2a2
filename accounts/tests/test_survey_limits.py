"""The open survey link: a class behind one school address can answer; a campaign's budget stops a flood."""

from django.test import Client

from surveys.models import Response
from surveys.tests.conftest import likert_post, make_campaign
from surveys.tests.test_public_answer import _nonce, _open_url


def _answer(client, campaign):
    return client.post(_open_url(campaign), likert_post(4, nonce=_nonce(client, campaign))).status_code


def test_a_class_of_thirty_answers_from_one_school_address(eddie):
    campaign = make_campaign(eddie)
    statuses = [_answer(Client(REMOTE_ADDR="192.0.2.10"), campaign) for _ in range(30)]
    assert statuses == [302] * 30
    assert Response.objects.count() == 30


def test_the_campaign_budget_stops_a_flood_from_many_addresses(eddie, settings):
    settings.SURVEYS_OPEN_CAMPAIGN_BUDGET = 5
    campaign = make_campaign(eddie)
    statuses = [_answer(Client(REMOTE_ADDR=f"192.0.2.{i + 1}"), campaign) for i in range(7)]
    assert statuses == [302] * 5 + [429] * 2
    other = make_campaign(eddie)
    assert _answer(Client(REMOTE_ADDR="192.0.2.99"), other) == 302, "each campaign has its own budget"


def test_behind_the_proxy_the_limit_is_per_real_client(eddie, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SURVEYS_OPEN_RATE_LIMIT = 2
    campaign = make_campaign(eddie)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = Client(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert [_answer(first, campaign) for _ in range(3)] == [302, 302, 429]
    assert _answer(Client(HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy), campaign) == 302
