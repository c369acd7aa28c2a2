"""How the risk score's sentences and figures are written: a sentence translated only when shown, and
its figures with a decimal comma and dates as 31.12.2024. Used by control.risk_signals and control.risk.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext


class Sentence:
    """A sentence translated only when shown (gettext per call costs more than the scoring).

    Written like gettext: `_("… %(n)s …") % {"n": n}` with `_ = Sentence`."""

    __slots__ = ("message", "params")

    def __init__(self, message, params=None):
        self.message, self.params = message, params

    def __mod__(self, params):
        # Each sentence object is made for one reading: fill it in place rather than copy it.
        self.params = params
        return self

    def __str__(self):
        text = gettext(self.message)
        if self.params is None:
            return text
        return text % {key: shown(value) for key, value in self.params.items()}


def shown(value):
    """A figure as the sentence shows it: decimal comma, dates as 31.12.2024."""
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return value


def as_decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def fmt(number):
    text = format(as_decimal(number).normalize(), "f")
    return text.replace(".", ",")
