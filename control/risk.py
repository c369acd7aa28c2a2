"""The explainable risk score: pure functions from a centre's facts (control.risk_data) and a risk model's data.

Each signal gives a share of its weight (0 to 1) and one sentence with the figure behind it.
A signal whose data is missing is not silently zero: it says so and scores its
`missing_share` of the weight, as the risk model file sets. The ranking is stable: equal
scores are ordered by licence number.
"""

import datetime as dt
import gc
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils.translation import gettext

from control.signals import SIGNALS
from surveys.thresholds import is_usable


class _Message:
    """A sentence translated only when shown: a ranking scores every signal of ~1,000 centres
    but shows the sentences of a page of them, and gettext per call costs more than the scoring."""

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
        return text % {key: _shown(value) for key, value in self.params.items()}


def _shown(value):
    """A figure as the sentence shows it: decimal comma, dates as 31.12.2024."""
    if isinstance(value, Decimal):
        return _fmt(value)
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return value


_ = _Message


ZERO, ONE = Decimal(0), Decimal(1)
CENT = Decimal("0.01")
ZERO_POINTS = Decimal("0.00")


class Status:
    ON = "on"
    OFF = "off"
    MISSING = "missing"
    NOT_APPLICABLE = "n/a"


class Reading(NamedTuple):
    """What one signal function says about one centre, before the weight is applied.

    The signal functions return plain (status, value, share, text) tuples — a ranking makes
    some 14,000 of them — and Reading(*it) names the parts where that helps a reader.
    """

    status: str
    value: object
    share: Decimal
    text: object

    @property
    def explanation(self):
        return str(self.text)


