"""The public pages' cache: whole responses in the configured cache (Redis with REDIS_URL), under a
version that every change the pages show moves on (public.signals), so nothing stale is served.

Two levels: the shared cache, and in each process a small LRU of the hottest pages and the version
as read at most VERSION_CHECK_SECONDS ago — a warm page then costs no round trip at all, and a
change reaches every worker within that second. The version is a nanosecond timestamp: it doubles
as the open data's Last-Modified.
"""

import datetime as dt
import hashlib
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

VERSION_KEY = "public:version"
# A safety net for what changes without an audit entry (survey answers arriving, "today" moving on).
PAGE_SECONDS = 600
VERSION_CHECK_SECONDS = 1.0
LOCAL_PAGES = 256

_lock = threading.Lock()
_local = {"version": None, "checked": 0.0}
_pages = OrderedDict()  # key → stored page, the most recently used last


def _new_version():
    return str(time.time_ns())


def version():
    now = time.monotonic()
    if _local["version"] is not None and now - _local["checked"] < VERSION_CHECK_SECONDS:
        return _local["version"]
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, _new_version(), None)
        value = cache.get(VERSION_KEY) or _new_version()
    _local.update(version=value, checked=now)
    return value


def bump():
    value = _new_version()
    cache.set(VERSION_KEY, value, None)
    _local.update(version=value, checked=time.monotonic())


def forget_local():
    """Drop this process's copies (tests start from an empty cache)."""
    with _lock:
        _pages.clear()
        _local.update(version=None, checked=0.0)


def _local_get(key):
    with _lock:
        stored = _pages.get(key)
        if stored is not None:
            _pages.move_to_end(key)
        return stored


def _local_set(key, stored):
    with _lock:
        _pages[key] = stored
        _pages.move_to_end(key)
        while len(_pages) > LOCAL_PAGES:
            _pages.popitem(last=False)


def last_modified(value=None):
    """The moment the published data last changed (to the second, as HTTP dates are)."""
    ns = int(value or version())
    return dt.datetime.fromtimestamp(ns // 1_000_000_000, tz=dt.UTC)


def _key(request, current):
    # The day too: what a page says about a licence can change at midnight without any edit.
    day = today().isoformat()
    raw = "|".join((current, day, translation.get_language() or "", request.path, request.GET.urlencode()))
    return "public:page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def cached_page(view):
    """Serve a GET from the cache when the published data has not changed; store 200 answers."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key(request, version())
        stored = _local_get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                _local_set(key, stored)
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
            stored = {"content": response.content, "content_type": response["Content-Type"], "headers": keep}
            cache.set(key, stored, PAGE_SECONDS)
            _local_set(key, stored)
        return response

    return wrapper


def today():
    return timezone.localdate()


def reset():
    """Empty the shared cache and this process's copies and snapshot: for tests, never for a live site."""
    from public import records

    cache.clear()
    forget_local()
    records.forget()
