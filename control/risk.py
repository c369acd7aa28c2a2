"""The explainable risk score: each centre's facts (control.risk_data) read by the signal readers
(control.risk_signals) and weighted by a risk model's data, then ranked.

A signal whose data is missing is not silently zero: it scores its `missing_share` of the weight,
as the risk model file sets. The ranking is stable: equal scores are ordered by licence number.
Scoring keeps only each signal's points; its status, value and the sentence that explains them are
read again when a centre's signals are first asked for (a page shows the reasons of 50 centres of
1,000), from the same pure readers over the same facts.
"""

import datetime as dt
import gc
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from operator import attrgetter

from django.utils.translation import gettext

from control.risk_signals import ONE, READERS, ZERO, Reading, Status
from control.risk_text import as_decimal, fmt
from control.signals import SIGNALS

# The names callers have always imported from control.risk.
__all__ = [
    "READERS",
    "CentreRisk",
    "Reading",
    "SignalScore",
    "Status",
    "as_rows",
    "rank",
    "ranking_for_year",
    "score_centre",
]

CENT = Decimal("0.01")
ZERO_POINTS = Decimal("0.00")
MISSING = Status.MISSING


class SignalScore:
    """One signal of one centre: weight, value, points and the sentence that explains them."""

    __slots__ = ("code", "title", "weight", "value", "points", "status", "text", "missing_share")

    def __init__(self, code, title, weight, value, points, status, text, missing_share=None):
        self.code, self.title, self.weight, self.value = code, title, weight, value
        self.points, self.status, self.text, self.missing_share = points, status, text, missing_share

    @property
    def explanation(self):
        sentence = str(self.text)
        if self.status == MISSING:
            suffix = gettext("Missing data counts as %(pct)s %% of the weight.") % {
                "pct": fmt(self.missing_share * 100)
            }
            sentence = f"{sentence} {suffix}"
        return sentence

    def as_dict(self):
        value = self.value
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        return {
            "code": self.code,
            "weight": format(self.weight.normalize(), "f"),
            "value": value,
            "points": format(self.points, "f"),
            "status": self.status,
            "explanation": self.explanation,
        }


class _Spec:
    """One signal of the model, parsed once for a whole ranking (Decimals, title, reader)."""

    __slots__ = ("code", "title", "weight", "missing_share", "thresholds", "reader", "full_points", "missing_points")

    def __init__(self, spec):
        self.code = spec["code"]
        self.title = str(SIGNALS[self.code].title)
        self.weight = as_decimal(spec["weight"])
        self.missing_share = as_decimal(spec.get("missing_share", "0.5"))
        self.thresholds = {k: as_decimal(v) for k, v in (spec.get("thresholds") or {}).items()}
        self.reader = READERS[self.code]
        self.full_points = _points(self.weight, ONE)
        self.missing_points = _points(self.weight, self.missing_share)


class _Scoring:
    """What every centre of one ranking is scored against: the year, its deadline and the model's signals."""

    __slots__ = ("year", "deadline", "specs", "calls")

    def __init__(self, year, deadline, model_signals):
        self.year, self.deadline = year, deadline
        self.specs = [_Spec(spec) for spec in model_signals]
        # What _score_all needs of each spec, as plain tuples (15,000 readings in a ranking).
        self.calls = [(s.reader, s.thresholds, s.weight, s.full_points, s.missing_points) for s in self.specs]


class CentreRisk:
    """One centre's score and the points of each signal; the signals themselves (status, value, sentence)
    are read again when first asked for: the readers are pure, so they say what they said when scored."""

    __slots__ = ("facts", "score", "rank", "_points", "_scoring", "_signals")

    def __init__(self, facts, score, points, scoring, rank=0):
        self.facts, self.score, self.rank = facts, score, rank
        self._points, self._scoring = points, scoring  # one per spec, in order
        self._signals = None

    def _signal(self, i):
        spec, scoring = self._scoring.specs[i], self._scoring
        status, value, _share, text = spec.reader(self.facts, scoring.year, scoring.deadline, spec.thresholds, True)
        return SignalScore(
            code=spec.code,
            title=spec.title,
            weight=spec.weight,
            value=value,
            points=self._points[i],
            status=status,
            text=text,
            missing_share=spec.missing_share,
        )

    @property
    def signals(self):
        if self._signals is None:
            self._signals = [self._signal(i) for i in range(len(self._points))]
        return self._signals

    @property
    def centre_id(self):
        return self.facts.centre_id

    @property
    def licence_number(self):
        return self.facts.licence_number

    def signal(self, code):
        """One signal by code (a filter over the whole ranking reads one, not all fifteen with sentences)."""
        if self._signals is not None:
            return next((s for s in self._signals if s.code == code), None)
        return next((self._signal(i) for i, spec in enumerate(self._scoring.specs) if spec.code == code), None)


