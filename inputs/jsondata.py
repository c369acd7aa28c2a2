"""JSON from files and uploads: bounded size and nesting, no NaN or Infinity.

Python's json module recurses once per nesting level: a file of 100,000 '[' raises RecursionError
(a traceback) and a few MB of them take the worker's stack. The depth is measured first by a scan
that does not recurse; NaN, Infinity and -Infinity (which json accepts by default) are refused.
"""

import json

from django.utils.translation import gettext as _

from inputs.errors import InputRefused
from inputs.text import has_control_characters

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32


def nesting_depth(text):
    """The deepest nesting of [ and { in a JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name):
    raise ValueError(_("%(name)s is not a number JSON may hold here.") % {"name": name})


def load_json(data, *, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH):
    """The parsed JSON of bytes or text; InputRefused (with the reason) for anything else."""
    if len(data) > max_bytes:
        raise InputRefused(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes // 2**20})
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputRefused(_("The file is not UTF-8 text.")) from None
    if nesting_depth(data) > max_depth:
        raise InputRefused(_("The JSON is nested more than %(n)s levels deep.") % {"n": max_depth})
    try:
        parsed = json.loads(data, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        raise InputRefused(_("Not valid JSON (%(error)s).") % {"error": exc}) from None
    _refuse_control_characters(parsed)
    return parsed


def _refuse_control_characters(value):
    """No NUL or other control character in any key or text (the depth is already bounded)."""
    if isinstance(value, str):
        if has_control_characters(value, multiline=True):
            raise InputRefused(_("The text contains control characters (such as NUL)."))
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_control_characters(key)
            _refuse_control_characters(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_control_characters(item)
