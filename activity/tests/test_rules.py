"""Each consistency rule, on plain values (the same rules guard the form, the upload and the report)."""

import datetime as dt
from decimal import Decimal

import pytest

from activity.models import CourseKind
from activity.rules import cipo_header_problems, course_problems, cpo_header_problems, validation_problems
from activity.tests.conftest import YEAR, course_values


def fields(problems):
    return {p.field for p in problems}


def test_a_consistent_course_has_no_problems():
    assert course_problems(course_values(), YEAR) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"certified": 21}, "certified"),
        ({"exam_admitted": 10, "exam_passed": 11}, "exam_passed"),
        ({"certified": 5, "certified_validation": 6}, "certified_validation"),
        ({"enrolled_women": 12, "enrolled_men": 7}, "enrolled_women"),
        ({"certified_women": 10, "certified_men": 9}, "certified_women"),
        ({"vulnerable": 25}, "vulnerable"),
        ({"vulnerable": 3, "vulnerable_certified": 4}, "vulnerable_certified"),
        ({"disadvantaged": 21}, "disadvantaged"),
        ({"early_leavers": 21}, "early_leavers"),
        ({"exam_admitted": 21, "exam_passed": 0}, "exam_admitted"),
        ({"continuing": 1, "not_completed": 1, "dropped_out": 1}, "dropped_out"),
        ({"hours": 0}, "hours"),
        ({"hours": 2001}, "hours"),
        ({"price": Decimal("20000.01")}, "price"),
        ({"degree": None}, "degree"),
        ({"degree": 5}, "degree"),
        ({"end_date": dt.date(YEAR, 2, 1)}, "end_date"),
        ({"start_date": dt.date(YEAR + 1, 1, 5), "end_date": dt.date(YEAR + 1, 3, 1)}, "start_date"),
        ({"start_date": dt.date(YEAR - 1, 1, 5), "end_date": dt.date(YEAR - 1, 12, 31)}, "start_date"),
    ],
)
def test_an_inconsistent_course_names_the_field(overrides, field):
    problems = course_problems(course_values(**overrides), YEAR)
    assert field in fields(problems)
    assert all(p.message for p in problems)


def test_women_and_men_only_checked_when_both_are_given():
    assert course_problems(course_values(enrolled_women=12), YEAR) == []
    assert course_problems(course_values(enrolled_women=12, enrolled_men=8), YEAR) == []


def test_boundaries_of_hours_price_and_dates_are_accepted():
    values = course_values(
        hours=2000, price=Decimal("0"), start_date=dt.date(YEAR - 1, 10, 1), end_date=dt.date(YEAR, 1, 1)
    )
    assert course_problems(values, YEAR) == []
    assert course_problems(course_values(hours=1, price=Decimal("20000")), YEAR) == []


def test_a_course_for_legal_capacity_needs_no_degree():
    assert course_problems(course_values(kind=CourseKind.LEGAL, degree=None), YEAR) == []


def test_negative_numbers_are_refused_first():
    problems = course_problems(course_values(enrolled=-1, price=Decimal("-5")), YEAR)
    assert fields(problems) == {"enrolled", "price"}
    assert all("отрицателн" in p.message for p in problems)


def test_trainers_and_follow_up_must_fit_their_totals():
    assert cpo_header_problems({"trainers_total": 5, "trainers_trained_internal": 6}) != []
    assert fields(cpo_header_problems({"trainers_total": 5, "trainers_trained_external": 6})) == {
        "trainers_trained_external"
    }
    follow_up = {"graduates_followed_up": 10, "graduates_employed": 8, "graduates_in_learning": 3}
    assert fields(cpo_header_problems(follow_up)) == {"graduates_employed"}
    assert cpo_header_problems({**follow_up, "graduates_in_learning": 2}) == []
    assert fields(cpo_header_problems({"graduates_employed": 3, "graduates_employed_in_occupation": 4})) == {
        "graduates_employed_in_occupation"
    }


def test_cipo_clients_by_nationality_must_add_up():
    values = {"clients_total": 10, "clients_bulgaria": 8, "clients_other_eu": 1, "clients_third_country": 0}
    assert fields(cipo_header_problems(values)) == {"clients_bulgaria"}
    assert cipo_header_problems({**values, "clients_third_country": 1}) == []


def test_cipo_other_splits_and_age():
    assert fields(cipo_header_problems({"clients_total": 10, "clients_learners": 4, "clients_non_learners": 5})) == {
        "clients_learners"
    }
    assert fields(cipo_header_problems({"clients_total": 10, "clients_employed": 6, "clients_unemployed": 5})) == {
        "clients_employed"
    }
    assert fields(cipo_header_problems({"clients_average_age": Decimal("130")})) == {"clients_average_age"}


def test_validation_documents_cannot_exceed_persons():
    assert fields(validation_problems({"procedures": 3, "persons": 3, "documents_issued": 4})) == {"documents_issued"}
    assert validation_problems({"procedures": 3, "persons": 3, "documents_issued": 3}) == []
