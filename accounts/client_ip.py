"""The real client address, also behind the TLS proxy.

Behind a proxy every request's REMOTE_ADDR is the proxy: throttling keyed on it would let anyone lock
any account and would count a whole city as one client. Each proxy appends the address it received
the request from to X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`), so with
TRUSTED_PROXY_COUNT proxies in front of the app the client is the entry that many places from the
right. Entries further left were written by the client and are ignored, so a forged header cannot
choose the address. Without TRUSTED_PROXY_COUNT, REMOTE_ADDR is used and forwarded headers are ignored.
(django-ipware's proxy_count needs the exact number of entries, so one forged entry would send every
such client back to the proxy's address; this rule does not.)
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not count:
        return remote
    trusted = getattr(settings, "TRUSTED_PROXY_IPS", None)
    if trusted and remote not in trusted:
        return remote  # not from our proxy: its forwarded header means nothing
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < count:
        return remote
    return _valid(entries[-count]) or remote
