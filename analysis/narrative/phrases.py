"""Phrases the sections share: a change's direction, a year-by-year list, a criterion's distribution."""

from django.utils.translation import gettext as _

from analysis import figures as F
from analysis import grammar as G


def trend_word(delta):
    if delta is None:
        return None
    if delta > 0:
        return _("a rise")
    if delta < 0:
        return _("a fall")
    return _("no change")


def criterion_sentence(c, submitted):
    """'Under the criterion "…" 156 of the 798 CPO gave the maximum 3 points; 167 centres gave 1,5 points; …'."""
    keys = list(c.distribution)
    top_key = keys[-1]
    zero = c.distribution.get("0", 0)
    text = _(
        'Under the criterion "%(name)s" %(top)s of the %(n)s CPO that submitted a report gave the maximum %(max)s'
    ) % {
        "name": c.name,
        "top": G.number(c.distribution.get(top_key, 0)),
        "n": G.number(submitted),
        "max": G.points(c.max_points),
    }
    others = [G.gave_points(k_n, k) for k, k_n in c.distribution.items() if k not in ("0", top_key) and k_n]
    if others:
        text += "; " + "; ".join(others)
    text += "; " + G.gave_points(zero, 0) + " (" + G.percent(F.pct(zero, submitted)) + ")."
    return text


def by_year(pairs, fmt=G.decimal):
    """'2022 – 31, 2023 – 15, 2024 – 5' from [(year, value)], leaving out unknown years."""
    return ", ".join(f"{y} – {fmt(v)}" for y, v in pairs if v is not None)
