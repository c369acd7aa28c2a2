import pytest
from django.urls import reverse

from frameworks.loader import load
from reports import services

from .conftest import fill


def _framework(code, year, count):
    """A points framework of `count` criteria worth 1 point each, in two areas."""
    half = count // 2
    areas = []
    for number, size in ((1, half), (2, count - half)):
        areas.append(
            {
                "code": str(number),
                "name": f"Област {number}",
                "max_points": size,
                "criteria": [
                    {
                        "code": f"{number}.{i + 1}",
                        "name": f"Критерий {number}.{i + 1}",
                        "max_points": 1,
                        "levels": [{"points": 0, "descriptor": "Не"}, {"points": 1, "descriptor": "Да"}],
                    }
                    for i in range(size)
                ],
            }
        )
    return load(
        {
            "code": code,
            "kind": "CPO",
            "name": code,
            "scoring": "points",
            "first_year": year - 1,
            "last_year": year,
            "total_points": count,
            "grade_bands": [
                {"code": "good", "name": "Добро", "min": count // 2 + 1, "max": count},
                {"code": "bad", "name": "Незадоволително", "min": 0, "max": count // 2},
            ],
            "sections": [
                {"code": "1", "title": "Цел", "kind": "text", "max_length": 4000},
                {"code": "3", "title": "Резултати", "kind": "scores"},
                {"code": "4", "title": "Сравнение", "kind": "comparison"},
            ],
            "areas": areas,
        }
    )


@pytest.fixture
def _no_overlap(cpo):
    # The bundled CPO framework has no last year; close it so the test frameworks may follow it.
    cpo.last_year = 2028
    cpo.save()


@pytest.mark.usefixtures("_no_overlap")
@pytest.mark.parametrize(("year", "count"), [(2030, 10), (2032, 150)])
def test_the_report_page_takes_a_constant_number_of_queries(
    client_for, dora, year, count, django_assert_max_num_queries
):
    _framework(f"T{count}", year, count)
    previous = services.open_report(dora.centre, year - 1, actor=dora)
    fill(previous, dora)
    services.submit_report(previous, actor=dora, declared=True)
    report = services.open_report(dora.centre, year, actor=dora)
    fill(report, dora)
    client = client_for(dora)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("reports:form", args=[report.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="criterion') == count
