"""The shared cache and the sessions as production runs them: .ci/run runs this file against Redis
(REDIS_URL, REQUIRE_REDIS=1), so the `redis` client, the counters the rate limits use, key expiry and
cached sessions are exercised against the real server, not only the in-process cache."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.urls import reverse
from django.utils.module_loading import import_string

pytestmark = pytest.mark.redis


def test_values_round_trip_through_the_cache():
    cache.set("vq:test:value", {"name": "ЦПО „Алфа“", "points": [1, 2]}, timeout=30)
    assert cache.get("vq:test:value") == {"name": "ЦПО „Алфа“", "points": [1, 2]}


def test_counters_count_atomically_from_add():
    # The rate limits' pattern: add the key once, then increment.
    assert cache.add("vq:test:counter", 0, timeout=30)
    assert not cache.add("vq:test:counter", 0, timeout=30), "add never overwrites a running count"
    assert [cache.incr("vq:test:counter") for _ in range(3)] == [1, 2, 3]


def test_keys_expire_on_time():
    cache.set("vq:test:short", "x", timeout=1)
    assert cache.get("vq:test:short") == "x"
    time.sleep(1.6)
    assert cache.get("vq:test:short") is None


def test_a_signed_in_session_is_read_back_through_the_session_engine(client_for, dora):
    client = client_for(dora)
    assert client.get(reverse("home")).status_code == 200
    store_class = import_string(settings.SESSION_ENGINE + ".SessionStore")
    store = store_class(client.session.session_key)
    assert isinstance(store, SessionBase)
    assert store.load()["_auth_user_id"] == str(dora.pk)
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # With Redis the session is served from the cache, not only from the database.
        assert settings.SESSION_ENGINE.endswith("cached_db")
        assert cache.get(store.cache_key)["_auth_user_id"] == str(dora.pk)
