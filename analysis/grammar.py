"""Numbers written in sentences as the agency writes them, agreeing with their nouns.

Counts go through ngettext/npgettext (the catalogues' Plural-Forms: Bulgarian has one
singular, "1 център", and one counted plural, "2 центъра", "1,5 точки", "0 точки"), and
every number through `formatting.numbers`: a decimal comma, thousands grouped with a
space, per cent as "6,45 %".
"""

from decimal import Decimal

from django.utils.translation import npgettext

from formatting.numbers import format_number, format_percent


def plural_count(value):
    """The n that selects a plural form: only exactly 1 is singular ("1,5 точки", "0 точки")."""
    if value is None:
        return 0
    d = Decimal(value)
    if d == d.to_integral_value():
        return int(d)
    return 2  # any fraction takes the plural in Bulgarian and English


def number(value, places=None):
    """An integer or a Decimal for a sentence: '798', '12 345', '13,99' (places rounds half-up)."""
    if value is None:
        return "–"
    return format_number(value, places)


def decimal(value, places=2):
    return number(value, places)


def points_value(value):
    """Points as the framework writes them, without trailing zeros: '20', '1,5'."""
    if value is None:
        return "–"
    d = Decimal(value).normalize()
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return format_number(d)


def percent(value, places=2):
    """'93,55 %' (Bulgarian) — '–' when there is no share."""
    if value is None:
        return "–"
    return format_percent(value, places)


def points(value, places=None):
    """'1 точка', '1,5 точки', '0 точки', '20 точки'; with places, rounded half-up: '76,86 точки'."""
    if value is None:
        return "–"
    if places is not None:
        value = Decimal(format_number(value, places, lang="en", grouping=False))
    return npgettext("points", "%(n)s point", "%(n)s points", plural_count(value)) % {"n": points_value(value)}


def centres(n):
    """'1 център', '42 центъра'."""
    return npgettext("count of centres", "%(n)s centre", "%(n)s centres", n) % {"n": number(n)}


def reports(n):
    return npgettext("count of reports", "%(n)s report", "%(n)s reports", n) % {"n": number(n)}


def gave_points(count, value):
    """'1 център е поставил 0 точки', '42 центъра са поставили 1 точка'."""
    return npgettext(
        "criterion distribution",
        "%(count)s centre gave %(points)s",
        "%(count)s centres gave %(points)s",
        count,
    ) % {"count": number(count), "points": points(value)}


def change_in_points(delta):
    """'+1,25 точки' / '-0,7 точки' / '0 точки': a signed change of a mean."""
    if delta is None:
        return "–"
    sign = "+" if delta > 0 else ""
    return sign + points(Decimal(delta).quantize(Decimal("0.01")))


def change_in_percent(current, previous):
    """The change as per cent of the previous value, as the agency writes it ("повишаването е едва 0,49 %")."""
    if current is None or previous in (None, 0):
        return None
    return (Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)
