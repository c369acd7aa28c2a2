"""With REDIS_URL, limits are counted in Redis: a second process sees the first one's counts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (the shared-cache run sets it)")

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
