import datetime as dt
from decimal import Decimal

import pytest

from activity.models import ActivityReport, Course, CourseKind, Funding, Profession

YEAR = 2024


def course_values(**overrides):
    values = {
        "kind": CourseKind.DEGREE,
        "degree": 2,
        "region": "Пловдив",
        "start_date": dt.date(YEAR, 3, 1),
        "end_date": dt.date(YEAR, 6, 30),
        "hours": 300,
        "price": Decimal("650.00"),
        "funding": Funding.OWN,
        "enrolled": 20,
        "certified": 18,
        "exam_admitted": 18,
        "exam_passed": 17,
    }
    values.update(overrides)
    return values


@pytest.fixture
def profession(db):
    return Profession.objects.get(code="341010")


@pytest.fixture
def activity_a(centre_a):
    return ActivityReport.objects.create(centre=centre_a, year=YEAR)


@pytest.fixture
def add_course(profession):
    def add(activity, **overrides):
        return Course.objects.create(activity=activity, profession=profession, **course_values(**overrides))

    return add
