"""Idempotency-Key for POSTs: the same key and body answer the first result again; a different body, 409."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from api.models import IdempotentRequest
from api.problems import Problem

MAX_KEY = 100


def once(request, run):
    """Run `run()` -> (status, body dict) once per (user, Idempotency-Key); replay its answer afterwards."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return run()
    if len(key) > MAX_KEY or any(ord(ch) < 32 for ch in key):
        raise Problem(400, _("Invalid Idempotency-Key"), _("At most 100 printable characters."))
    body_hash = hashlib.sha256(request.body).hexdigest()
    previous = IdempotentRequest.objects.filter(user=request.user, key=key).first()
    if previous is not None:
        if previous.body_hash != body_hash or previous.path != request.path:
            raise Problem(409, _("Idempotency-Key reused"), _("This key was used with another request."))
        return previous.status, previous.response
    with transaction.atomic():
        status, body = run()
        try:
            with transaction.atomic():
                IdempotentRequest.objects.create(
                    user=request.user,
                    token=getattr(request, "api_token", None),
                    key=key,
                    path=request.path[:300],
                    body_hash=body_hash,
                    status=status,
                    response=json.loads(json.dumps(body, default=str)),
                )
        except IntegrityError:
            # A concurrent request with the same key won: undo ours, answer as it did.
            raise Problem(409, _("Idempotency-Key reused"), _("This key is being used by another request.")) from None
    return status, body
