"""The public form's campaign lookup: one statement, typed values, everything else deferred."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys import lookup
from surveys.models import Campaign, CampaignMode

from .conftest import make_campaign


def test_lookup_reads_campaign_centre_version_and_questionnaire_in_one_query(open_campaign):
    with CaptureQueriesContext(connection) as queries:
        found = lookup.open_campaign(open_campaign.open_token)
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
