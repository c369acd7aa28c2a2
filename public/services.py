"""State changes of the public app: publishing a year's national analysis (agency admins only)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from audit.services import record
from public.models import PublishedAnalysis


def _check(actor):
    if not (actor and actor.is_authenticated and actor.is_agency_admin):
        raise PermissionDenied


def publish_analysis(year, *, actor, now=None):
    """Mark the national analysis of `year` as published (again: keeps the first date)."""
    _check(actor)
    with transaction.atomic():
        published, created = PublishedAnalysis.objects.select_for_update().get_or_create(
            year=year, defaults={"published_at": now or timezone.now(), "published_by": actor}
        )
        if created:
            record(actor=actor, action="publish_analysis", obj=published, from_state="", to_state="published")
    return published


def unpublish_analysis(year, *, actor):
    _check(actor)
    with transaction.atomic():
        published = PublishedAnalysis.objects.select_for_update().filter(year=year).first()
        if published is None:
            return False
        record(actor=actor, action="unpublish_analysis", obj=published, from_state="published", to_state="")
        published.delete()
    return True
