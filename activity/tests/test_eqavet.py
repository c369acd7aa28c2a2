"""EQAVET indicators per centre and year, from activity rows and submitted reports."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from activity.eqavet import chart_svg, indicators
from activity.models import ActivityReport, CourseKind
from activity.tests.conftest import YEAR


def test_indicators_from_rows(centre_a, activity_a, add_course):
    activity_a.trainers_total = 10
    activity_a.trainers_trained_internal = 4
    activity_a.trainers_trained_external = 3
    activity_a.graduates_followed_up = 20
    activity_a.graduates_employed = 12
    activity_a.graduates_employed_in_occupation = 9
    activity_a.graduates_in_learning = 2
    activity_a.save()
    add_course(activity_a, enrolled=30, certified=24, vulnerable=6, vulnerable_certified=3, dropped_out=2)
    add_course(activity_a, kind=CourseKind.PART, degree=1, enrolled=10, certified=8, exam_admitted=8, exam_passed=8)
    (row,) = indicators(centre_a, [YEAR])
    assert row.enrolled_by_kind == {"degree": 30, "part": 10, "legal": 0, "other": 0}
    assert row.completion_rate == Decimal(80)
    assert row.trainers_trained_share == Decimal(40)
    assert row.placement_12m == Decimal(70)
    assert row.in_occupation_share == Decimal(75)
    assert row.vulnerable_share == Decimal(15)
    assert row.vulnerable_completion_rate == Decimal(50)
    assert row.dropped_out == 2
    assert row.on_time is None


def test_years_without_data_are_empty(centre_a):
    rows = indicators(centre_a, [YEAR - 1, YEAR])
    assert [r.year for r in rows] == [YEAR, YEAR - 1]
    assert all(r.completion_rate is None and not r.has_activity for r in rows)


def test_chart_is_svg(centre_a, activity_a, add_course):
    add_course(activity_a)
    svg = chart_svg(indicators(centre_a, [YEAR - 1, YEAR]))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_page_shows_previous_years_with_few_queries(
    client_for, dora, centre_a, add_course, django_assert_max_num_queries
):
    current = timezone.localdate().year
    for year in range(current - 3, current):
        add_course(
            ActivityReport.objects.create(centre=centre_a, year=year),
            start_date=__import__("datetime").date(year, 3, 1),
            end_date=__import__("datetime").date(year, 6, 1),
        )
    client = client_for(dora)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("activity:eqavet", args=[centre_a.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Завършили успешно (завършили ÷ записани)" in body
    assert len(response.context["rows"]) == 5
