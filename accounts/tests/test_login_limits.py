"""Log-in limits keyed on the real client address behind the proxy, across usernames and per account;
password-reset e-mails throttled."""

from django.core import mail
from django.urls import reverse

from accounts.client_ip import client_ip
from conftest import PASSWORD, make_user

PROXY = "10.0.0.2"


def attempt(client, username, password, ip, forwarded=None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_behind_the_proxy_the_forwarded_address_is_the_client(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_ip(request) == "198.51.100.7"
    # A client's own forged header comes first; the proxy appends the real address last.
    forged = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(forged) == "198.51.100.7"


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(rf.get("/", REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "203.0.113.1"


def test_behind_the_proxy_one_attacker_does_not_lock_others_out(client, settings, dora):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt(client, "dora", "wrong", PROXY, forwarded="203.0.113.9")
    assert attempt(client, "dora", "wrong", PROXY, forwarded="203.0.113.9").status_code == 429
    # The same proxy, another client: dora logs in from home.
    assert attempt(client, "dora", PASSWORD, PROXY, forwarded="198.51.100.20").status_code == 302


def test_password_spraying_from_one_address_is_stopped_across_usernames(client, settings, db):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for i in range(6):
        attempt(client, f"someone{i}", "Winter2025!", "203.0.113.50")
    victim = make_user("victim", "expert")
    response = attempt(client, victim.username, PASSWORD, "203.0.113.50")
    assert response.status_code != 302, "the address is over its limit across usernames"
    assert "_auth_user_id" not in client.session
    assert attempt(client, victim.username, PASSWORD, "198.51.100.1").status_code == 302


def test_an_account_attacked_from_many_addresses_is_held(client, settings, dora):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 4
    for i in range(4):
        attempt(client, "dora", "wrong", f"203.0.113.{i + 1}")
    assert attempt(client, "dora", PASSWORD, "198.51.100.20").status_code != 302


def test_password_reset_e_mails_are_throttled(client, dora):
    for _ in range(21):
        response = client.post(reverse("password_reset"), {"email": dora.email}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_reset_requests_from_one_address_for_many_accounts_are_throttled(client, db):
    for i in range(15):
        make_user(f"p{i}", "expert")
        client.post(reverse("password_reset"), {"email": f"p{i}@example.bg"}, REMOTE_ADDR="203.0.113.9")
    assert len(mail.outbox) == 10
