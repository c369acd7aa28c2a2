"""When survey results may be used: publicly, in comparisons and for derived levels.

The one rule: at least MIN_ANSWERS answers and, where people were invited by personal link,
a response rate of at least MIN_RESPONSE_RATE percent of those invited. Below it results show
only as "too few answers" (the centre still sees its own counts).
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

MIN_ANSWERS = 10
MIN_RESPONSE_RATE = Decimal("50")
# Six places, rounded down: 85.0001 % is above 85 % and 84.9999 % never rounds up onto 85 %.
PRECISION = Decimal("0.000001")


def percent(part, whole):
    """part ÷ whole in percent, rounded down so a share just under a bound never rounds onto it."""
    if not whole:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(PRECISION, rounding=ROUND_DOWN)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@dataclass(frozen=True)
class Sufficiency:
    answers: int  # all responses
    invited: int = 0  # personal invitations issued
    personal_answers: int = 0  # responses that came through those invitations

    @property
    def response_rate(self):
        return percent(self.personal_answers, self.invited)

    @property
    def enough(self):
        return is_usable(self.answers, self.invited, self.personal_answers)


def is_usable(answers, invited=0, personal_answers=0):
    if answers < MIN_ANSWERS:
        return False
    if invited:
        # Exact comparison (no rounding): 49.9 % is below the bar.
        return Decimal(personal_answers) * 100 >= MIN_RESPONSE_RATE * invited
    return True
