"""Per-criterion sentences: every criterion that is notably high, low, mid-heavy, or changed since last year.

All thresholds live in one settings object, `THRESHOLDS` (overridable with the Django setting
`ANALYSIS_THRESHOLDS`, a dict of the same names), so the analyst can tune what counts as notable.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from analysis import grammar as G
from analysis.figure_types import pct
from analysis.narrative.blocks import Bullets, Para
from analysis.narrative.phrases import criterion_sentence, trend_word


@dataclass(frozen=True)
class Thresholds:
    high_pct: Decimal = Decimal(85)  # mean at or above this share of the maximum: notably high
    low_pct: Decimal = Decimal(50)  # mean at or below: notably low
    mid_share: Decimal = Decimal(200) / 3  # more than this per cent of the reports at a middle level: mid-heavy
    changed_points_pct: Decimal = Decimal(5)  # mean moved by this many percentage points of the maximum
    max_share_change: Decimal = Decimal(3)  # share at the maximum moved by this many percentage points
    zero_change: int = 20  # reports at 0 points changed by at least this many


def thresholds():
    overrides = getattr(settings, "ANALYSIS_THRESHOLDS", None) or {}
    return replace(Thresholds(), **{k: Decimal(str(v)) if k != "zero_change" else int(v) for k, v in overrides.items()})


def _middle_share(c, submitted):
    """(points key, per cent) of the most used middle level (not 0, not the lowest, not the top)."""
    keys = [k for k in c.distribution if k != "0"]
    middle = keys[1:-1] if len(keys) > 2 else []
    if not middle or not submitted:
        return None, None
    key = max(middle, key=lambda k: c.distribution.get(k, 0))
    return key, pct(c.distribution.get(key, 0), submitted)


def _top(c):
    return list(c.distribution)[-1]


def notable(cpo, limits=None):
    """{"high": [...], "low": [...], "mid": [...], "changed": [...]} of CriterionFigure."""
    limits = limits or thresholds()
    groups = {"high": [], "low": [], "mid": [], "changed": []}
    for c in cpo.criteria:
        if c.pct is None:
            continue
        if c.pct >= limits.high_pct:
            groups["high"].append(c)
        elif c.pct <= limits.low_pct:
            groups["low"].append(c)
        _key, share = _middle_share(c, cpo.submitted)
        if share is not None and share > limits.mid_share:
            groups["mid"].append(c)
        if c.previous_mean is not None and c.max_points:
            moved = abs(c.mean_points - c.previous_mean) * 100 / c.max_points
            if moved >= limits.changed_points_pct or _max_share_moved(c, cpo, limits) or _zero_moved(c, limits):
                groups["changed"].append(c)
    return groups


def _previous_submitted(c):
    return sum((c.previous_distribution or {}).values())


def _max_share_moved(c, cpo, limits):
    if not c.previous_distribution:
        return False
    now = pct(c.distribution.get(_top(c), 0), cpo.submitted)
    before = pct(c.previous_distribution.get(_top(c), 0), _previous_submitted(c))
    return now is not None and before is not None and abs(now - before) >= limits.max_share_change


def _zero_moved(c, limits):
    if not c.previous_distribution:
        return False
    return abs(c.distribution.get("0", 0) - c.previous_distribution.get("0", 0)) >= limits.zero_change


def changed_sentence(c, cpo):
    delta_points = c.mean_points - c.previous_mean
    rel = G.change_in_percent(c.mean_points, c.previous_mean)
    text = _(
        'Criterion "%(name)s": the mean is %(mean)s against %(prev)s the year before — %(trend)s of %(delta)s '
        "(change in points) or %(rel)s of the previous value (change in per cent)."
    ) % {
        "name": c.name,
        "mean": G.points(c.mean_points, 2),
        "prev": G.points(c.previous_mean, 2),
        "trend": trend_word(delta_points),
        "delta": G.points(abs(delta_points), 2),
        "rel": G.percent(abs(rel)) if rel is not None else "–",
    }
    if c.previous_distribution:
        top = _top(c)
        now = pct(c.distribution.get(top, 0), cpo.submitted)
        before = pct(c.previous_distribution.get(top, 0), _previous_submitted(c))
        text += " " + _("The share of CPO at the maximum %(max)s is %(now)s (%(before)s the year before).") % {
            "max": G.points(c.max_points),
            "now": G.percent(now),
            "before": G.percent(before),
        }
        zero_now, zero_before = c.distribution.get("0", 0), c.previous_distribution.get("0", 0)
        if zero_now != zero_before:
            text += " " + _("%(now)s; the year before: %(before)s.") % {
                "now": G.gave_points(zero_now, 0),
                "before": G.number(zero_before),
            }
    return text


def mid_sentence(c, submitted):
    key, share = _middle_share(c, submitted)
    return _(
        'Criterion "%(name)s" was assessed at a middle level (%(points)s) by more than two thirds of the CPO: '
        "%(centres)s, %(pct)s."
    ) % {
        "name": c.name,
        "points": G.points(Decimal(key)),
        "centres": G.centres(c.distribution.get(key, 0)),
        "pct": G.percent(share),
    }


def blocks(cpo, limits=None):
    groups = notable(cpo, limits)
    out = []
    if groups["high"]:
        out.append(
            Para(
                _("The criteria with high values (a mean of at least %(pct)s of the maximum) are:")
                % {"pct": G.percent((limits or thresholds()).high_pct, 0)}
            )
        )
        out.append(Bullets([f"{c.code} {c.name} — {G.percent(c.pct)}" for c in groups["high"]]))
    for c in groups["mid"]:
        out.append(Para(mid_sentence(c, cpo.submitted)))
    for c in groups["low"]:
        out.append(Para(criterion_sentence(c, cpo.submitted)))
    for c in groups["changed"]:
        out.append(Para(changed_sentence(c, cpo)))
    return out
