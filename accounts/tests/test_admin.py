"""The agency administrator manages users, centres, frameworks and deadlines in Django's admin."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry
from conftest import PASSWORD
from frameworks.models import Framework
from reports.models import ReportingYear

ADMIN = "/django-admin/"


def add_user(client, **fields):
    data = {"username": "newbie", "password1": "a-long-new-pass-77", "password2": "a-long-new-pass-77", **fields}
    return client.post(reverse("admin:accounts_user_add"), data)


def test_anonymous_is_sent_to_the_site_login(client, db):
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next={ADMIN}"


@pytest.mark.parametrize("persona", ["erin", "dora"])
def test_experts_and_centre_users_are_kept_out(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(ADMIN, follow=True).status_code == 403
    assert client.get(reverse("admin:accounts_user_changelist"), follow=True).status_code == 403


def test_the_agency_admin_role_gets_in_without_django_flags(client_for, adam):
    assert not adam.is_staff and not adam.is_superuser
    response = client_for(adam).get(ADMIN)
    assert response.status_code == 200
    for url_name in (
        "admin:accounts_user_changelist",
        "admin:centres_centre_changelist",
        "admin:frameworks_framework_changelist",
        "admin:reports_reportingyear_changelist",
    ):
        assert reverse(url_name) in response.content.decode()


def test_an_admin_adds_a_centre_director(client_for, adam, centre_a):
    response = add_user(client_for(adam), role=Role.DIRECTOR, centre=centre_a.pk, email="new@example.bg")
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert (user.role, user.centre, user.is_centre_user) == (Role.DIRECTOR, centre_a, True)
    assert user.check_password("a-long-new-pass-77")
    entry = AuditEntry.objects.get(action="admin_add")
    assert (entry.actor, entry.centre, entry.object_id) == (adam, centre_a, str(user.pk))
    assert "password1" not in entry.changes


def test_a_centre_role_without_a_centre_is_a_form_error_not_a_crash(client_for, adam):
    response = add_user(client_for(adam), role=Role.EDITOR)
    assert response.status_code == 200
    assert "трябва да принадлежи към център" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


def test_an_agency_role_with_a_centre_is_a_form_error(client_for, adam, erin, centre_a):
    url = reverse("admin:accounts_user_change", args=[erin.pk])
    data = {"username": "erin", "role": Role.EXPERT, "centre": centre_a.pk, "is_active": "on"}
    data.update({"date_joined_0": "2024-01-01", "date_joined_1": "10:00:00"})
    response = client_for(adam).post(url, data)
    assert response.status_code == 200
    assert "не принадлежи към център" in response.content.decode()
    erin.refresh_from_db()
    assert erin.centre is None


def test_an_admin_cannot_make_anybody_superuser(client_for, adam, erin):
    url = reverse("admin:accounts_user_change", args=[erin.pk])
    client = client_for(adam)
    assert "is_superuser" not in client.get(url).content.decode()
    data = {"username": "erin", "role": Role.ADMIN, "is_active": "on", "is_superuser": "on", "is_staff": "on"}
    data.update({"date_joined_0": "2024-01-01", "date_joined_1": "10:00:00"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    erin.refresh_from_db()
    assert erin.role == Role.ADMIN
    assert not erin.is_superuser and not erin.is_staff


def test_an_admin_deactivates_a_user_and_sets_a_password(client_for, adam, dora):
    client = client_for(adam)
    url = reverse("admin:auth_user_password_change", args=[dora.pk])
    response = client.post(
        url, {"usable_password": "true", "password1": "brand-new-secret-42", "password2": "brand-new-secret-42"}
    )
    assert response.status_code == 302
    dora.refresh_from_db()
    assert dora.check_password("brand-new-secret-42")
    assert not dora.check_password(PASSWORD)


def test_users_are_not_deleted_only_deactivated(client_for, adam, dora):
    response = client_for(adam).get(reverse("admin:accounts_user_delete", args=[dora.pk]))
    assert response.status_code == 403


def test_centres_can_be_searched_and_filtered(client_for, adam, centre_a, centre_b, centre_c):
    client = client_for(adam)
    url = reverse("admin:centres_centre_changelist")
    html = client.get(url, {"q": "Бета"}).content.decode()
    assert centre_b.name in html and centre_a.name not in html
    html = client.get(url, {"kind__exact": "CIPO"}).content.decode()
    assert centre_c.name in html and centre_b.name not in html
    html = client.get(url, {"region__exact": "Пловдив"}).content.decode()
    assert centre_a.name in html and centre_c.name not in html


def test_frameworks_are_read_only(client_for, adam):
    framework = Framework.objects.get(code="CPO-2018")
    client = client_for(adam)
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Отлично" in response.content.decode()
    assert client.post(url, {"code": "X"}).status_code == 403
    assert client.get(reverse("admin:frameworks_framework_add")).status_code == 403
    assert Framework.objects.get(pk=framework.pk).code == "CPO-2018"


def test_the_admin_sets_a_reporting_deadline(client_for, adam):
    response = client_for(adam).post(
        reverse("admin:reports_reportingyear_add"), {"year": "2025", "deadline": "2026-02-16"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ReportingYear.objects.get(year=2025).deadline == dt.date(2026, 2, 16)
    assert AuditEntry.objects.filter(action="admin_add", object_type="reports.reportingyear").exists()
