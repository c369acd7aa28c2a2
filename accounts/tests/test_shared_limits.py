"""With REDIS_URL, limits are counted in Redis: a second process, and a second app server, see the first
one's counts. Run in CI's Redis step (`-m redis` with REDIS_URL); skipped only when REDIS_URL is unset."""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (CI's Redis step sets it)"),
]

CHILD = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "vetquality.settings"
django.setup()
from django.test import RequestFactory
from accounts import throttle
request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.77")
for _ in range(3):
    throttle.login_failed(request, "shared-user")
"""


def test_failed_log_ins_counted_by_another_process_hold_here(rf, settings):
    from django.core.cache import cache

    from accounts import throttle

    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    request = rf.post("/", REMOTE_ADDR="203.0.113.77")
    for key in throttle.login_keys(request, "shared-user"):
        cache.delete(key)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, check=True, timeout=120)
    by_ip, by_user = throttle.login_keys(request, "shared-user")
    assert throttle.count(by_ip) == 3 and throttle.count(by_user) == 3
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    assert throttle.login_blocked(request, "shared-user")
    for key in (by_ip, by_user):
        cache.delete(key)


# ------------------------------------------------------------------ two app servers over HTTP
PASSWORD = "right-horse-battery-7"
ACCOUNT_LIMIT = 4

PREPARE = """
import django, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "vetquality.settings"
django.setup()
from django.core.management import call_command
from accounts.models import Role, User
call_command("migrate", verbosity=0)
password, names = sys.argv[1], sys.argv[2:]
for name in names:
    User.objects.create_user(name, password=password, role=Role.EXPERT)
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after log-in is the answer itself


class Browser:
    """One person's browser against one server: cookies, the CSRF token, a fixed client address."""

    def __init__(self, port, client_address):
        self.base = f"http://127.0.0.1:{port}"
        self.client_address = client_address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def _open(self, path, data=None):
        # As nginx would: the client's address appended to X-Forwarded-For (TRUSTED_PROXY_COUNT=1).
        request = urllib.request.Request(self.base + path, data=data, headers={"X-Forwarded-For": self.client_address})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log_in(self, username, password):
        status, page = self._open("/login/")
        assert status == 200, status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        status, _ = self._open("/login/", body.encode())
        return status


def _wait_until_up(port, process, deadline=90):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        assert process.poll() is None, f"the server on port {port} stopped: {process.stdout.read()}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"the server on port {port} did not start")


@pytest.fixture
def two_servers(tmp_path):
    """Two gunicorn app servers (one worker each) on their own ports, one database, one Redis."""
    suffix = secrets.token_hex(4)
    users = (f"shared-{suffix}", f"control-{suffix}")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "DEBUG")}
    env.update(
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="vetquality.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'servers.sqlite3'}",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(40),
        SECURE_COOKIES="0",
        ALLOWED_HOSTS="127.0.0.1",
        MFA_REQUIRED="0",
        TRUSTED_PROXY_COUNT="1",
        LOGIN_FAILURES_PER_ACCOUNT=str(ACCOUNT_LIMIT),
        LOGIN_FAILURES_PER_ADDRESS="1000",
        AXES_FAILURE_LIMIT="1000",  # django-axes' own pair lock stays out of the way: this is about ours
    )
    subprocess.run([sys.executable, "-c", PREPARE, PASSWORD, *users], cwd=ROOT, env=env, check=True, timeout=300)
    ports, processes = [_free_port(), _free_port()], []
    try:
        for port in ports:
            command = [sys.executable, "-m", "gunicorn", "vetquality.wsgi:application"]
            command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"]
            processes.append(
                subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                )
            )
        for port, process in zip(ports, processes, strict=True):
            _wait_until_up(port, process)
        yield ports, users
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_failed_log_ins_on_one_server_lock_the_account_on_the_other(two_servers):
    from django.core.cache import cache

    (port_a, port_b), (shared, control) = two_servers
    client_address = f"203.0.113.{secrets.randbelow(200) + 20}"
    a, b = Browser(port_a, client_address), Browser(port_b, client_address)
    try:
        # Half of the account's limit on each server: counted per process, neither would refuse.
        for browser in (a, b, a, b):
            assert browser.log_in(shared, "wrong-password") == 200
        assert cache.get(f"throttle:login:user:{shared}") == ACCOUNT_LIMIT
        # Both servers now refuse even the right password (the form again, no session) ...
        assert a.log_in(shared, PASSWORD) == 200
        assert b.log_in(shared, PASSWORD) == 200
        # ... while another account logs in on either, so the refusal is the shared count.
        assert b.log_in(control, PASSWORD) == 302
        assert a.log_in(control, PASSWORD) == 302
    finally:
        for user in (shared, control):
            cache.delete(f"throttle:login:user:{user}")
        cache.delete(f"throttle:login:ip:{client_address}")
