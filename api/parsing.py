"""The API's JSON boundary: size, depth, non-finite numbers and control characters refused before any
endpoint sees the body, every problem with its JSON path."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.parser import Parser

from api.problems import Problem

MAX_DEPTH = 20
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _refuse_constant(name):
    raise ValueError(name)


def _walk(value, path, depth, problems):
    if depth > MAX_DEPTH:
        raise Problem(400, _("Invalid request body"), _("The JSON is nested too deeply."))
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(key, f"{path}/{key}", depth + 1, problems)
            _walk(item, f"{path}/{key}", depth + 1, problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}/{i}", depth + 1, problems)
    elif isinstance(value, str) and any(ch in _CONTROL for ch in value):
        problems.append({"path": path or "/", "message": _("Control characters (such as NUL) are not allowed.")})


class SafeJsonParser(Parser):
    def parse_body(self, request):
        limit = settings.API_MAX_BODY_BYTES
        length = request.META.get("CONTENT_LENGTH") or "0"
        if (length.isdigit() and int(length) > limit) or len(request.body) > limit:
            raise Problem(413, _("Request body too large"), _("At most %(kb)s KB of JSON.") % {"kb": limit // 1024})
        if not request.body:
            return {}
        try:
            data = json.loads(request.body, parse_constant=_refuse_constant)
        except RecursionError:
            raise Problem(400, _("Invalid request body"), _("The JSON is nested too deeply.")) from None
        except (ValueError, UnicodeDecodeError):
            raise Problem(
                400, _("Invalid request body"), _("The body is not valid JSON (NaN and Infinity are not numbers).")
            ) from None
        problems = []
        _walk(data, "", 0, problems)
        if problems:
            raise Problem(400, _("Invalid request body"), _("Some values are not allowed."), errors=problems)
        return data
