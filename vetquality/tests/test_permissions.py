"""Three rungs for every foundation page: anonymous → login; wrong role or other centre → 403/404; right role → 200."""

import pytest
from django.urls import reverse

CENTRE_USERS = ["dora", "eddie", "vicky", "boris", "cleo"]
LOGIN = reverse("login")


def as_(request, client_for, persona):
    return client_for(request.getfixturevalue(persona))


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(f"{LOGIN}?next=")


# ------------------------------------------------------------------ home
def test_home_for_anonymous_is_the_public_start_page(client, db):
    from public.cache import reset

    reset()  # the public pages are cached whole: a cached answer renders no template
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "public/start.html"


@pytest.mark.parametrize(
    ("persona", "template"),
    [(p, "home/centre.html") for p in CENTRE_USERS] + [("erin", "home/agency.html"), ("adam", "home/agency.html")],
)
def test_home_for_each_role_is_its_own(request, client_for, persona, template):
    response = as_(request, client_for, persona).get(reverse("home"))
    assert response.status_code == 200
    assert response.templates[0].name == template


# ------------------------------------------------------------------ frameworks (agency admin only)
FRAMEWORK_URLS = [
    reverse("frameworks:list"),
    reverse("frameworks:detail", args=["CPO-2018"]),
    reverse("frameworks:export", args=["CPO-2018"]),
]


@pytest.mark.parametrize("url", FRAMEWORK_URLS)
def test_frameworks_anonymous_goes_to_login(client, db, url):
    assert_login_redirect(client.get(url))


@pytest.mark.parametrize("url", FRAMEWORK_URLS)
@pytest.mark.parametrize("persona", [*CENTRE_USERS, "erin"])
def test_frameworks_are_closed_to_centre_users_and_experts(request, client_for, persona, url):
    assert as_(request, client_for, persona).get(url).status_code == 403


@pytest.mark.parametrize("url", FRAMEWORK_URLS)
def test_frameworks_are_open_to_the_agency_admin(client_for, adam, url):
    assert client_for(adam).get(url).status_code == 200


def test_unknown_framework_is_404(client_for, adam):
    assert client_for(adam).get(reverse("frameworks:detail", args=["NOPE"])).status_code == 404


# ------------------------------------------------------------------ centres list (agency)
def test_centres_list_anonymous_goes_to_login(client, db):
    assert_login_redirect(client.get(reverse("centres:list")))


@pytest.mark.parametrize("persona", CENTRE_USERS)
def test_centres_list_is_closed_to_centre_users(request, client_for, persona):
    assert as_(request, client_for, persona).get(reverse("centres:list")).status_code == 403


@pytest.mark.parametrize("persona", ["erin", "adam"])
def test_centres_list_is_open_to_the_agency(request, client_for, persona, centre_a, centre_b):
    response = as_(request, client_for, persona).get(reverse("centres:list"))
    assert response.status_code == 200
    assert centre_a.name in response.content.decode() and centre_b.name in response.content.decode()


# ------------------------------------------------------------------ centre detail (own centre or agency)
def test_centre_detail_anonymous_goes_to_login(client, centre_a):
    assert_login_redirect(client.get(reverse("centres:detail", args=[centre_a.pk])))


@pytest.mark.parametrize("persona", ["dora", "eddie", "vicky"])
def test_centre_users_see_their_own_centre(request, client_for, persona, centre_a):
    response = as_(request, client_for, persona).get(reverse("centres:detail", args=[centre_a.pk]))
    assert response.status_code == 200
    assert centre_a.name in response.content.decode()


@pytest.mark.parametrize("persona", ["boris", "cleo"])
def test_another_centre_answers_404(request, client_for, persona, centre_a):
    assert as_(request, client_for, persona).get(reverse("centres:detail", args=[centre_a.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["erin", "adam"])
def test_the_agency_sees_any_centre(request, client_for, persona, centre_a, centre_c):
    client = as_(request, client_for, persona)
    for centre in (centre_a, centre_c):
        assert client.get(reverse("centres:detail", args=[centre.pk])).status_code == 200


# ------------------------------------------------------------------ centres import (agency admin)
def test_import_anonymous_goes_to_login(client, db):
    assert_login_redirect(client.get(reverse("centres:import")))


@pytest.mark.parametrize("persona", [*CENTRE_USERS, "erin"])
def test_import_is_closed_to_all_but_the_admin(request, client_for, persona):
    assert as_(request, client_for, persona).get(reverse("centres:import")).status_code == 403


def test_import_is_open_to_the_admin(client_for, adam):
    assert client_for(adam).get(reverse("centres:import")).status_code == 200


# ------------------------------------------------------------------ Django admin (superusers only)
def test_django_admin_anonymous_goes_to_login(client, db):
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)


@pytest.mark.parametrize("persona", ["erin", "dora", "adam"])
def test_django_admin_keeps_everybody_but_superusers_out(request, client_for, persona):
    assert as_(request, client_for, persona).get("/django-admin/", follow=True).status_code == 403


def test_django_admin_lets_a_superuser_in(client_for, adam):
    adam.is_superuser = True
    adam.save()
    assert client_for(adam).get("/django-admin/").status_code == 200


# ------------------------------------------------------------------ navigation follows the same rules
def test_navigation_shows_administration_only_to_the_admin(client_for, adam, erin):
    admin_home = client_for(adam).get(reverse("home")).content.decode()
    assert reverse("administration:users") in admin_home
    assert "/django-admin/" not in admin_home
    assert reverse("administration:users") not in client_for(erin).get(reverse("home")).content.decode()


# ------------------------------------------------------------------ list pages stay at a fixed number of queries
def test_centres_list_queries_do_not_grow_with_centres(client_for, erin, django_assert_max_num_queries):
    from conftest import make_centre

    for i in range(60):
        make_centre(f"2099{i:05d}", f"ЦПО „Тест {i}“")
    client = client_for(erin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("centres:list"))
    assert response.status_code == 200


def test_frameworks_list_queries_are_fixed(client_for, adam, django_assert_max_num_queries):
    client = client_for(adam)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("frameworks:list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("frameworks:detail", args=["CPO-2018"])).status_code == 200
