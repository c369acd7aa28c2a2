"""Helpers for the tests that a sensitive action needs a recent password or code (accounts.reauth)."""

from django.urls import reverse

from accounts.reauth import REAUTH_AT


def make_stale(client):
    """The person logged in (or last confirmed) long ago: the next sensitive POST must ask again."""
    session = client.session
    session[REAUTH_AT] = 0
    session.save()


def assert_sent_to_reauth(response):
    assert response.status_code == 302, response.status_code
    assert response.url.startswith(reverse("reauth") + "?next="), response.url
