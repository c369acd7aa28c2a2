"""The agency administrator's user pages: three rungs, search, invite, role change, (de)activation."""

import pytest
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry
from conftest import make_user

LOGIN = reverse("login")


def urls(user):
    return [
        reverse("administration:users"),
        reverse("administration:user_invite"),
        reverse("administration:user_detail", args=[user.pk]),
        reverse("administration:lockouts"),
    ]


def test_anonymous_is_sent_to_login(client, dora):
    for url in urls(dora):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(f"{LOGIN}?next=")


@pytest.mark.parametrize("persona", ["dora", "vicky", "boris", "erin"])
def test_other_roles_are_refused(client_for, persona, request, dora):
    client = client_for(request.getfixturevalue(persona))
    for url in urls(dora):
        assert client.get(url).status_code == 403
    response = client.post(reverse("administration:user_deactivate", args=[dora.pk]))
    assert response.status_code == 403
    dora.refresh_from_db()
    assert dora.is_active


def test_the_agency_admin_gets_every_page(client_for, adam, dora):
    client = client_for(adam)
    for url in urls(dora):
        assert client.get(url).status_code == 200, url


def test_the_list_searches_by_name_centre_and_filters_by_role(client_for, adam, dora, boris, erin):
    client = client_for(adam)
    url = reverse("administration:users")
    html = client.get(url, {"q": "Бета"}).content.decode()  # boris's centre
    assert ">boris<" in html and ">dora<" not in html
    html = client.get(url, {"role": Role.EXPERT}).content.decode()
    assert ">erin<" in html and ">dora<" not in html
    assert "GET FULL NAME" not in html.upper().replace("_", " ")


def test_the_list_keeps_a_constant_number_of_queries(client_for, adam, centre_a, django_assert_max_num_queries):
    client = client_for(adam)
    url = reverse("administration:users")
    client.get(url)
    for i in range(30):
        make_user(f"user{i}", Role.EDITOR, centre_a)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_superusers_are_not_listed_nor_reachable_for_an_agency_admin(client_for, adam):
    root = User.objects.create_superuser("root", "root@example.bg", "root-pass-phrase-1")
    client = client_for(adam)
    assert ">root<" not in client.get(reverse("administration:users")).content.decode()
    assert client.get(reverse("administration:user_detail", args=[root.pk])).status_code == 404


def test_invite_page_refuses_a_centre_role_without_a_centre(client_for, adam, mailoutbox):
    response = client_for(adam).post(
        reverse("administration:user_invite"), {"email": "new@example.bg", "role": Role.EDITOR}
    )
    assert response.status_code == 400
    assert "трябва да принадлежи към център" in response.content.decode()
    assert not User.objects.filter(email="new@example.bg").exists()
    assert mailoutbox == []


def test_invite_page_refuses_an_agency_role_with_a_centre(client_for, adam, centre_a):
    response = client_for(adam).post(
        reverse("administration:user_invite"), {"email": "new@example.bg", "role": Role.EXPERT, "centre": centre_a.pk}
    )
    assert response.status_code == 400
    assert "не принадлежи към център" in response.content.decode()
    assert not User.objects.filter(email="new@example.bg").exists()


def test_the_admin_changes_a_role_audited(client_for, adam, dora, centre_b):
    response = client_for(adam).post(
        reverse("administration:user_detail", args=[dora.pk]), {"role-role": Role.VIEWER, "role-centre": centre_b.pk}
    )
    assert response.status_code == 302
    dora.refresh_from_db()
    assert (dora.role, dora.centre) == (Role.VIEWER, centre_b)
    entry = AuditEntry.objects.get(action="user_role_change")
    assert (entry.actor, entry.from_state, entry.to_state) == (adam, Role.DIRECTOR, Role.VIEWER)


def test_a_bad_role_change_is_a_field_error_not_a_crash(client_for, adam, dora):
    response = client_for(adam).post(reverse("administration:user_detail", args=[dora.pk]), {"role-role": Role.EDITOR})
    assert response.status_code == 200
    assert "трябва да принадлежи към център" in response.content.decode()
    dora.refresh_from_db()
    assert dora.role == Role.DIRECTOR


def test_the_admin_deactivates_and_reactivates(client_for, adam, dora):
    client = client_for(adam)
    client.post(reverse("administration:user_deactivate", args=[dora.pk]), {"reason": "напусна центъра"})
    dora.refresh_from_db()
    assert not dora.is_active
    assert AuditEntry.objects.get(action="user_deactivate").message == "напусна центъра"
    client.post(reverse("administration:user_reactivate", args=[dora.pk]))
    dora.refresh_from_db()
    assert dora.is_active
    assert AuditEntry.objects.filter(action="user_reactivate", actor=adam).count() == 1


def test_the_admin_cannot_deactivate_themself(client_for, adam):
    response = client_for(adam).post(reverse("administration:user_deactivate", args=[adam.pk]), follow=True)
    assert response.status_code == 200
    adam.refresh_from_db()
    assert adam.is_active
    assert not AuditEntry.objects.filter(action="user_deactivate").exists()


def test_a_deactivated_user_cannot_log_in(client, adam, dora, client_for):
    from accounts import services
    from conftest import PASSWORD

    services.deactivate_user(actor=adam, user=dora)
    response = client.post(LOGIN, {"username": "dora", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_deactivation_ends_the_persons_open_session(client, adam, dora):
    from accounts import services
    from conftest import PASSWORD

    client.post(LOGIN, {"username": "dora", "password": PASSWORD}, REMOTE_ADDR="10.9.9.8")
    assert client.get(reverse("reports:list")).status_code == 200
    services.deactivate_user(actor=adam, user=dora)
    response = client.get(reverse("reports:list"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
