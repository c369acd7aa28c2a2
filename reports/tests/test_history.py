import pytest
from django.urls import reverse

from reports import services
from reports.tests.conftest import fill


def url(centre):
    return reverse("reports:history", args=[centre.pk])


def chart_url(centre):
    return reverse("reports:history_chart", args=[centre.pk])


@pytest.fixture
def three_years(dora, erin):
    reports = []
    for year in (2022, 2023, 2024):
        report = services.open_report(dora.centre, year, actor=dora)
        fill(report, dora)
        services.submit_report(report, actor=dora, declared=True)
        reports.append(report)
    services.approve_report(reports[0], actor=erin)
    return reports


def test_anonymous_is_sent_to_login(client, centre_a):
    response = client.get(url(centre_a))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("view", [url, chart_url])
def test_another_centre_gets_404(client_for, boris, centre_a, view):
    assert client_for(boris).get(view(centre_a)).status_code == 404


@pytest.mark.parametrize("who", ["vicky", "erin"])
def test_lists_the_years_with_totals_grades_status_and_area_points(
    client_for, request, centre_a, three_years, who, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(who))
    with django_assert_max_num_queries(8):
        response = client.get(url(centre_a))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r["report"].year for r in rows] == [2024, 2023, 2022]
    assert [r["report"].status for r in rows] == ["submitted", "submitted", "approved"]
    assert all(r["grade_name"] == "Отлично" for r in rows)
    assert [float(v) for v in rows[0]["area_values"]] == [20, 65, 15]
    html = response.content.decode()
    assert chart_url(centre_a) in html and "Одобрен" in html


def test_the_chart_is_an_svg_of_the_submitted_years(client_for, erin, centre_a, three_years):
    response = client_for(erin).get(chart_url(centre_a))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for year in ("2022", "2023", "2024"):
        assert year in svg


def test_no_submitted_report_means_no_chart(client_for, dora, centre_a, draft):
    response = client_for(dora).get(url(centre_a))
    assert response.status_code == 200 and chart_url(centre_a) not in response.content.decode()
    assert client_for(dora).get(chart_url(centre_a)).status_code == 204


def test_the_centre_page_links_to_the_history(client_for, erin, centre_a):
    assert url(centre_a) in client_for(erin).get(reverse("centres:detail", args=[centre_a.pk])).content.decode()
