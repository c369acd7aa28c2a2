"""API tokens: personal (a user's own, scopes read/write) and service (an agency admin's, for another system).

The secret is shown once and stored only as a SHA-256 hash: a token is 32 random bytes, so a
slow password hash adds nothing but latency to every request. The prefix identifies a token in
lists and logs without revealing it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenKind(models.TextChoices):
    PERSONAL = "personal", _("Personal")
    SERVICE = "service", _("Service")


# Scopes: personal tokens take "read" / "write" (all the user's domains); service tokens take
# "<domain>:read". The domains are the API's routers.
DOMAINS = ("frameworks", "centres", "reports", "activity", "surveys", "analysis", "control", "public")
PERSONAL_SCOPES = ("read", "write")
SERVICE_SCOPES = tuple(f"{d}:read" for d in DOMAINS)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def of_user(self, user):
        return self.filter(user=user, kind=TokenKind.PERSONAL)

    def services(self):
        return self.filter(kind=TokenKind.SERVICE)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    kind = models.CharField(_("kind"), max_length=10, choices=TokenKind.choices, default=TokenKind.PERSONAL)
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self):
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def allows(self, domain, write=False):
        if self.kind == TokenKind.SERVICE:
            return not write and f"{domain}:read" in self.scopes
        return ("write" in self.scopes) if write else ("read" in self.scopes or "write" in self.scopes)


class IdempotentRequest(models.Model):
    """The first answer to a POST with an Idempotency-Key, replayed when the same key and body come again."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=100)
    path = models.CharField(max_length=300)
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")]
