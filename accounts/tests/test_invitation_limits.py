"""Invitation e-mails are limited per invited address and per inviting administrator (shared cache)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts import services
from accounts.models import Role, User
from audit.models import AuditEntry
from conftest import make_user


def invite(client, email):
    return client.post(reverse("administration:user_invite"), {"email": email, "role": Role.EXPERT})


def pending(email):
    user = User(username=email, email=email, role=Role.EXPERT)
    user.set_unusable_password()
    user.save()
    return user


def test_one_address_gets_at_most_three_invitations_an_hour(
    client_for, adam, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(adam)
    user = pending("new@example.bg")
    resend = reverse("administration:user_resend_invitation", args=[user.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(resend)
    assert len(mailoutbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(resend, follow=True)
    assert len(mailoutbox) == 3
    assert "твърде много покани" in refused.content.decode()
    assert AuditEntry.objects.filter(action="user_invite_resend").count() == 3


def test_a_refused_invitation_saves_nothing_and_says_why_on_the_form(
    client_for, adam, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.INVITATIONS_PER_ACCOUNT = 2
    client = client_for(adam)
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(client, "a@example.bg").status_code == 302
        assert invite(client, "b@example.bg").status_code == 302
        refused = invite(client, "c@example.bg")
    assert refused.status_code == 400
    assert "Изпратили сте твърде много покани" in refused.content.decode()
    assert not User.objects.filter(email="c@example.bg").exists()
    assert not AuditEntry.objects.filter(action="user_invite", changes__email="c@example.bg").exists()
    assert [m.to for m in mailoutbox] == [["a@example.bg"], ["b@example.bg"]]


def test_the_limit_per_administrator_does_not_stop_another(adam, settings):
    settings.INVITATIONS_PER_ACCOUNT = 1
    other = make_user("ada", Role.ADMIN)
    services.invite_user(actor=adam, username="", email="a@example.bg", role=Role.EXPERT)
    services.invite_user(actor=other, username="", email="b@example.bg", role=Role.EXPERT)
    assert User.objects.filter(email__in=["a@example.bg", "b@example.bg"]).count() == 2


def test_the_address_is_counted_whatever_its_case(adam, settings):
    settings.INVITATIONS_PER_EMAIL = 1
    user = pending("Mixed@Example.bg")
    services.resend_invitation(actor=adam, user=user)
    user.email = "mixed@example.BG"
    with translation.override("bg"), pytest.raises(ValidationError, match="твърде много покани"):
        services.resend_invitation(actor=adam, user=user)
    assert AuditEntry.objects.filter(action="user_invite_resend").count() == 1
