"""Django's admin is the superusers' (technical operators') tool; agency administrators use /administration/."""

import pytest
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry

ADMIN = "/django-admin/"


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.bg", "root-pass-phrase-1")


def test_anonymous_is_sent_to_the_site_login(client, db):
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next={ADMIN}"


@pytest.mark.parametrize("persona", ["erin", "dora", "adam"])
def test_everybody_but_a_superuser_is_kept_out(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(ADMIN, follow=True).status_code == 403
    for url_name in ("admin:accounts_user_changelist", "admin:centres_centre_changelist"):
        assert client.get(reverse(url_name), follow=True).status_code == 403


def test_a_superuser_gets_in(client_for, root):
    response = client_for(root).get(ADMIN)
    assert response.status_code == 200
    assert reverse("admin:accounts_user_changelist") in response.content.decode()


def test_the_navigation_links_the_django_admin_for_superusers_only(client_for, root, adam):
    assert ADMIN not in client_for(adam).get(reverse("home")).content.decode()
    assert ADMIN in client_for(root).get(reverse("home")).content.decode()


def test_a_superuser_adds_a_user_through_the_admin_audited(client_for, root, centre_a):
    data = {
        "username": "newbie",
        "password1": "a-long-new-pass-77",
        "password2": "a-long-new-pass-77",
        "role": Role.DIRECTOR,
        "centre": centre_a.pk,
    }
    response = client_for(root).post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert (user.role, user.centre) == (Role.DIRECTOR, centre_a)
    assert AuditEntry.objects.filter(action="admin_add", object_id=str(user.pk)).exists()
