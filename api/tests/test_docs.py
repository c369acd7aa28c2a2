import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_need_a_login(client):
    response = client.get("/api/docs")
    assert response.status_code == 302 and "/login" in response.url


def test_centre_users_are_refused_the_docs(client_for, dora):
    assert client_for(dora).get("/api/docs").status_code == 403


@pytest.mark.parametrize("persona", ["erin", "adam"])
def test_agency_users_get_the_docs_from_our_own_static_files(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    # Nothing from another host (a CDN): every script, style and image is a path on this site. (Not
    # a search for "cdn" anywhere: the page's random CSRF token may contain those three letters.)
    assert re.findall(r'(?:src|href)="(?:https?:)?//', html) == []
    assert not re.search(r"cdn\.|jsdelivr|unpkg|cdnjs", html.lower())
    assert "<script>" not in html
