"""The registry of licensed centres, as each caller may see it (an agency user: all; a centre user: its own)."""

import datetime as dt

from ninja import Router, Schema

from api.auth import require
from api.pagination import page
from api.rendering import json_answer
from api.schemas import Page, responses
from centres.access import centres_visible_to, get_visible_or_404
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


@router.get("", response=responses(CentrePage), summary="List centres")
def list_centres(request, kind: str = "", region: str = "", q: str = "", cursor: str = "", limit: int = 50):
    require(request, "centres")
    queryset = centres_visible_to(request.user)
    if kind:
        queryset = queryset.filter(kind=kind)
    if region:
        queryset = queryset.filter(region=region)
    if q:
        queryset = queryset.filter(name__icontains=q[:200]) | queryset.filter(licence_number=q[:20])
    # values() rows are CentreOut's fields with its types (api.rendering says why no second validation).
    rows, next_cursor = page(queryset.values(*FIELDS), ["licence_number"], cursor, limit)
    return json_answer({"next": next_cursor, "items": rows})


@router.get("/{licence_number}", response=responses(CentreOut), summary="One centre")
def get_centre(request, licence_number: str):
    require(request, "centres")
    return centre_out(get_visible_or_404(Centre.objects.all(), request.user, "pk", licence_number=licence_number))
