from decimal import Decimal

import pytest

from surveys.thresholds import Sufficiency, is_usable, percent


@pytest.mark.parametrize(("answers", "usable"), [(9, False), (10, True)])
def test_open_link_results_need_ten_answers(answers, usable):
    assert is_usable(answers) is usable


@pytest.mark.parametrize(
    ("invited", "personal", "usable"), [(100, 49, False), (100, 50, True), (21, 10, False), (20, 10, True)]
)
def test_personal_link_results_need_half_of_the_invited(invited, personal, usable):
    assert is_usable(personal, invited, personal) is usable


def test_nine_answers_at_full_response_rate_are_still_too_few():
    assert not Sufficiency(answers=9, invited=9, personal_answers=9).enough


def test_response_rate_is_a_decimal_rounded_down():
    assert Sufficiency(answers=10, invited=3, personal_answers=2).response_rate == Decimal("66.666666")
    assert percent(1, 0) is None
