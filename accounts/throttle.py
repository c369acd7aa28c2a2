"""Counters in the shared cache that slow down guessing and flooding, whichever worker answers.

With REDIS_URL every app server counts in Redis; without it the counts live in each process's
local memory, which is right only for a single process (development, tests).

- log-in: besides django-axes' lock of a (username, address) pair, a limit per address across
  usernames (password spraying from one address) and a limit per account across addresses;
- password-reset e-mails: per address and per e-mail address;
- invitation e-mails (an administrator invites someone or sends the invitation again): per invited
  e-mail address and per inviting account;
- the open survey link: per address and campaign, and a budget per campaign, so a class behind one
  school address can answer while a flood of one campaign stops.
"""

from django.conf import settings
from django.core.cache import cache

from accounts.client_ip import client_ip


def _limit(name, default):
    return getattr(settings, name, default)


def hits(keys, window):
    """Count one event under each of `keys` in a window of `window` seconds; the counts so far.

    With Redis one round trip for all the keys (the cache's `count_events`): every open-link answer
    and every failed log-in counts under two keys."""
    count_events = getattr(cache, "count_events", None)
    if count_events is not None:
        return count_events(keys, window)
    return [_hit_in_any_cache(key, window) for key in keys]


def _hit_in_any_cache(key, window):
    try:
        return cache.incr(key)
    except ValueError:  # the first event of the window (or the counter just expired)
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            return cache.incr(key)  # another worker created it in between
        except ValueError:
            cache.set(key, 1, timeout=window)
            return 1


def count(key):
    return cache.get(key, 0)


def _norm(username):
    return (username or "").strip().lower()[:150]


# ------------------------------------------------------------------ log-in
def login_keys(request, username):
    return f"throttle:login:ip:{client_ip(request)}", f"throttle:login:user:{_norm(username)}"


def login_blocked(request, username):
    """True when the address or the account has failed too often in the window."""
    by_ip, by_user = login_keys(request, username)
    return count(by_ip) >= _limit("LOGIN_FAILURES_PER_ADDRESS", 30) or count(by_user) >= _limit(
        "LOGIN_FAILURES_PER_ACCOUNT", 20
    )


def login_failed(request, username):
    hits(login_keys(request, username), _limit("LOGIN_THROTTLE_WINDOW", 15 * 60))


class LoginThrottleBackend:
    """First authentication backend: refuses (before any password hash) an address or account over its limit."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and login_blocked(request, username):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied  # stops the backend chain; the form says the log-in failed
        return None

    # No get_user: this backend never logs anybody in, so a session must never name it (Django's test
    # client's force_login, and django.contrib.auth, pick the first backend that has get_user).


def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        login_failed(request, credentials.get("username"))


# ------------------------------------------------------------------ password-reset e-mails
def password_reset_allowed(request, email):
    """Count a reset request; False once the address or the e-mail has asked too often (no e-mail then)."""
    window = _limit("PASSWORD_RESET_WINDOW", 60 * 60)
    per_ip, per_email = hits(
        [f"throttle:reset:ip:{client_ip(request)}", f"throttle:reset:email:{_norm(email)}"], window
    )
    return per_ip <= _limit("PASSWORD_RESETS_PER_ADDRESS", 10) and per_email <= _limit("PASSWORD_RESETS_PER_EMAIL", 3)


# ------------------------------------------------------------------ invitation e-mails
def invitation_refusal(actor, email):
    """Count one invitation e-mail; the reason (a message keyed by form field) when over a limit, else None.

    Per invited address, so a mistaken or malicious administrator cannot flood one mailbox; per
    inviting account, so a stolen administrator session cannot send thousands of e-mails."""
    from django.core.exceptions import NON_FIELD_ERRORS
    from django.utils.translation import gettext as _

    window = _limit("INVITATION_WINDOW", 60 * 60)
    per_email, per_actor = hits([f"throttle:invite:email:{_norm(email)}", f"throttle:invite:actor:{actor.pk}"], window)
    if per_email > _limit("INVITATIONS_PER_EMAIL", 3):
        return {"email": _("This address has received too many invitations in the last hour. Try again later.")}
    if per_actor > _limit("INVITATIONS_PER_ACCOUNT", 100):
        return {NON_FIELD_ERRORS: _("You have sent too many invitations in the last hour. Try again later.")}
    return None


# ------------------------------------------------------------------ the open survey link
def open_answer_allowed(request, campaign_id, per_address, per_campaign, window):
    """Count one open-link answer; False when the address or the whole campaign is over its limit.

    A limit of 0 switches that limit off."""
    keys, limits = [], []
    if per_address:
        keys.append(f"throttle:survey:{campaign_id}:ip:{client_ip(request)}")
        limits.append(per_address)
    if per_campaign:
        keys.append(f"throttle:survey:{campaign_id}:all")
        limits.append(per_campaign)
    if not keys:
        return True
    return all(n <= limit for n, limit in zip(hits(keys, window), limits, strict=True))


def throttle_password_reset(view):
    """Wrap the password-reset view: over the limit, answer as if sent (no e-mail, nothing revealed)."""
    from functools import wraps

    from django.shortcuts import redirect

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not password_reset_allowed(request, request.POST.get("email", "")):
            return redirect("password_reset_done")
        return view(request, *args, **kwargs)

    return wrapped
