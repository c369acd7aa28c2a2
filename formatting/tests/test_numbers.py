from decimal import Decimal

import pytest
from django.utils import translation

from formatting.numbers import format_number, format_percent, format_points, format_size, parse_decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("1.5"), None, "1,5"),
        (Decimal("6.451612"), 2, "6,45"),
        (4861, None, "4861"),
        (12345, None, "12\xa0345"),
        (Decimal("-1234567.891"), 1, "-1\xa0234\xa0567,9"),
        (Decimal("0.005"), 2, "0,01"),
        (None, None, ""),
    ],
)
def test_bulgarian_numbers_use_a_decimal_comma_and_space_groups(value, places, expected):
    assert format_number(value, places, lang="bg") == expected


def test_english_numbers_use_a_point_and_comma_groups():
    assert format_number(Decimal("1234.5"), 2, lang="en") == "1,234.50"


def test_percent_points_and_size_follow_the_active_language():
    with translation.override("bg"):
        assert format_percent(Decimal("6.451612")) == "6,45\xa0%"
        assert format_points(Decimal("1.5")) == "1,5\xa0т."
        assert format_size(12_800) == "12,5\xa0КБ"
    with translation.override("en"):
        assert format_percent(Decimal("6.451612")) == "6.45%"
        assert format_size(512) == "512\xa0B"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12,50", Decimal("12.50")), ("12.5", Decimal("12.5")), (" 1 234,5 ", Decimal("1234.5")), ("", None)],
)
def test_parse_decimal_accepts_what_people_type(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN", "1.234,5", "abc", "1e400x"])
def test_parse_decimal_refuses_non_finite_and_ambiguous_values(text):
    with pytest.raises(ValueError):
        parse_decimal(text)