class SignalScore:
    """One signal of one centre: weight, value, points and the sentence that explains them."""

    __slots__ = ("code", "title", "weight", "value", "points", "status", "text", "missing_share")

    def __init__(self, code, title, weight, value, points, status, text, missing_share=None):
        self.code, self.title, self.weight, self.value = code, title, weight, value
        self.points, self.status, self.text, self.missing_share = points, status, text, missing_share

    @property
    def explanation(self):
        sentence = str(self.text)
        if self.status == Status.MISSING:
            suffix = gettext("Missing data counts as %(pct)s %% of the weight.") % {
                "pct": _fmt(self.missing_share * 100)
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


class CentreRisk:
    """One centre's score; its signals (weight, value, points, sentence) are built when first read."""

    __slots__ = ("facts", "score", "rank", "_parts", "_signals")

    def __init__(self, facts, score, parts, rank=0):
        self.facts, self.score, self.rank = facts, score, rank
        self._parts = parts  # [(spec, reading, points)]
        self._signals = None

    @property
    def signals(self):
        if self._signals is None:
            self._signals = [
                SignalScore(
                    code=spec.code,
                    title=spec.title,
                    weight=spec.weight,
                    value=reading[1],
                    points=points,
                    status=reading[0],
                    text=reading[3],
                    missing_share=spec.missing_share,
                )
                for spec, reading, points in self._parts
            ]
        return self._signals

    @property
    def centre_id(self):
        return self.facts.centre_id

    @property
    def licence_number(self):
        return self.facts.licence_number

    def signal(self, code):
        return next((s for s in self.signals if s.code == code), None)


def _d(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _share(part, whole):
    """min(1, part / whole) as a Decimal, 0 for a non-positive part."""
    if part <= 0:
        return ZERO
    return min(ONE, Decimal(part) / whole)


def _pct(part, whole):
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _fmt(number):
    text = format(_d(number).normalize(), "f")
    return text.replace(".", ",")


def _missing(explanation):
    return (Status.MISSING, None, ZERO, explanation)


def _off(value, explanation):
    return (Status.OFF, value, ZERO, explanation)


def _on(value, share, explanation):
    return (Status.ON, value, min(ONE, share), explanation)


# ---------------------------------------------------------------- the signals
def report_missing(facts, year, deadline, t):
    if facts.report is None or not facts.report.submitted:
        return _on(True, ONE, _("No self-assessment report for %(year)s was submitted.") % {"year": year})
    return _off(False, _("The report for %(year)s was submitted.") % {"year": year})


def report_late(facts, year, deadline, t):
    report = facts.report
    if report is None or report.first_submitted_at is None:
        return (Status.NOT_APPLICABLE, None, ZERO, _("Not submitted: counted under “report missing”."))
    late = report.first_submitted_at - deadline
    if late.total_seconds() < 0:
        return _off(0, _("Submitted on time."))
    days = late.days + 1
    return _on(
        days,
        _share(days, t["full_at_days"]),
        _("Submitted %(days)s days after the deadline.") % {"days": days},
    )


def zero_value(facts, year, deadline, t):
    report = facts.report
    if report is None or not report.submitted:
        return _missing(_("No submitted report to tell."))
    if report.zero_value:
        return _on(True, ONE, _("A zero-value report: no training in %(year)s.") % {"year": year})
    return _off(False, _("The centre reported training in %(year)s.") % {"year": year})


def returned_not_corrected(facts, year, deadline, t):
    report = facts.report
    if report is None or not report.submitted:
        return _missing(_("No submitted report to tell."))
    if report.status == "returned":
        return _on(True, ONE, _("The report was returned for correction and has not been resubmitted."))
    return _off(False, _("The report is not waiting for a correction."))


def low_total(facts, year, deadline, t):
    report = facts.report
    if report is None or not report.submitted:
        return _missing(_("No submitted report, so no total."))
    if not report.scored or report.total is None or not report.max_total:
        return (Status.NOT_APPLICABLE, None, ZERO, _("A yes/no framework: no total points."))
    share = report.total / report.max_total
    bar = t["below_share"]
    explanation = _("Total %(total)s of %(max)s points (%(pct)s %%); the bar is %(bar)s %%.") % {
        "total": report.total,
        "max": report.max_total,
        "pct": _pct(report.total, report.max_total),
        "bar": bar * 100,
    }
    if share >= bar or bar == 0:
        return _off(report.total, explanation)
    return _on(report.total, (bar - share) / bar, explanation)


def _totals(facts):
    now, before = facts.report, facts.previous_report
    if now is None or before is None or not now.submitted or not before.submitted:
        return None
    if now.total is None or before.total is None:
        return None
    return before.total, now.total


def total_fall(facts, year, deadline, t):
    totals = _totals(facts)
    if totals is None:
        return _missing(_("No totals for both this year and last year to compare."))
    before, now = totals
    fall = before - now
    explanation = _("Total %(now)s points against %(before)s last year (threshold: a fall of %(bar)s).") % {
        "now": now,
        "before": before,
        "bar": t["fall_points"],
    }
    if fall > t["fall_points"]:
        return _on(fall, ONE, explanation)
    return _off(fall, explanation)


def total_rise(facts, year, deadline, t):
    totals = _totals(facts)
    if totals is None:
        return _missing(_("No totals for both this year and last year to compare."))
    before, now = totals
    rise = now - before
    explanation = _("Total %(now)s points against %(before)s last year (a rise above %(bar)s is implausible).") % {
        "now": now,
        "before": before,
        "bar": t["rise_points"],
    }
    if rise > t["rise_points"]:
        return _on(rise, ONE, explanation)
    return _off(rise, explanation)


def level_disagreement(facts, year, deadline, t):
    if facts.report is None or not facts.report.submitted:
        return _missing(_("No submitted report to compare with the centre's data."))
    n = facts.disagreements
    explanation = _("%(n)s criteria with a level the centre's own activity and survey data do not support.") % {"n": n}
    if n:
        return _on(n, _share(n, t["full_at"]), explanation)
    return _off(0, explanation)


def _surveys_usable(facts):
    return is_usable(facts.survey_answers, facts.survey_invited, facts.survey_personal)


def survey_response_rate(facts, year, deadline, t):
    if not facts.survey_invited:
        return _missing(_("No personal survey invitations in %(year)s, so no response rate.") % {"year": year})
    if facts.survey_answers < 10:
        return _missing(
            _("Only %(n)s survey answers: too few to use (the publication rule).") % {"n": facts.survey_answers}
        )
    rate = _pct(facts.survey_personal, facts.survey_invited)
    bar = t["below_percent"]
    explanation = _("%(answers)s of %(invited)s invited answered (%(rate)s %%); the bar is %(bar)s %%.") % {
        "answers": facts.survey_personal,
        "invited": facts.survey_invited,
        "rate": rate,
        "bar": bar,
    }
    if rate < bar:
        return _on(rate, (bar - rate) / bar, explanation)
    return _off(rate, explanation)


def survey_satisfaction(facts, year, deadline, t):
    if not _surveys_usable(facts) or not facts.likert_total:
        return _missing(
            _("No survey results usable under the publication rule for %(year)s (%(n)s answers).")
            % {"year": year, "n": facts.survey_answers}
        )
    rate = _pct(facts.likert_satisfied, facts.likert_total)
    bar = t["below_percent"]
    explanation = _("%(rate)s %% of answers satisfied (4 or 5 of 5); the bar is %(bar)s %%.") % {
        "rate": rate,
        "bar": bar,
    }
    if rate < bar:
        return _on(rate, (bar - rate) / bar, explanation)
    return _off(rate, explanation)


def graduate_placement(facts, year, deadline, t):
    if facts.kind != "CPO":
        return (Status.NOT_APPLICABLE, None, ZERO, _("An information and guidance centre has no graduates."))
    if not facts.graduates_followed_up or facts.graduates_placed is None:
        return _missing(_("No graduates followed up in the activity information for %(year)s.") % {"year": year})
    rate = _pct(min(facts.graduates_placed, facts.graduates_followed_up), facts.graduates_followed_up)
    bar = t["below_percent"]
    explanation = _(
        "%(placed)s of %(followed)s graduates followed up in work or learning (%(rate)s %%); the bar is %(bar)s %%."
    ) % {
        "placed": facts.graduates_placed,
        "followed": facts.graduates_followed_up,
        "rate": rate,
        "bar": bar,
    }
    if rate < bar:
        return _on(rate, (bar - rate) / bar, explanation)
    return _off(rate, explanation)


def _years_between(start, year):
    return max(0, year - start.year)


def years_since_control(facts, year, deadline, t):
    if facts.last_control is None:
        years = _years_between(facts.licensed_on, year)
        return _on(
            years,
            _share(max(years, 1), t["full_at_years"]),
            _("Never controlled; licensed %(years)s years ago.") % {"years": years},
        )
    years = _years_between(facts.last_control.ended_on, year)
    explanation = _("Last control %(years)s years ago (%(date)s).") % {
        "years": years,
        "date": facts.last_control.ended_on,
    }
    if years:
        return _on(years, _share(years, t["full_at_years"]), explanation)
    return _off(0, explanation)


def last_control_findings(facts, year, deadline, t):
    control = facts.last_control
    if control is None:
        return _off(0, _("No previous control."))
    by_class = control.by_class
    weighted = (
        control.open_recommendations * t["open_recommendation"]
        + by_class.get("substantial", 0) * t["substantial"]
        + by_class.get("violation", 0) * t["violation"]
        + by_class.get("irregularity", 0) * t["irregularity"]
    )
    explanation = _(
        "Last control: %(open)s open recommendations; %(substantial)s substantial violations, "
        "%(violations)s violations, %(irregularities)s irregularities."
    ) % {
        "open": control.open_recommendations,
        "substantial": by_class.get("substantial", 0),
        "violations": by_class.get("violation", 0),
        "irregularities": by_class.get("irregularity", 0),
    }
    if weighted:
        return _on(weighted, _share(weighted, t["full_at"]), explanation)
    return _off(0, explanation)


def new_licence(facts, year, deadline, t):
    years = _years_between(facts.licensed_on, year)
    explanation = _("Licensed on %(date)s (%(years)s years before %(year)s).") % {
        "date": facts.licensed_on,
        "years": years,
        "year": year,
    }
    if years < t["years"]:
        return _on(years, ONE, explanation)
    return _off(years, explanation)


def assessment_gap(facts, year, deadline, t):
    """The centre's own exam pass rate minus the independent one (assessment.findings), over a band of points."""
    result = facts.assessment
    if result is None:
        # Most centres are not in a year's sample: that is not missing data, the signal does not apply.
        return (
            Status.NOT_APPLICABLE,
            None,
            ZERO,
            _("Not in the independent assessment of %(year)s.") % {"year": year},
        )
    if result.gap is None:
        return _missing(
            _("%(n)s graduates assessed independently, but no own state-examination results for their professions.")
            % {"n": result.assessed}
        )
    gap, start, full = result.gap, t["from_points"], t["full_at_points"]
    explanation = _(
        "Own exams %(own)s %% passed, the independent assessment %(independent)s %% of %(n)s graduates: "
        "a gap of %(gap)s points (counts from %(start)s, fully at %(full)s)."
    ) % {
        "own": result.own_rate,
        "independent": result.pass_rate,
        "n": result.assessed,
        "gap": gap,
        "start": start,
        "full": full,
    }
    if gap <= start:
        return _off(gap, explanation)
    return _on(gap, _share(gap - start, full - start), explanation)


READERS = {
    "report_missing": report_missing,
    "report_late": report_late,
    "zero_value": zero_value,
    "returned_not_corrected": returned_not_corrected,
    "low_total": low_total,
    "total_fall": total_fall,
    "total_rise": total_rise,
    "level_disagreement": level_disagreement,
    "survey_response_rate": survey_response_rate,
    "survey_satisfaction": survey_satisfaction,
    "graduate_placement": graduate_placement,
    "years_since_control": years_since_control,
    "last_control_findings": last_control_findings,
    "new_licence": new_licence,
    "assessment_gap": assessment_gap,
}
assert set(READERS) == set(SIGNALS), "every known signal has a reader"


# ---------------------------------------------------------------- scoring and ranking
@dataclass(frozen=True)
class _Spec:
    code: str
    title: str
    weight: Decimal
    missing_share: Decimal
    thresholds: dict
    reader: object
    full_points: Decimal
    missing_points: Decimal


def _points(weight, share):
    return (weight * share).quantize(CENT, rounding=ROUND_HALF_UP)


def _specs(model_signals):
    """The model's signals parsed once for a whole ranking (Decimals, titles, readers)."""
    return [
        _Spec(
            code=spec["code"],
            title=str(SIGNALS[spec["code"]].title),
            weight=_d(spec["weight"]),
            missing_share=_d(spec.get("missing_share", "0.5")),
            thresholds={k: _d(v) for k, v in (spec.get("thresholds") or {}).items()},
            reader=READERS[spec["code"]],
            full_points=_points(_d(spec["weight"]), ONE),
            missing_points=_points(_d(spec["weight"]), _d(spec.get("missing_share", "0.5"))),
        )
        for spec in model_signals
    ]


def score_centre(facts, model_signals, year, deadline, *, specs=None):
    """CentreRisk for one centre: each signal of the model with its weight, value, points and explanation."""
    parts = []
    score = ZERO
    for spec in specs or _specs(model_signals):
        reading = spec.reader(facts, year, deadline, spec.thresholds)
        status, share = reading[0], reading[2]
        if status == Status.MISSING:
            points = spec.missing_points
        elif not share:
            points = ZERO_POINTS
        elif share == ONE:
            points = spec.full_points
        else:
            points = _points(spec.weight, share)
        score += points
        parts.append((spec, reading, points))
    return CentreRisk(facts, score, parts)


def rank(year_facts, model):
    """Every centre's CentreRisk, highest score first; equal scores by licence number; rank 1, 2, …"""
    specs = _specs(model.signals)
    # Scoring allocates ~15 small objects per centre and none of them in cycles; the cyclic
    # collector would otherwise walk the whole heap several times during one ranking.
    collecting = gc.isenabled()
    gc.disable()
    try:
        scored = [
            score_centre(f, model.signals, year_facts.year, year_facts.deadline, specs=specs)
            for f in year_facts.centres
        ]
    finally:
        if collecting:
            gc.enable()
    scored.sort(key=lambda r: (-r.score, r.licence_number))
    for i, risk in enumerate(scored, 1):
        risk.rank = i
    return scored


def ranking_for_year(year, model=None, centres=None):
    """(model, ranking) for a year using the risk model that applies to it; (None, []) when none does."""
    from control.models import RiskModel
    from control.risk_data import facts_for_year

    model = model or RiskModel.objects.for_year(year)
    if model is None:
        return None, []
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
