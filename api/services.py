"""Token life cycle: create (shown once), revoke, use. Each change is audited."""

import hashlib
import secrets

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import PERSONAL_SCOPES, SERVICE_SCOPES, ApiToken, TokenKind
from audit.services import record

TOKEN_PREFIX = "vq_"
# A presented token is looked up in the database at most this often per key: every API request needs it,
# and the lookup (token, user, centre) was a third of a list request. Revoking a token and changing its
# user (deactivation, role, centre) drop the cached copy at once (forget_token, api.signals); expiry is
# checked on the cached copy, so the bound only matters for a change made outside those paths.
TOKEN_CACHE_SECONDS = 30


def _cache_key(key_hash):
    return f"api-token:{key_hash}"


def forget_token(token):
    """Drop the cached copy of `token` (after the change that makes it stale is committed)."""
    key = _cache_key(token.key_hash)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def hash_key(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _validate(name, scopes, allowed, expires_at):
    errors = {}
    if not name or not name.strip():
        errors["name"] = _("Give the token a name.")
    if not scopes or any(s not in allowed for s in scopes):
        errors["scopes"] = _("Choose at least one of the allowed scopes.")
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = _("The expiry must be in the future.")
    if errors:
        raise ValidationError(errors)


def _create(user, kind, name, scopes, expires_at, actor):
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            kind=kind,
            name=name.strip(),
            prefix=key[: len(TOKEN_PREFIX) + 8],
            key_hash=hash_key(key),
            scopes=sorted(set(scopes)),
            expires_at=expires_at,
        )
        record(
            actor=actor,
            action="api_token.created",
            obj=token,
            changes={"name": token.name, "kind": kind, "scopes": token.scopes},
        )
    return token, key


def create_personal_token(actor, *, name, scopes, expires_at=None):
    """A token acting as `actor` with exactly the actor's rights, narrowed to `scopes` (read / write)."""
    if not actor.is_authenticated or not (actor.is_agency or actor.is_centre_user):
        raise PermissionDenied
    _validate(name, scopes, PERSONAL_SCOPES, expires_at)
    return _create(actor, TokenKind.PERSONAL, name, scopes, expires_at, actor)


def create_service_token(actor, *, name, scopes, expires_at=None):
    """A read-only token for another system, per domain; only an agency admin creates one, and it acts with
    the agency's read rights in those domains while the admin's account stays active."""
    if not actor.is_authenticated or not actor.is_agency_admin:
        raise PermissionDenied
    _validate(name, scopes, SERVICE_SCOPES, expires_at)
    return _create(actor, TokenKind.SERVICE, name, scopes, expires_at, actor)


def revoke_token(actor, token):
    if token.user_id != actor.pk and not (token.kind == TokenKind.SERVICE and actor.is_agency_admin):
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor=actor, action="api_token.revoked", obj=token, changes={"name": token.name})
        forget_token(token)
    return token


def authenticate(key):
    """The usable token for a presented key, or None (same answer for unknown, revoked and expired)."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None
    key_hash = hash_key(key)
    token = cache.get(_cache_key(key_hash))
    if token is None:
        token = ApiToken.objects.usable().select_related("user", "user__centre").filter(key_hash=key_hash).first()
        if token is None or not token.user.is_active:
            return None  # not cached: a wrong key costs a lookup each time, and the rate limit still applies
        cache.set(_cache_key(key_hash), token, TOKEN_CACHE_SECONDS)
    elif not token.is_usable or not token.user.is_active:
        return None
    return token


def mark_used(token, request):
    """Last-used time (at most once a minute, to keep reads from writing every time) and an audit entry."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        cache.set(_cache_key(token.key_hash), token, TOKEN_CACHE_SECONDS)  # or the copy would write again
        record(
            actor=token.user,
            action="api_token.used",
            obj=token,
            changes={"method": request.method, "path": request.path[:200]},
        )
