"""Text from forms, files and commands: no NUL or control characters, bounded length, known patterns.

PostgreSQL refuses a NUL in text (a 500 if it reaches a query); other control characters are
invisible in pages and break CSV and XLSX files. Tabs and line breaks are allowed only where the
text may have several lines.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inputs.errors import InputRefused

# C0 controls, DEL, C1 controls, and Unicode's line/paragraph separators and bidi overrides
# (which can make a file name or a licence number read differently from what it is).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# A NAVET licence number: digits only (the year and a serial, e.g. 200812001).
LICENCE_RE = re.compile(r"^[0-9]{6,12}$")
# Codes of frameworks, criteria, professions, questionnaires: letters, digits and . - _
CODE_RE = re.compile(r"^[A-Za-z0-9А-Яа-я][A-Za-z0-9А-Яа-я._-]{0,49}$")


def has_control_characters(text, *, multiline=False):
    pattern = _CONTROL if multiline else _CONTROL_SINGLE_LINE
    return bool(pattern.search(text))


def clean_text(value, *, max_length=None, multiline=False, required=False):
    """The value as text (stripped); InputRefused for control characters, over-long or missing text."""
    text = "" if value is None else str(value)
    if has_control_characters(text, multiline=multiline):
        raise InputRefused(_("The text contains control characters (such as NUL)."))
    text = text.strip() if multiline else " ".join(text.split())
    if required and not text:
        raise InputRefused(_("A value is required."))
    if max_length is not None and len(text) > max_length:
        raise InputRefused(_("Longer than %(limit)s characters.") % {"limit": max_length})
    return text


def clean_licence(value):
    text = clean_text(value, max_length=20, required=True)
    if not LICENCE_RE.match(text):
        raise InputRefused(_("A licence number is 6 to 12 digits."))
    return text


def clean_code(value):
    text = clean_text(value, max_length=50, required=True)
    if not CODE_RE.match(text):
        raise InputRefused(_("A code is letters, digits, dots, hyphens and underscores."))
    return text


def clean_email(value, *, required=False):
    text = clean_text(value, max_length=254, required=required)
    if not text:
        return ""
    try:
        EmailValidator()(text)
    except ValidationError:
        raise InputRefused(_("Not a valid e-mail address.")) from None
    return text


@deconstructible
class NoControlCharacters:
    """A field validator (forms and models): refuses NUL and other control characters."""

    message = gettext_lazy("The text contains control characters (such as NUL).")
    code = "control_characters"

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        if isinstance(value, str) and has_control_characters(value, multiline=self.multiline):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline
