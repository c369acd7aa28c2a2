"""Counts written in words, as the agency's analyses write them at the start of a sentence."""

from django.utils.translation import get_language

UNITS = ["нула", "един", "два", "три", "четири", "пет", "шест", "седем", "осем", "девет"]
TEENS = [
    "десет",
    "единадесет",
    "дванадесет",
    "тринадесет",
    "четиринадесет",
    "петнадесет",
    "шестнадесет",
    "седемнадесет",
    "осемнадесет",
    "деветнадесет",
]
TENS = ["", "", "двадесет", "тридесет", "четиридесет", "петдесет", "шестдесет", "седемдесет", "осемдесет", "деветдесет"]
HUNDREDS = [
    "",
    "сто",
    "двеста",
    "триста",
    "четиристотин",
    "петстотин",
    "шестстотин",
    "седемстотин",
    "осемстотин",
    "деветстотин",
]


def _parts_below_thousand(n):
    parts = []
    if n >= 100:
        parts.append(HUNDREDS[n // 100])
        n %= 100
    if n >= 20:
        parts.append(TENS[n // 10])
        if n % 10:
            parts.append(UNITS[n % 10])
    elif n >= 10:
        parts.append(TEENS[n - 10])
    elif n:
        parts.append(UNITS[n])
    return parts


def bulgarian_words(n):
    """A count (masculine, as for "центъра") in Bulgarian words: 798 → "седемстотин деветдесет и осем"."""
    if n == 0:
        return UNITS[0]
    if not 0 < n < 1_000_000:
        return str(n)
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands == 1:
        parts.append("хиляда")
    elif thousands == 2:
        parts.append("две хиляди")
    elif thousands:
        parts.append(" ".join(_parts_below_thousand(thousands)) + " хиляди")
    parts += _parts_below_thousand(rest)
    # Bulgarian joins the last element with "и": "триста и пет", "сто двадесет и пет".
    if len(parts) > 1:
        parts[-1] = "и " + parts[-1]
    return " ".join(parts)


def count_words(n, capitalise=True):
    """Words in Bulgarian, digits in any other language."""
    if (get_language() or "bg").startswith("bg"):
        text = bulgarian_words(n)
        return text[:1].upper() + text[1:] if capitalise else text
    return str(n)
