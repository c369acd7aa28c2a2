"""What independent assessment feeds to the rest of the system: two documented hook functions.

- `independent_gap(centre, year)` — for one centre: the centre's own exam pass rate minus the
  independent pass rate of its sampled graduates of that year, over all professions assessed. Uses
  every finished session (the agency's internal view, published or not). `large` is True from
  GAP_SIGNAL_POINTS percentage points. (The risk score reads every centre of a year at once through
  findings.centre_totals, with the thresholds of its risk model; the centre's record reads
  findings.latest_centre_total.)
- `independent_pass_rate(centre, year)` — for the public profile: only published sessions, and only
  where the surveys' publication thresholds hold (at least MIN_ANSWERS graduates assessed and at least
  MIN_RESPONSE_RATE % of those invited took part); otherwise None, as for survey results.

Both return None when there is nothing to say; neither returns anything about a person.
"""

from dataclasses import dataclass
from decimal import Decimal

from assessment import findings
from assessment.models import Participant
from surveys.thresholds import MIN_ANSWERS, MIN_RESPONSE_RATE, is_usable

GAP_SIGNAL_POINTS = Decimal("20")  # a gap this large (percentage points) is a risk signal


@dataclass(frozen=True)
class IndependentGap:
    centre_id: int
    year: int
    assessed: int
    independent_rate: Decimal
    own_rate: Decimal | None
    gap: Decimal | None  # percentage points; None without the centre's own exam figures
    large: bool


def _totals(rows):
    assessed = sum(r.assessed for r in rows)
    passed = sum(r.passed for r in rows)
    admitted = sum(r.own_admitted for r in rows)
    own_passed = sum(r.own_passed for r in rows)
    return assessed, passed, admitted, own_passed


def independent_gap(centre, year):
    """The gap between the centre's own and the independent pass rate in `year`, or None if not assessed."""
    total = findings.centre_totals(findings.result_sessions(year), year, centre=centre).get(centre.pk)
    if total is None or not total.assessed:
        return None
    return IndependentGap(
        centre_id=centre.pk,
        year=year,
        assessed=total.assessed,
        independent_rate=total.pass_rate,
        own_rate=total.own_rate,
        gap=total.gap,
        large=total.gap is not None and total.gap >= GAP_SIGNAL_POINTS,
    )


@dataclass(frozen=True)
class PublicPassRate:
    year: int
    assessed: int
    pass_rate: Decimal


def independent_pass_rate(centre, year):
    """The published independent pass rate of the centre's graduates, where the thresholds allow; else None."""
    sessions = findings.result_sessions(year, published_only=True)
    rows = findings.centre_results(sessions, year, centre=centre)
    assessed, passed, _admitted, _own = _totals(rows)
    invited = Participant.objects.filter(session__in=sessions, member__centre=centre, invited_at__isnull=False).count()
    if not is_usable(assessed, invited, assessed):
        return None
    return PublicPassRate(year=year, assessed=assessed, pass_rate=findings.rate(passed, assessed))


THRESHOLDS = {"min_assessed": MIN_ANSWERS, "min_participation_percent": MIN_RESPONSE_RATE}
