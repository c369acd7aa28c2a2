"""The registry of licensed centres, as each caller may see it (an agency user: all; a centre user: its own)."""

import datetime as dt
import hashlib
import json

from django.core.cache import cache
from django.http import HttpResponse
from ninja import Router, Schema

from api.auth import require
from api.pagination import page
from api.rendering import json_answer
from api.schemas import Page, responses
from centres import registry_version
from centres.access import centres_visible_to, get_visible_or_404, is_agency
from centres.models import Centre

router = Router(tags=["centres"])


class CentreOut(Schema):
    licence_number: str
    kind: str
    name: str
    region: str
    municipality: str
    address: str
    email: str
    website: str
    licensed_on: dt.date
    licence_revoked_on: dt.date | None
    iso_9001: bool


class CentrePage(Page):
    items: list[CentreOut]


FIELDS = list(CentreOut.model_fields)


def centre_out(c):
    return {f: getattr(c, f) for f in FIELDS}


# Encoded pages are kept under the register's version (centres.registry_version), which every change to
# a centre moves: a registry is read far more often than it changes.
PAGE_CACHE_SECONDS = 300


def _page_key(user, **params):
    visibility = "agency" if is_agency(user) else f"centre:{user.centre_id}"
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:32]
    return f"api-centres:{registry_version.current()}:{visibility}:{digest}"


@router.get("", response=responses(CentrePage), summary="List centres")
def list_centres(request, kind: str = "", region: str = "", q: str = "", cursor: str = "", limit: int = 50):
    require(request, "centres")
    q = q[:200]
    key = _page_key(request.user, kind=kind, region=region, q=q, cursor=cursor, limit=limit)
    body = cache.get(key)
    if body is None:
        queryset = centres_visible_to(request.user)
        if kind:
            queryset = queryset.filter(kind=kind)
        if region:
            queryset = queryset.filter(region=region)
        if q:
            queryset = queryset.filter(name__icontains=q) | queryset.filter(licence_number=q[:20])
        # values() rows are CentreOut's fields with its types (api.rendering says why no second validation).
        rows, next_cursor = page(queryset.values(*FIELDS), ["licence_number"], cursor, limit)
        body = json_answer({"next": next_cursor, "items": rows}).content
        cache.set(key, body, PAGE_CACHE_SECONDS)
    return HttpResponse(body, content_type="application/json")


@router.get("/{licence_number}", response=responses(CentreOut), summary="One centre")
def get_centre(request, licence_number: str):
    require(request, "centres")
    return centre_out(get_visible_or_404(Centre.objects.all(), request.user, "pk", licence_number=licence_number))
