"""Query strings the pages do not know: 200 with the nearest sensible result, or 400/404 with a clear message,
never 500. Control characters and absurdly long query strings are refused for every page at once, with the
site's Bulgarian 400 page (inputs.middleware); everything else reaches the page and gets its nearest result."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from public.tests import factories as f

pytestmark = pytest.mark.django_db

BAD = [
    "region=x",
    "kind=ZZZ&grade=best&sort=drop+table",
    "page=-1",
    "page=0",
    "page=99999",
    "page=abc",
    "page=1e9999",
    "q=" + "я" * 10_000,
    "q=%00%00abc%00",
    "municipality=%00",
    "field=9999999&profession=%27%22&specialty=x",
    "iso=2&validation=yes&surveys=%00",
    "&".join(["c=200812001"] * 50),
    "&".join(f"c={i}" for i in range(50)),
    "c=%00&c=" + "1" * 5000,
]


def refused_by_the_boundary(query):
    return "%00" in query or len(quote(query, safe="=&%")) > 16 * 1024


def assert_answered(response, query):
    if refused_by_the_boundary(query):
        assert response.status_code == 400
        assert "заявка" in response.content.decode().lower()
    else:
        assert response.status_code == 200


@pytest.fixture
def some_centres(centre_a, centre_b):
    f.report(centre_a, 2024)
    f.report(centre_b, 2024)


@pytest.mark.parametrize("query", BAD)
@pytest.mark.parametrize("name", ["home", "public:directory", "public:compare", "public:open_data", "public:sitemap"])
def test_odd_query_strings_never_break_a_page(client, some_centres, name, query):
    assert_answered(client.get(reverse(name) + "?" + query), query)


@pytest.mark.parametrize("query", BAD)
def test_odd_query_strings_never_break_a_profile(client, some_centres, centre_a, query):
    assert_answered(client.get(reverse("public:profile", args=[centre_a.licence_number]) + "?" + query), query)


@pytest.mark.parametrize("licence", ["nope", "0" * 500, "%00", "200812001%00", "' OR 1=1 --"])
def test_an_unknown_licence_is_404(client, some_centres, licence):
    expected = 400 if "%00" in licence else 404
    assert client.get(f"/centres/{licence}/").status_code == expected
    assert client.get(f"/centres/{licence}/chart.svg").status_code == expected


def test_page_numbers_out_of_range_land_on_a_real_page(client, some_centres):
    html = client.get(reverse("public:directory") + "?page=99999").content.decode()
    assert "ЦПО „Алфа“ ЕООД" in html or "ЦПО „Бета“ ООД" in html


def test_fifty_centres_to_compare_keep_four_and_say_so(client, db):
    from conftest import make_centre

    licences = [make_centre(f"2010{i:05d}", f"ЦПО „Сравнение {i}“").licence_number for i in range(6)]
    response = client.get(reverse("public:compare") + "?" + "&".join(f"c={c}" for c in licences * 8 + ["x"] * 2))
    html = response.content.decode()
    assert response.status_code == 200
    assert sum(f"„Сравнение {i}“" in html for i in range(6)) == 4
    assert "до четири" in html


@pytest.mark.parametrize("year", [1900, 2024, 9999])
def test_an_unpublished_or_impossible_national_year_is_404(client, some_centres, year):
    assert client.get(f"/national/{year}/").status_code == 404
    assert client.get(f"/national/{year}/grades.svg").status_code == 404
    assert client.get(f"/national/{year}/analysis.pdf").status_code == 404


def test_an_unknown_national_chart_is_404(client, some_centres, adam):
    from public.services import publish_analysis

    publish_analysis(2024, actor=adam)
    assert client.get("/national/2024/nope.svg").status_code == 404
    assert client.get("/national/2024/analysis.exe").status_code == 404
