"""A used token is read from the cache, and every change that ends it ends it at once."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from freezegun import freeze_time

from api import services
from api.models import ApiToken
from api.tests.helpers import bearer, token_for
from centres import registry_version

pytestmark = pytest.mark.django_db
URL = "/api/centres"


def _token(key):
    return ApiToken.objects.get(key_hash=services.hash_key(key))


def test_a_second_request_does_not_look_the_token_up(client, dora, django_assert_num_queries):
    key = token_for(dora, ["read"])
    assert client.get(URL, **bearer(key)).status_code == 200
    cache.delete(registry_version.KEY)  # so the page is built again: its one query is the only one
    with django_assert_num_queries(1):  # the centres page only: no token, user or centre lookup
        assert client.get(URL, **bearer(key)).status_code == 200


def test_revoking_a_used_token_ends_it_at_once(client, dora):
    key = token_for(dora, ["read"])
    assert client.get(URL, **bearer(key)).status_code == 200
    services.revoke_token(dora, _token(key))
    assert client.get(URL, **bearer(key)).status_code == 401


def test_deactivating_the_user_ends_a_used_token_at_once(client, dora):
    key = token_for(dora, ["read"])
    assert client.get(URL, **bearer(key)).status_code == 200
    dora.is_active = False
    dora.save()
    assert client.get(URL, **bearer(key)).status_code == 401


def test_moving_the_user_to_another_centre_takes_effect_at_once(client, dora, centre_b):
    key = token_for(dora, ["read"])
    assert [c["licence_number"] for c in client.get(URL, **bearer(key)).json()["items"]] == [dora.centre.licence_number]
    dora.centre = centre_b
    dora.save()
    assert [c["licence_number"] for c in client.get(URL, **bearer(key)).json()["items"]] == [centre_b.licence_number]


def test_a_cached_token_still_expires_on_time(client, dora):
    key = token_for(dora, ["read"], expires_at=timezone.now() + dt.timedelta(seconds=10))
    assert client.get(URL, **bearer(key)).status_code == 200
    with freeze_time(timezone.now() + dt.timedelta(seconds=11)):
        assert client.get(URL, **bearer(key)).status_code == 401
