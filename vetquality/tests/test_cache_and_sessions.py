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


def _redis_commands():
    """{command: calls} from the server's statistics (Redis only)."""
    stats = cache._cache.get_client(write=True).info("commandstats")
    return {name.removeprefix("cmdstat_"): value["calls"] for name, value in stats.items()}


def test_events_are_counted_under_every_key_with_their_window():
    from accounts import throttle

    keys = ["vq:test:events:a", "vq:test:events:b"]
    assert throttle.hits(keys, 30) == [1, 1]
    assert throttle.hits(keys, 30) == [2, 2]
    assert throttle.hits(keys[:1], 30) == [3]
    assert cache.get(keys[0]) == 3 and cache.get(keys[1]) == 2  # read back as plain integers
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        client = cache._cache.get_client(write=True)
        ttl = client.ttl(cache.make_and_validate_key(keys[0]))
        assert 0 < ttl <= 30, "the window starts with the first event"


def test_a_counter_starts_again_after_its_window():
    from accounts import throttle

    assert throttle.hits(["vq:test:events:short"], 1) == [1]
    time.sleep(1.6)
    assert throttle.hits(["vq:test:events:short"], 1) == [1]


def test_two_counters_cost_one_round_trip_with_redis():
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("counts Redis commands: run with REDIS_URL (CI's Redis step does)")
    from accounts import throttle

    throttle.hits(["vq:test:trip:a", "vq:test:trip:b"], 30)  # loads the script
    before = _redis_commands()
    throttle.hits(["vq:test:trip:a", "vq:test:trip:b"], 30)
    after = _redis_commands()
    changed = {name: after[name] - before.get(name, 0) for name in after if after[name] != before.get(name, 0)}
    changed.pop("info", None)  # the statistics read itself
    # One script call, its two increments inside Redis; no EXISTS, no second round trip.
    assert changed == {"evalsha": 1, "incr": 2}
