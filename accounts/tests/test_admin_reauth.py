"""The administrator's changes to people need a recent password or code; reading the pages does not."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from accounts.tests.reauth_helpers import assert_sent_to_reauth, make_stale
from audit.models import AuditEntry
from conftest import PASSWORD


@pytest.fixture
def invited(db):
    user = User(username="new", email="new@example.bg", role=Role.EXPERT)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def gone(centre_a):
    return User.objects.create_user("gone", email="gone@example.bg", role=Role.EDITOR, centre=centre_a, is_active=False)


def _actions(dora, invited, gone):
    return {
        "invite": (reverse("administration:user_invite"), {"email": "x@example.bg", "role": Role.EXPERT}),
        "change role": (reverse("administration:user_detail", args=[dora.pk]), {"role-role": Role.EXPERT}),
        "deactivate": (reverse("administration:user_deactivate", args=[dora.pk]), {"reason": "left"}),
        "reactivate": (reverse("administration:user_reactivate", args=[gone.pk]), {}),
        "invite again": (reverse("administration:user_resend_invitation", args=[invited.pk]), {}),
        "release lockout": (reverse("administration:lockouts"), {"username": "dora"}),
        "reset MFA": (reverse("mfa_reset", args=[dora.pk]), {}),
    }


ACTIONS = ["invite", "change role", "deactivate", "reactivate", "invite again", "release lockout", "reset MFA"]


@pytest.mark.parametrize("action", ACTIONS)
def test_a_stale_session_is_sent_to_confirm_and_nothing_changes(
    action, client_for, adam, dora, invited, gone, mailoutbox, django_capture_on_commit_callbacks
):
    TOTPDevice.objects.create(user=dora, name="phone", confirmed=True)
    client = client_for(adam)
    make_stale(client)
    url, data = _actions(dora, invited, gone)[action]
    with django_capture_on_commit_callbacks(execute=True):
        assert_sent_to_reauth(client.post(url, data))
    dora.refresh_from_db()
    assert (dora.role, dora.is_active) == (Role.DIRECTOR, True)
    gone.refresh_from_db()
    assert not gone.is_active
    assert not User.objects.filter(email="x@example.bg").exists()
    assert TOTPDevice.objects.filter(user=dora).exists()
    assert not AuditEntry.objects.filter(actor=adam).exists()
    assert mailoutbox == []


def test_the_pages_stay_readable_in_a_stale_session(client_for, adam, dora):
    client = client_for(adam)
    make_stale(client)
    for url in (
        reverse("administration:user_invite"),
        reverse("administration:user_detail", args=[dora.pk]),
        reverse("administration:lockouts"),
    ):
        assert client.get(url).status_code == 200, url


def test_after_confirming_the_change_goes_through_and_returns_to_the_page(client_for, adam, dora):
    client = client_for(adam)
    make_stale(client)
    url = reverse("administration:user_detail", args=[dora.pk])
    deactivate = reverse("administration:user_deactivate", args=[dora.pk])
    confirm = client.post(deactivate, {"reason": "left"}, HTTP_REFERER="http://testserver" + url)
    assert_sent_to_reauth(confirm)
    back = client.post(confirm.url, {"secret": PASSWORD})
    assert back.status_code == 302 and back.url == "http://testserver" + url
    assert client.post(deactivate, {"reason": "left"}).status_code == 302
    dora.refresh_from_db()
    assert not dora.is_active
    assert AuditEntry.objects.filter(actor=adam, action="user_deactivate").exists()


def test_a_fresh_session_invites_without_asking_again(client_for, adam, mailoutbox, django_capture_on_commit_callbacks):
    client = client_for(adam)  # logging in is a fresh proof
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("administration:user_invite"), {"email": "x@example.bg", "role": Role.EXPERT})
    assert response.status_code == 302 and not response.url.startswith(reverse("reauth"))
    assert User.objects.filter(email="x@example.bg").exists() and len(mailoutbox) == 1
