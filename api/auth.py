"""Who is calling: a Bearer token or the web session. Both end as `request.user` with that user's rights.

A token narrows the user's rights to its scopes (`require(request, domain, write=...)`); a web
session has the user's full rights. Token requests are rate-limited in the shared cache
(REDIS_URL in production, so every worker sees the same counts).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer

from api import services
from api.problems import Problem


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = services.authenticate(token)
        if found is None:
            # The same answer whether the token is unknown, expired, revoked or its user inactive.
            raise Problem(401, _("Invalid token"), _("The token is not valid: it may be wrong, expired or revoked."))
        _throttle(found)
        services.mark_used(found, request)
        request.user = found.user
        request.api_token = found
        return found


class SessionAuth(APIKeyCookie):
    """The web login, for the docs page and browser use (CSRF checked on unsafe methods)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.api_token = None
            return user
        return None


def _throttle(token):
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    window = int(time.time() // 60)
    key = f"api-rate:{token.key_hash[:20]}:{window}"
    # One round trip in the common case: the counter of this minute exists already.
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1 if cache.add(key, 1, timeout=61) else cache.incr(key)
    if count > limit:
        retry = 60 - int(time.time()) % 60
        raise Problem(
            429,
            _("Too many requests"),
            _("This token made more than %(limit)s requests this minute.") % {"limit": limit},
            headers={"Retry-After": str(retry)},
        )


def require(request, domain, *, write=False):
    """Refuse (403) a token whose scopes do not cover `domain` (and writing, when `write`)."""
    token = getattr(request, "api_token", None)
    if token is not None and not token.allows(domain, write=write):
        raise Problem(403, _("Scope missing"), _("This token's scopes do not allow this request."))


AUTH = [TokenAuth(), SessionAuth(csrf=True)]
