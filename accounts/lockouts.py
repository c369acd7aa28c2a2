"""Who is paused from logging in now (django-axes), for the administrator's lockouts page."""

from django.conf import settings
from django.utils import timezone


def listing_available():
    """Only the database handler keeps records that can be listed; the cache handler's keys cannot be."""
    return settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def current_lockouts():
    """Username/address pairs that reached the failure limit within the cool-off period, newest first."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    if not listing_available():
        return []
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    rows = attempts.order_by("-attempt_time").values("username", "ip_address", "attempt_time", "failures_since_start")
    return [{**row, "until": row["attempt_time"] + cool_off if cool_off else None} for row in rows]
