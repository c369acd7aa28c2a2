"""Every public page: open to anonymous visitors, fixed query counts, never a 500 on odd input."""

import pytest
from django.urls import reverse

from conftest import make_centre
from public.tests import factories as f
from reports.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_centres(centre_a, centre_b, centre_c):
    f.report(centre_a, 2023)
    f.report(centre_a, 2024)
    f.report(centre_b, 2024, fraction=f.Decimal("0.6"))
    f.report(centre_c, 2024)
    f.activity(centre_a, 2024, courses=((814010, 20, 15), (815010, 12, 10)), followed=20, placed=15)
    f.survey(centre_a, 2024, answers=12, satisfied=10)
    return centre_a, centre_b, centre_c


def public_urls(licence):
    return [
        reverse("home"),
        reverse("public:directory"),
        reverse("public:directory") + "?q=алфа&region=Пловдив&sort=grade",
        reverse("public:profile", args=[licence]),
        reverse("public:profile_chart", args=[licence]),
        reverse("public:compare") + f"?c={licence}",
        reverse("public:open_data"),
        reverse("public:dictionary"),
        reverse("public:csv"),
        reverse("public:csv_people"),
        reverse("public:json"),
        reverse("public:sitemap"),
        reverse("public:robots"),
    ]


def test_every_public_page_opens_without_logging_in(client, published_centres):
    for url in public_urls(published_centres[0].licence_number):
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_national_page_opens_once_published_and_not_before(client, published_centres, adam):
    from public.services import publish_analysis

    assert client.get(reverse("public:national", args=[2024])).status_code == 404
    publish_analysis(2024, actor=adam)
    client.logout()
    for url in (
        reverse("public:national", args=[2024]),
        reverse("public:national_chart", args=[2024, "grades"]),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("public:national_index")).url == reverse("public:national", args=[2024])


STAFF_URLS = ["/registry/", "/reports/", "/analysis/", "/activity/", "/surveys/", "/national/publication/"]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_no_staff_page_opens_to_an_anonymous_visitor(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_old_login_address_leads_to_the_new_one(client, db):
    response = client.get("/accounts/login/?next=/reports/")
    assert response.status_code == 301 and response.url == "/login/?next=/reports/"


def test_logged_in_users_keep_their_home(client_for, dora, erin):
    assert client_for(dora).get("/").templates[0].name == "home/centre.html"
    assert client_for(erin).get("/").templates[0].name == "home/agency.html"


def test_the_public_layout_is_accessible_by_construction(client, published_centres):
    html = client.get(reverse("public:directory")).content.decode()
    assert '<html lang="bg">' in html
    assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
    assert "<script" not in html.replace('<script type="application/ld+json">', "")
    assert 'style="' not in html and " onclick" not in html
    for field in ("q", "region", "municipality", "kind", "field", "profession", "specialty", "grade", "sort"):
        assert f'<label for="{field}">' in html, field
    assert reverse("login") in html  # the discreet staff link


def test_the_english_switch_is_a_plain_link(client, published_centres):
    response = client.get(reverse("public:language", args=["en"]) + "?next=/centres/")
    assert response.status_code == 302 and response.url == "/centres/"
    html = client.get("/centres/").content.decode()
    assert '<html lang="en">' in html and "Find a centre" in html
    assert client.get(reverse("public:language", args=["en"]) + "?next=https://evil.example/").url == "/"


# ---------------------------------------------------------------- query counts
@pytest.mark.parametrize("name", ["directory", "profile", "compare", "start"])
def test_queries_do_not_grow_with_the_number_of_centres(client, published_centres, django_assert_num_queries, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from public.cache import reset

    licence = published_centres[0].licence_number
    url = {
        "directory": reverse("public:directory"),
        "profile": reverse("public:profile", args=[licence]),
        "compare": reverse("public:compare") + f"?c={licence}&c={published_centres[1].licence_number}",
        "start": reverse("home"),
    }[name]

    def count():
        reset()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for i in range(40):
        centre = make_centre(f"2099{i:05d}", f"ЦПО „Тест {i}“", region="Варна")
        f.report(centre, 2024, fraction=f.Decimal("0.7"))
        f.activity(centre, 2024, followed=10, placed=6)
    assert count() == few
    assert few <= 25


def test_a_cached_page_costs_no_query(client, published_centres, django_assert_num_queries):
    client.get(reverse("public:directory"))
    with django_assert_num_queries(0):
        assert client.get(reverse("public:directory")).status_code == 200


# ---------------------------------------------------------------- invalidation
def test_an_approval_shows_at_once(client, published_centres, erin, django_capture_on_commit_callbacks):
    from reports.services import approve_report

    centre_b = published_centres[1]
    pending = f.report(centre_b, 2025, Status.SUBMITTED)
    url = reverse("public:profile", args=[centre_b.licence_number])
    assert "2025" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        approve_report(pending, actor=erin)
    assert "2025" in client.get(url).content.decode()
