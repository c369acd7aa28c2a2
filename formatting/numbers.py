"""One way to write numbers for people: templates, documents and exports use these.

Bulgarian, as the agency writes it: a decimal comma, thousands grouped with a
(non-breaking) space, per cent as "6,45 %", sizes in "КБ"/"МБ" with Cyrillic
letters. English uses a decimal point and a comma for thousands. The language
is the active one unless given.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

NBSP = "\xa0"


def _lang(lang):
    return (lang or translation.get_language() or "bg")[:2]


def _quantize(value, places):
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is None:
        return d
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value, places=None, lang=None, grouping=True):
    """`value` (int, Decimal, float or numeric str) written for people; '' for None.

    places=None keeps the value's own decimals (a Decimal("1.50") stays "1,50"; an
    int has none); otherwise the value is rounded half-up to that many places.
    """
    if value is None or value == "":
        return ""
    try:
        d = _quantize(value, places)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if not d.is_finite():
        return ""
    lang = _lang(lang)
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    if grouping and len(whole) > 4 or (grouping and lang != "bg" and len(whole) > 3):
        # Bulgarian style groups only from five digits up ("1234", "12 345"), as the agency's documents do.
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = (NBSP if lang == "bg" else ",").join(groups)
    decimal_sep = "," if lang == "bg" else "."
    return sign + whole + (decimal_sep + frac if frac else "")


def format_percent(value, places=2, lang=None):
    """'6,45 %' (Bulgarian, with a non-breaking space) or '6.45%' (English); '' for None."""
    if value is None:
        return ""
    text = format_number(value, places, lang)
    return text + (NBSP + "%" if _lang(lang) == "bg" else "%")


def format_points(value, places=None, lang=None):
    """Points: '1,5 т.' / '1.5 pts'."""
    if value is None:
        return ""
    text = format_number(value, places, lang)
    return text + (NBSP + "т." if _lang(lang) == "bg" else " pts")


def format_size(num_bytes, lang=None):
    """A file size: '512 Б', '12,5 КБ', '3,2 МБ' (Cyrillic units in Bulgarian)."""
    if num_bytes is None:
        return ""
    size = Decimal(int(num_bytes))
    units = [_("B"), _("KB"), _("MB"), _("GB")]
    for unit in units:
        if size < 1024 or unit == units[-1]:
            places = 0 if unit == units[0] else 1
            return format_number(size, places, lang) + NBSP + unit
        size /= 1024
    return ""  # unreachable


def parse_decimal(text):
    """Decimal from what people type: '12,50', '12.50', '1 234,5'; None when empty. ValueError when not a number.

    Refuses non-finite values (NaN, Infinity) — callers bound the magnitude per field.
    """
    if text is None:
        return None
    if isinstance(text, int | Decimal) and not isinstance(text, bool):
        d = Decimal(text)
    else:
        cleaned = str(text).strip().replace(NBSP, "").replace(" ", "")
        if not cleaned:
            return None
        if "," in cleaned and "." in cleaned:
            raise ValueError(text)  # ambiguous: '1.234,5' or '1,234.5'
        cleaned = cleaned.replace(",", ".")
        try:
            d = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(text) from None
    if not d.is_finite():
        raise ValueError(text)
    return d
