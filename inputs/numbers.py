"""Numbers from forms, XLSX, CSV and JSON: finite, within the field's bounds, never a decimal special.

Every importer and form goes through `to_int` / `to_decimal`, so a `1E400`, `NaN`, `sNaN`,
`Infinity` or 2**63 is refused with a message instead of reaching the database, where it either
raises (PostgreSQL's integer, numeric) or is stored and later breaks every sum (SQLite).
"""

import math
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from formatting.numbers import parse_decimal
from inputs.errors import InputRefused

# The smallest database integers in use: PostgreSQL's smallint and integer.
SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647
# A count of people, hours, procedures or sessions of one centre in one year: far above any real
# figure, far below the integer limits, so national sums of every centre still fit in a bigint.
COUNT_MAX = 1_000_000
# Years: the system holds data from 2000 on; far-future years are typing errors.
YEAR_MIN, YEAR_MAX = 2000, 2100
# Longest text of digits we even try to read as a number (a 10,000-digit string costs CPU to parse).
MAX_NUMBER_TEXT = 40


def _number(value):
    """A Decimal from an int, float, Decimal or text (decimal comma or point); None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputRefused(_("A number is expected here."))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputRefused(_("Not a finite number."))
        value = Decimal(repr(value))
    if isinstance(value, str) and len(value.strip()) > MAX_NUMBER_TEXT:
        raise InputRefused(_("The number is too long."))
    try:
        number = parse_decimal(value)
    except (ValueError, InvalidOperation, TypeError):
        raise InputRefused(_("A number is expected here, not text.")) from None
    if number is not None and not number.is_finite():
        raise InputRefused(_("Not a finite number."))
    return number


def _check_range(number, minimum, maximum):
    if minimum == 0 and number < 0:
        raise InputRefused(_("Must not be negative."))
    if minimum is not None and number < minimum:
        raise InputRefused(_("Must be at least %(min)s.") % {"min": minimum})
    if maximum is not None and number > maximum:
        raise InputRefused(_("Must be at most %(max)s.") % {"max": maximum})


def to_int(value, *, minimum=0, maximum=COUNT_MAX):
    """A whole number within [minimum, maximum]; None when empty; InputRefused otherwise."""
    number = _number(value)
    if number is None:
        return None
    # Compare before converting: Decimal("1E400") is finite but int() of it is a 400-digit number.
    _check_range(number, minimum, maximum)
    if number != number.to_integral_value():
        raise InputRefused(_("A whole number is expected here."))
    return int(number)


def to_decimal(value, *, minimum=Decimal(0), maximum=None, places=2, max_digits=None):
    """A Decimal within bounds, rounded check: at most `places` decimals; None when empty."""
    number = _number(value)
    if number is None:
        return None
    if maximum is None and max_digits is not None:
        maximum = decimal_max(max_digits, places)
    _check_range(number, minimum, maximum)
    quantum = Decimal(1).scaleb(-places)
    if number.quantize(quantum) != number:
        raise InputRefused(_("At most %(places)s digits after the decimal comma.") % {"places": places})
    return number.quantize(quantum)


def decimal_max(max_digits, places):
    """The largest value a DecimalField(max_digits, places) holds, e.g. (10, 2) → 99999999.99."""
    return Decimal(10) ** (max_digits - places) - Decimal(1).scaleb(-places)


def to_year(value, *, minimum=YEAR_MIN, maximum=YEAR_MAX):
    return to_int(value, minimum=minimum, maximum=maximum)
