"""Bulgarian error pages in the site's layout, with DEBUG off; the 500 page needs no database."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = [pytest.mark.urls("vetquality.tests.error_urls")]

no_debug = override_settings(DEBUG=False)


def page(response):
    return response.content.decode()


def assert_site_layout(html):
    assert 'class="site-header"' in html and "/static/css/app.css" in html


@no_debug
def test_404_is_bulgarian_in_the_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = page(response)
    assert "не е намерена" in html
    assert "Not Found" not in html and "The requested resource" not in html
    assert_site_layout(html)


@no_debug
def test_an_object_of_another_centre_answers_the_same_bulgarian_404(client_for, dora, boris):
    response = client_for(dora).get(reverse("centres:detail", args=[boris.centre_id]))
    assert response.status_code == 404
    assert "не е намерена" in page(response)


@no_debug
def test_403_is_bulgarian_in_the_layout(client_for, erin):
    response = client_for(erin).get(reverse("administration:users"))
    assert response.status_code == 403
    html = page(response)
    assert "Нямате достъп" in html
    assert "403 Forbidden" not in html
    assert_site_layout(html)


@no_debug
def test_400_is_bulgarian(client, db):
    response = client.get("/test-400/")
    assert response.status_code == 400
    assert "Неправилна заявка" in page(response)
    assert "Bad Request (400)" not in page(response)


@no_debug
def test_a_csrf_failure_is_bulgarian(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = page(response)
    assert "Формулярът е изтекъл" in html
    assert "CSRF verification failed" not in html


@no_debug
def test_500_is_bulgarian_in_the_layout(db):
    client = Client(raise_request_exception=False)
    response = client.get("/test-500/")
    assert response.status_code == 500
    html = page(response)
    assert "Нещо се обърка" in html
    assert "Server Error (500)" not in html
    assert_site_layout(html)


@no_debug
def test_500_renders_when_the_database_is_down():
    # No `db` fixture: pytest-django refuses every query here, as a dead database would.
    client = Client(raise_request_exception=False)
    response = client.get("/test-db-down/")
    assert response.status_code == 500
    assert "Нещо се обърка" in page(response)


@no_debug
def test_500_for_a_logged_in_user_renders_with_the_database_down(client_for, dora, django_db_blocker):
    client = client_for(dora)
    client.raise_request_exception = False
    # Every query now fails, as with a dead database: the session and user reads of the middleware
    # fail first, and the 500 page, which needs no database, still renders.
    with django_db_blocker.block():
        response = client.get("/test-db-down/")
    assert response.status_code == 500
    assert "Нещо се обърка" in page(response)


@no_debug
def test_error_pages_follow_the_language(client, db):
    client.post(reverse("set_language"), {"language": "en"})
    assert "Page not found" in page(client.get("/no-such-page/"))
