"""Login throttling (django-axes): lock the (username, IP) pair, refuse before hashing, expire by itself."""

import datetime as dt
import time

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.tests.hashers import CountingHasher
from conftest import PASSWORD

ATTACKER, HOME = "203.0.113.9", "198.51.100.20"

# With REDIS_URL set, axes keeps its failure counts in the cache: .ci/run runs the tests marked
# `redis` against Redis (all but the frozen-clock one: Redis expires keys on its own clock).


@pytest.fixture(autouse=True)
def _counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["accounts.tests.hashers.CountingHasher"]
    CountingHasher.computed = 0


def attempt(client, username, password, ip):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_five_times(client, username="dora", ip=ATTACKER):
    statuses = [attempt(client, username, "wrong-password", ip).status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4, "the first failures show the form again"
    assert statuses[4] == 429, "the fifth failure locks the pair"


@pytest.mark.redis
def test_a_right_password_logs_in(client, dora):
    response = attempt(client, "dora", PASSWORD, HOME)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dora.pk)


@pytest.mark.redis
def test_after_five_failures_even_the_right_password_is_refused_without_hashing(client, dora):
    fail_five_times(client)
    CountingHasher.computed = 0
    response = attempt(client, "dora", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "Твърде много неуспешни опити за вход" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert CountingHasher.computed == 0, "a locked-out request must not cost a password hash"


@pytest.mark.redis
def test_failed_attempts_do_compute_hashes(client, dora):
    # The counter works: an ordinary failed attempt checks the password.
    attempt(client, "dora", "wrong-password", ATTACKER)
    assert CountingHasher.computed >= 1


@pytest.mark.redis
def test_the_real_user_from_another_address_is_not_locked_out(client, dora):
    fail_five_times(client)
    response = attempt(client, "dora", PASSWORD, HOME)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dora.pk)


@pytest.mark.redis
def test_other_users_from_the_attackers_address_are_not_locked_out(client, dora, eddie):
    fail_five_times(client, "dora")
    assert attempt(client, "eddie", PASSWORD, ATTACKER).status_code == 302


def test_the_lock_expires_after_the_cool_off(client, dora):
    with freeze_time("2025-03-10 09:00:00") as frozen:
        fail_five_times(client)
        frozen.tick(dt.timedelta(minutes=14, seconds=59))
        assert attempt(client, "dora", PASSWORD, ATTACKER).status_code == 429
        # Trying during the lock starts the 15 minutes again (axes' default), so a
        # persistent attacker stays locked; a patient user gets in.
        frozen.tick(dt.timedelta(minutes=14))
        assert attempt(client, "dora", PASSWORD, ATTACKER).status_code == 429
        frozen.tick(dt.timedelta(minutes=15, seconds=1))
        response = attempt(client, "dora", PASSWORD, ATTACKER)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(dora.pk)


@pytest.mark.redis
def test_unknown_usernames_are_throttled_too(client, db):
    fail_five_times(client, "nobody")
    CountingHasher.computed = 0
    assert attempt(client, "nobody", "anything", ATTACKER).status_code == 429
    assert CountingHasher.computed == 0


@pytest.mark.redis
def test_the_lock_expires_in_real_time(client, dora, settings):
    # Whatever the cache (Redis expires keys on its own clock, which freezegun cannot move).
    settings.AXES_COOLOFF_TIME = dt.timedelta(seconds=1)
    fail_five_times(client)
    assert attempt(client, "dora", PASSWORD, ATTACKER).status_code == 429
    time.sleep(2.1)
    assert attempt(client, "dora", PASSWORD, ATTACKER).status_code == 302
