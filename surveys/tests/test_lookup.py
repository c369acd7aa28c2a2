"""The public form's campaign lookup: one statement, typed values, everything else deferred; kept in
the process until a change it shows, here at once, in another process within CHECK_SECONDS."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centres import registry_version
from centres.models import Centre
from surveys import lookup
from surveys.models import Campaign, CampaignMode

from .conftest import answer, make_campaign, trainee_values


@pytest.fixture
def clock(monkeypatch):
    """The lookup's monotonic clock, moved by hand: `clock.now += lookup.CHECK_SECONDS`."""

    class Clock:
        now = 1000.0

    monkeypatch.setattr(lookup.time, "monotonic", lambda: Clock.now)
    return Clock


def as_another_process_commits(change):
    """`change` made in the database by another app server: nothing here is told, except the new
    generation its commit leaves in the shared cache."""
    change()
    lookup._new_generation()


def test_lookup_reads_campaign_centre_version_and_questionnaire_in_one_query(open_campaign):
    with CaptureQueriesContext(connection) as queries:
        found = lookup.read_open_campaign(open_campaign.open_token)
        names = (found.centre.name, found.version.frozen, found.version.questionnaire.title)
    assert len(queries) == 1
    assert found.pk == open_campaign.pk
    assert names == (
        open_campaign.centre.name,
        open_campaign.version.frozen,
        open_campaign.version.questionnaire.title,
    )
    assert isinstance(found.opens_on, dt.date) and found.opens_on == open_campaign.opens_on
    assert found.closes_on == open_campaign.closes_on
    assert found.version.frozen is False
    assert found.mode == CampaignMode.OPEN and found.year == open_campaign.year


def test_fields_not_read_are_loaded_on_access_with_their_stored_value(open_campaign):
    found = lookup.open_campaign(open_campaign.open_token)
    stored = Campaign.objects.get(pk=open_campaign.pk)
    assert found.created_at == stored.created_at
    assert found.centre.licence_number == open_campaign.centre.licence_number


def test_unknown_token_and_personal_campaign_are_not_found(eddie):
    personal = make_campaign(eddie, mode=CampaignMode.PERSONAL)
    assert lookup.open_campaign("no-such-token") is None
    assert lookup.open_campaign(personal.open_token) is None


def test_a_kept_campaign_is_read_from_the_database_once(open_campaign, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = lookup.open_campaign(open_campaign.open_token)
    with django_assert_num_queries(0):
        again = lookup.open_campaign(open_campaign.open_token)
    assert again is first


def test_unknown_tokens_are_not_kept(eddie, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert lookup.open_campaign("no-such-token") is None
        assert lookup.open_campaign("no-such-token") is None
    assert "no-such-token" not in lookup.KEPT


def test_a_saved_campaign_is_forgotten_at_once_in_this_process(open_campaign, today):
    lookup.open_campaign(open_campaign.open_token)
    campaign = Campaign.objects.get(pk=open_campaign.pk)
    campaign.closes_on = today - dt.timedelta(days=1)
    campaign.save()
    assert lookup.open_campaign(open_campaign.open_token).closes_on == today - dt.timedelta(days=1)


def test_a_deleted_campaign_is_not_found_any_more(open_campaign):
    token = open_campaign.open_token
    lookup.open_campaign(token)
    Campaign.objects.get(pk=open_campaign.pk).delete()
    assert lookup.open_campaign(token) is None


def test_the_first_answer_freezes_the_kept_version(open_campaign):
    assert lookup.open_campaign(open_campaign.open_token).version.frozen is False
    answer(open_campaign, trainee_values(4))
    assert lookup.open_campaign(open_campaign.open_token).version.frozen is True


def test_another_process_change_is_seen_within_check_seconds(open_campaign, today, clock):
    token = open_campaign.open_token
    lookup.open_campaign(token)
    closed = today - dt.timedelta(days=1)
    as_another_process_commits(lambda: Campaign.objects.filter(pk=open_campaign.pk).update(closes_on=closed))
    clock.now += lookup.CHECK_SECONDS / 2
    assert lookup.open_campaign(token).closes_on == open_campaign.closes_on  # not checked yet: kept
    clock.now += lookup.CHECK_SECONDS / 2
    assert lookup.open_campaign(token).closes_on == closed


def test_a_register_import_renaming_a_centre_is_seen_within_check_seconds(open_campaign, clock):
    token = open_campaign.open_token
    lookup.open_campaign(token)
    # The register import writes in bulk (no signals) and moves the register's version after its commit.
    Centre.objects.filter(pk=open_campaign.centre_id).update(name="ЦПО „Внесено име“")
    registry_version.cache.set(registry_version.KEY, "after-the-import", None)
    clock.now += lookup.CHECK_SECONDS
    assert lookup.open_campaign(token).centre.name == "ЦПО „Внесено име“"


def test_an_emptied_shared_cache_counts_as_a_change(open_campaign, clock):
    token = open_campaign.open_token
    first = lookup.open_campaign(token)
    lookup.shared_cache.clear()
    clock.now += lookup.CHECK_SECONDS
    assert lookup.open_campaign(token) is not first


def test_the_process_keeps_at_most_max_kept_campaigns(eddie, monkeypatch):
    monkeypatch.setattr(lookup, "MAX_KEPT", 2)
    tokens = [make_campaign(eddie, label=f"c{i}").open_token for i in range(3)]
    for token in tokens:
        lookup.open_campaign(token)
    assert len(lookup.KEPT) <= 2 and tokens[-1] in lookup.KEPT
