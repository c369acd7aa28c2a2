"""The signal readers of the risk score: pure functions from one centre's facts (control.risk_data).

Each reader answers (status, value, share, sentence): the share of the signal's weight (0 to 1)
and one sentence with the figure behind it. A signal whose data is missing is not silently zero:
it says so (control.risk scores it at the model's `missing_share`).

A ranking reads every signal of ~1,000 centres but shows the sentences of a page of them, so a
reader is called with explain=False while scoring: it then builds no sentence (the sentence slot
is False) and computes no figure that only the sentence shows. control.risk calls the reader again
with explain=True for the centres whose reasons are read; both calls give the same status, value
and share (control/tests/test_risk_scores_unchanged.py checks it reader by reader).
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from control.risk_text import Sentence
from control.signals import SIGNALS
from surveys.thresholds import is_usable

_ = Sentence


ZERO, ONE = Decimal(0), Decimal(1)
TENTH = Decimal("0.1")


class Status:
    ON = "on"
    OFF = "off"
    MISSING = "missing"
    NOT_APPLICABLE = "n/a"


class Reading(NamedTuple):
    """What one signal reader says about one centre, before the weight is applied.

    The readers return plain (status, value, share, text) tuples — a ranking makes some 15,000
    of them — and Reading(*it) names the parts where that helps a reader of the code.
    """

    status: str
    value: object
    share: Decimal
    text: object

    @property
    def explanation(self):
        return str(self.text)


# _share and _pct are memoised: a ranking asks them the same few questions (days late of 60, placed
# of followed up, years of 5) for 1,000 centres, and a lookup costs a fifth of the Decimal arithmetic.
# Their arguments are ints and Decimals and their results immutable Decimals, so sharing them is safe.
@lru_cache(maxsize=8192)
def _share(part, whole):
    """min(1, part / whole) as a Decimal, 0 for a non-positive part."""
    if part <= 0:
        return ZERO
    return min(ONE, Decimal(part) / whole)


@lru_cache(maxsize=8192)
def _pct(part, whole):
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=8192)
def _shortfall(value, bar):
    """How far below the bar, as a share of the bar: (bar − value) / bar."""
    return (bar - value) / bar


ON, OFF, MISSING, NOT_APPLICABLE = Status.ON, Status.OFF, Status.MISSING, Status.NOT_APPLICABLE


def _on(value, share, explanation):
    """On with a computed share, kept within the weight."""
    return (ON, value, min(ONE, share), explanation)


def _against_bar(rate, bar, explanation):
    """A rate below its bar scores the shortfall; at or above it, nothing (the three survey/placement signals)."""
    if rate < bar:
        return _on(rate, _shortfall(rate, bar), explanation)
    return (OFF, rate, ZERO, explanation)


# Every reader: (facts, year, deadline, thresholds, explain=True) -> (status, value, share, sentence),
# written out as a tuple (a share of ONE or from _share() is within the weight already; _on() keeps a
# computed one there). `explain and _(…) % {…}` builds the sentence only when asked for (else False).
def report_missing(facts, year, deadline, t, explain=True):
    if facts.report is None or not facts.report.submitted:
        return (ON, True, ONE, explain and _("No self-assessment report for %(year)s was submitted.") % {"year": year})
    return (OFF, False, ZERO, explain and _("The report for %(year)s was submitted.") % {"year": year})


def report_late(facts, year, deadline, t, explain=True):
    report = facts.report
    days = None if report is None else report.days_late  # control.risk_data.days_after
    if days is None:
        return (NOT_APPLICABLE, None, ZERO, explain and _("Not submitted: counted under “report missing”."))
    if not days:
        return (OFF, 0, ZERO, explain and _("Submitted on time."))
    text = explain and _("Submitted %(days)s days after the deadline.") % {"days": days}
    return (ON, days, _share(days, t["full_at_days"]), text)


def zero_value(facts, year, deadline, t, explain=True):
    report = facts.report
    if report is None or not report.submitted:
        return (MISSING, None, ZERO, explain and _("No submitted report to tell."))
    if report.zero_value:
        return (ON, True, ONE, explain and _("A zero-value report: no training in %(year)s.") % {"year": year})
    return (OFF, False, ZERO, explain and _("The centre reported training in %(year)s.") % {"year": year})


def returned_not_corrected(facts, year, deadline, t, explain=True):
    report = facts.report
    if report is None or not report.submitted:
        return (MISSING, None, ZERO, explain and _("No submitted report to tell."))
    if report.status == "returned":
        return (ON, True, ONE, explain and _("The report was returned for correction and has not been resubmitted."))
    return (OFF, False, ZERO, explain and _("The report is not waiting for a correction."))


def low_total(facts, year, deadline, t, explain=True):
    report = facts.report
    if report is None or not report.submitted:
        return (MISSING, None, ZERO, explain and _("No submitted report, so no total."))
    if not report.scored or report.total is None or not report.max_total:
        return (NOT_APPLICABLE, None, ZERO, explain and _("A yes/no framework: no total points."))
    share = report.total / report.max_total
    bar = t["below_share"]
    explanation = explain and _("Total %(total)s of %(max)s points (%(pct)s %%); the bar is %(bar)s %%.") % {
        "total": report.total,
        "max": report.max_total,
        "pct": _pct(report.total, report.max_total),
        "bar": bar * 100,
    }
    if share >= bar or bar == 0:
        return (OFF, report.total, ZERO, explanation)
    return _on(report.total, (bar - share) / bar, explanation)


def _totals(facts):
    now, before = facts.report, facts.previous_total
    if now is None or not now.submitted or now.total is None or before is None:
        return None
    return before, now.total


def total_fall(facts, year, deadline, t, explain=True):
    totals = _totals(facts)
    if totals is None:
        return (MISSING, None, ZERO, explain and _("No totals for both this year and last year to compare."))
    before, now = totals
    fall = before - now
    explanation = explain and _("Total %(now)s points against %(before)s last year (threshold: a fall of %(bar)s).") % {
        "now": now,
        "before": before,
        "bar": t["fall_points"],
    }
    if fall > t["fall_points"]:
        return (ON, fall, ONE, explanation)
    return (OFF, fall, ZERO, explanation)


def total_rise(facts, year, deadline, t, explain=True):
    totals = _totals(facts)
    if totals is None:
        return (MISSING, None, ZERO, explain and _("No totals for both this year and last year to compare."))
    before, now = totals
    rise = now - before
    explanation = explain and _(
        "Total %(now)s points against %(before)s last year (a rise above %(bar)s is implausible)."
    ) % {"now": now, "before": before, "bar": t["rise_points"]}
    if rise > t["rise_points"]:
        return (ON, rise, ONE, explanation)
    return (OFF, rise, ZERO, explanation)


def level_disagreement(facts, year, deadline, t, explain=True):
    if facts.report is None or not facts.report.submitted:
        return (MISSING, None, ZERO, explain and _("No submitted report to compare with the centre's data."))
    n = facts.disagreements
    explanation = explain and _(
        "%(n)s criteria with a level the centre's own activity and survey data do not support."
    ) % {"n": n}
    if n:
        return (ON, n, _share(n, t["full_at"]), explanation)
    return (OFF, 0, ZERO, explanation)


def survey_response_rate(facts, year, deadline, t, explain=True):
    if not facts.survey_invited:
        text = explain and _("No personal survey invitations in %(year)s, so no response rate.") % {"year": year}
        return (MISSING, None, ZERO, text)
    if facts.survey_answers < 10:
        text = explain and _("Only %(n)s survey answers: too few to use (the publication rule).") % {
            "n": facts.survey_answers
        }
        return (MISSING, None, ZERO, text)
    rate = _pct(facts.survey_personal, facts.survey_invited)
    bar = t["below_percent"]
    explanation = explain and _("%(answers)s of %(invited)s invited answered (%(rate)s %%); the bar is %(bar)s %%.") % {
        "answers": facts.survey_personal,
        "invited": facts.survey_invited,
        "rate": rate,
        "bar": bar,
    }
    return _against_bar(rate, bar, explanation)


def survey_satisfaction(facts, year, deadline, t, explain=True):
    usable = is_usable(facts.survey_answers, facts.survey_invited, facts.survey_personal)
    if not usable or not facts.likert_total:
        text = explain and _("No survey results usable under the publication rule for %(year)s (%(n)s answers).") % {
            "year": year,
            "n": facts.survey_answers,
        }
        return (MISSING, None, ZERO, text)
    rate = _pct(facts.likert_satisfied, facts.likert_total)
    bar = t["below_percent"]
    explanation = explain and _("%(rate)s %% of answers satisfied (4 or 5 of 5); the bar is %(bar)s %%.") % {
        "rate": rate,
        "bar": bar,
    }
    return _against_bar(rate, bar, explanation)


def graduate_placement(facts, year, deadline, t, explain=True):
    if facts.kind != "CPO":
        return (NOT_APPLICABLE, None, ZERO, explain and _("An information and guidance centre has no graduates."))
    followed, placed = facts.graduates_followed_up, facts.graduates_placed
    if not followed or placed is None:
        text = explain and _("No graduates followed up in the activity information for %(year)s.") % {"year": year}
        return (MISSING, None, ZERO, text)
    rate = _pct(min(placed, followed), followed)
    bar = t["below_percent"]
    explanation = explain and _(
        "%(placed)s of %(followed)s graduates followed up in work or learning (%(rate)s %%); the bar is %(bar)s %%."
    ) % {"placed": placed, "followed": followed, "rate": rate, "bar": bar}
    return _against_bar(rate, bar, explanation)


def _years_between(start, year):
    return max(0, year - start.year)


def years_since_control(facts, year, deadline, t, explain=True):
    control = facts.last_control
    if control is None:
        years = _years_between(facts.licensed_on, year)
        text = explain and _("Never controlled; licensed %(years)s years ago.") % {"years": years}
        return (ON, years, _share(max(years, 1), t["full_at_years"]), text)
    years = _years_between(control.ended_on, year)
    explanation = explain and _("Last control %(years)s years ago (%(date)s).") % {
        "years": years,
        "date": control.ended_on,
    }
    if years:
        return (ON, years, _share(years, t["full_at_years"]), explanation)
    return (OFF, 0, ZERO, explanation)


def last_control_findings(facts, year, deadline, t, explain=True):
    control = facts.last_control
    if control is None:
        return (OFF, 0, ZERO, explain and _("No previous control."))
    by_class = control.by_class
    weighted = (
        control.open_recommendations * t["open_recommendation"]
        + by_class.get("substantial", 0) * t["substantial"]
        + by_class.get("violation", 0) * t["violation"]
        + by_class.get("irregularity", 0) * t["irregularity"]
    )
    explanation = explain and _(
        "Last control: %(open)s open recommendations; %(substantial)s substantial violations, "
        "%(violations)s violations, %(irregularities)s irregularities."
    ) % {
        "open": control.open_recommendations,
        "substantial": by_class.get("substantial", 0),
        "violations": by_class.get("violation", 0),
        "irregularities": by_class.get("irregularity", 0),
    }
    if weighted:
        return (ON, weighted, _share(weighted, t["full_at"]), explanation)
    return (OFF, 0, ZERO, explanation)


def new_licence(facts, year, deadline, t, explain=True):
    years = _years_between(facts.licensed_on, year)
    explanation = explain and _("Licensed on %(date)s (%(years)s years before %(year)s).") % {
        "date": facts.licensed_on,
        "years": years,
        "year": year,
    }
    if years < t["years"]:
        return (ON, years, ONE, explanation)
    return (OFF, years, ZERO, explanation)


def assessment_gap(facts, year, deadline, t, explain=True):
    """The centre's own exam pass rate minus the independent one (assessment.findings), over a band of points."""
    result = facts.assessment
    if result is None:
        # Most centres are not in a year's sample: that is not missing data, the signal does not apply.
        text = explain and _("Not in the independent assessment of %(year)s.") % {"year": year}
        return (NOT_APPLICABLE, None, ZERO, text)
    gap = result.gap
    if gap is None:
        text = explain and _(
            "%(n)s graduates assessed independently, but no own state-examination results for their professions."
        ) % {"n": result.assessed}
        return (MISSING, None, ZERO, text)
    start, full = t["from_points"], t["full_at_points"]
    explanation = explain and _(
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
        return (OFF, gap, ZERO, explanation)
    return (ON, gap, _share(gap - start, full - start), explanation)


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
