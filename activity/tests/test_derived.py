"""Derived levels for 1.5, 2.8, 2.9 and 3.1 computed from real activity rows, at every threshold boundary.

The bounds come from frameworks/data/CPO-2018.json; each is probed just below, at and just above
with 1000 people, so 0.1 % is one person.
"""

from decimal import Decimal

import pytest

from activity.derived import percent
from activity.models import CourseKind
from activity.tests.conftest import YEAR
from frameworks.derived import derived_levels, metric_for
from frameworks.models import Framework


@pytest.fixture
def cpo_framework(db):
    return Framework.objects.for_report("CPO", YEAR)


def level(framework, centre, code):
    criterion = framework.criteria.get(code=code)
    result = derived_levels(framework, centre, YEAR, criteria=[criterion])
    return result[code].points if code in result else None


def test_thresholds_are_the_frameworks(cpo_framework):
    rules = dict(cpo_framework.criteria.exclude(derived_rule="").values_list("code", "derived_rule"))
    assert rules["1.5"] == "vulnerable_share"
    assert rules["2.8"] == "state_exam_pass_rate"
    assert rules["2.9"] == "validation_share"
    assert rules["3.1"] == "placement_rate_12m"


@pytest.mark.parametrize(
    ("vulnerable", "points"),
    [(49, "0"), (50, "1"), (51, "1"), (149, "1"), (150, "1"), (151, "2")],
)
def test_vulnerable_share_levels(cpo_framework, centre_a, activity_a, add_course, vulnerable, points):
    add_course(activity_a, enrolled=600, certified=500, vulnerable=vulnerable // 2)
    add_course(activity_a, enrolled=400, certified=300, vulnerable=vulnerable - vulnerable // 2)
    assert level(cpo_framework, centre_a, "1.5") == Decimal(points)


@pytest.mark.parametrize(
    ("passed", "points"),
    [(699, "1"), (700, "3"), (701, "3"), (899, "3"), (900, "3"), (901, "6")],
)
def test_state_exam_pass_rate_levels(cpo_framework, centre_a, activity_a, add_course, passed, points):
    add_course(activity_a, enrolled=1000, certified=passed, exam_admitted=1000, exam_passed=passed)
    assert level(cpo_framework, centre_a, "2.8") == Decimal(points)


@pytest.mark.parametrize(
    ("validated", "points"),
    [(0, "0"), (1, "0.5"), (49, "0.5"), (50, "1.5"), (51, "1.5"), (149, "1.5"), (150, "1.5"), (151, "3")],
)
def test_validation_share_levels(cpo_framework, centre_a, activity_a, add_course, validated, points):
    add_course(activity_a, kind=CourseKind.DEGREE, enrolled=600, certified=600, certified_validation=validated)
    add_course(activity_a, kind=CourseKind.PART, degree=1, enrolled=400, certified=400)
    # Legal-capacity and other courses are not in the base of 2.9.
    add_course(activity_a, kind=CourseKind.LEGAL, degree=None, enrolled=500, certified=500, certified_validation=0)
    assert level(cpo_framework, centre_a, "2.9") == Decimal(points)


@pytest.mark.parametrize(
    ("placed", "points"),
    [(399, "2"), (400, "4"), (401, "4"), (699, "4"), (700, "4"), (701, "8")],
)
def test_placement_rate_levels(cpo_framework, centre_a, activity_a, placed, points):
    activity_a.graduates_followed_up = 1000
    activity_a.graduates_employed = placed - 100
    activity_a.graduates_in_learning = 100
    activity_a.save()
    assert level(cpo_framework, centre_a, "3.1") == Decimal(points)


def test_no_data_gives_no_metric(centre_a, activity_a, add_course):
    assert metric_for("vulnerable_share", centre_a, YEAR) is None
    add_course(activity_a, exam_admitted=0, exam_passed=0, certified=0)
    assert metric_for("state_exam_pass_rate", centre_a, YEAR) is None
    assert metric_for("validation_share", centre_a, YEAR) is None
    assert metric_for("placement_rate_12m", centre_a, YEAR) is None


def test_metric_says_what_it_rests_on(centre_a, activity_a, add_course):
    add_course(activity_a, enrolled=80, certified=70, vulnerable=10)
    metric = metric_for("vulnerable_share", centre_a, YEAR)
    assert metric.value == Decimal("12.5")
    assert metric.basis == "10 от 80 курсисти"
    assert metric.source == "activity"


def test_another_centres_rows_do_not_count(centre_a, centre_b, add_course, activity_a):
    from activity.models import ActivityReport

    add_course(ActivityReport.objects.create(centre=centre_b, year=YEAR), enrolled=10, vulnerable=10, certified=0)
    assert metric_for("vulnerable_share", centre_a, YEAR) is None


def test_percent_rounds_down_so_a_share_below_a_bound_stays_below():
    assert percent(4999, 100000) < 5
    assert percent(1, 3) == Decimal("33.333333")
    assert percent(15000001, 100000000) > 15 or percent(150001, 1000000) > 15
    assert percent(0, 0) is None