# Memoised like risk_signals' shares: a column of 1,000 readings repeats a few dozen partial shares,
# and weight × share rounded to cents is the dearest step of scoring. Decimals in, a Decimal out.
@lru_cache(maxsize=8192)
def _points(weight, share):
    return (weight * share).quantize(CENT, rounding=ROUND_HALF_UP)


def _score_all(centres, scoring):
    """CentreRisk of each centre, signal by signal: each reader runs over all centres in one comprehension
    (15,000 readings in a ranking; a loop per centre and signal cost twice as much), each reading becomes
    points, and each centre keeps its row of points (the readings themselves are dropped at once)."""
    year, deadline = scoring.year, scoring.deadline
    points = []
    for reader, thresholds, weight, full, missing in scoring.calls:
        column = [reader(f, year, deadline, thresholds, False) for f in centres]
        # Missing data scores its share of the weight; no share nothing; a full share the whole weight.
        points.append(
            [
                missing
                if r[0] == MISSING
                else ZERO_POINTS
                if not r[2]
                else full
                if r[2] == ONE
                else _points(weight, r[2])
                for r in column
            ]
        )
    rows = zip(*points, strict=True) if points else [()] * len(centres)  # no signals: every centre scores 0
    return [CentreRisk(f, sum(p, ZERO), p, scoring) for f, p in zip(centres, rows, strict=True)]


def score_centre(facts, model_signals, year, deadline):
    """CentreRisk for one centre: each signal of the model with its weight, value, points and explanation."""
    return _score_all([facts], _Scoring(year, deadline, model_signals))[0]


@contextmanager
def _without_cyclic_gc():
    """The facts and the scores allocate some 20 small objects per centre and none of them in cycles;
    the cyclic collector would otherwise walk them dozens of times during one ranking of 1,000 centres."""
    collecting = gc.isenabled()  # inside another such block: leave it to that one to enable
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def rank(year_facts, model):
    """Every centre's CentreRisk, highest score first; equal scores by licence number; rank 1, 2, …"""
    scoring = _Scoring(year_facts.year, year_facts.deadline, model.signals)
    with _without_cyclic_gc():
        scored = _score_all(year_facts.centres, scoring)
    # Two stable sorts: by licence number (the facts usually come in that order, which costs nothing),
    # then by score, highest first, keeping the licence order among equal scores.
    scored.sort(key=_LICENCE)
    scored.sort(key=_SCORE, reverse=True)
    for i, risk in enumerate(scored, 1):
        risk.rank = i
    return scored


_LICENCE = attrgetter("facts.licence_number")
_SCORE = attrgetter("score")


def ranking_for_year(year, model=None, centres=None):
    """(model, ranking) for a year using the risk model that applies to it; (None, []) when none does."""
    from control.models import RiskModel
    from control.risk_data import facts_for_year

    model = model or RiskModel.objects.for_year(year)
    if model is None:
        return None, []
    with _without_cyclic_gc():  # one collection after the facts and the scores, not one after each
        return model, rank(facts_for_year(year, centres), model)


def as_rows(ranking):
    """The ranking as plain data for JSON and CSV: licence number, score, rank and the signals."""
    return [
        {
            "licence_number": r.licence_number,
            "name": r.facts.name,
            "kind": r.facts.kind,
            "region": r.facts.region,
            "score": format(r.score, "f"),
            "rank": r.rank,
            "signals": [s.as_dict() for s in r.signals],
        }
        for r in ranking
    ]
