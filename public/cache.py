"""The public pages' cache: whole responses in the configured cache (Redis with REDIS_URL), under a
version that every change the pages show moves on (public.signals), so nothing stale is served.

The version is a nanosecond timestamp: it doubles as the open data's Last-Modified.
"""

import datetime as dt
import hashlib
import time
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

VERSION_KEY = "public:version"
# A safety net for what changes without an audit entry (survey answers arriving, "today" moving on).
PAGE_SECONDS = 600


def _new_version():
    return str(time.time_ns())


def version():
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, _new_version(), None)
        value = cache.get(VERSION_KEY) or _new_version()
    return value


def bump():
    cache.set(VERSION_KEY, _new_version(), None)


def last_modified(value=None):
    """The moment the published data last changed (to the second, as HTTP dates are)."""
    ns = int(value or version())
    return dt.datetime.fromtimestamp(ns // 1_000_000_000, tz=dt.UTC)


def _key(request, current):
    raw = "|".join((current, translation.get_language() or "", request.path, request.GET.urlencode()))
    return "public:page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def cached_page(view):
    """Serve a GET from the cache when the published data has not changed; store 200 answers."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key(request, version())
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], content_type=stored["content_type"])
            for name, value in stored["headers"].items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            keep = {name: response[name] for name in ("Content-Language", "Link") if response.has_header(name)}
            cache.set(
                key,
                {"content": response.content, "content_type": response["Content-Type"], "headers": keep},
                PAGE_SECONDS,
            )
        return response

    return wrapper


def today():
    return timezone.localdate()
