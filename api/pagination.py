"""Cursor pagination over a natural-key ordering: stable while rows are added, no OFFSET scans.

The cursor is the last row's key values, base64-encoded JSON; the client passes it back as
`?cursor=`. A list answers {"items": [...], "next": cursor or null}.
"""

import base64
import binascii
import json

from django.db.models import Q
from django.utils.translation import gettext as _

from api.problems import Problem

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode(values):
    return base64.urlsafe_b64encode(json.dumps(values, ensure_ascii=False).encode()).decode().rstrip("=")


def decode(cursor, size):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Problem(400, _("Invalid cursor"), _("The cursor is not one this API gave.")) from None
    if not isinstance(values, list) or len(values) != size or not all(isinstance(v, str | int) for v in values):
        raise Problem(400, _("Invalid cursor"), _("The cursor is not one this API gave."))
    return values


def page(queryset, keys, cursor=None, limit=DEFAULT_LIMIT):
    """(rows, next_cursor) for `queryset` ordered by `keys` (field names, ascending, unique together)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise Problem(400, _("Invalid limit"), _("The limit must be between 1 and %(max)s.") % {"max": MAX_LIMIT})
    queryset = queryset.order_by(*keys)
    if cursor:
        values = decode(cursor, len(keys))
        # (k1, k2, …) > (v1, v2, …) written out, as both databases understand it.
        condition = Q()
        for i, key in enumerate(keys):
            step = Q(**{f"{key}__gt": values[i]})
            for prev, value in zip(keys[:i], values[:i], strict=False):
                step &= Q(**{prev: value})
            condition |= step
        queryset = queryset.filter(condition)
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode([_plain(getattr_path(rows[-1], k)) for k in keys]) if more and rows else None
    return rows, next_cursor


def getattr_path(obj, path):
    if isinstance(obj, dict):  # a values() row: its keys are the field paths
        return obj[path]
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def _plain(value):
    return value if isinstance(value, int | str) else str(value)
