"""Invite → e-mail → set password → log in, end to end through the pages."""

import re

from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry


def invite(client, centre, **extra):
    data = {"email": "Nova.Petrova@example.bg", "first_name": "Нова", "last_name": "Петрова", "role": Role.EDITOR}
    data["centre"] = centre.pk
    data.update(extra)
    return client.post(reverse("administration:user_invite"), data)


def test_an_invited_user_chooses_a_password_and_logs_in(
    client, client_for, adam, centre_a, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://vetquality.example.bg"
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(adam), centre_a)
    user = User.objects.get(email="Nova.Petrova@example.bg")
    assert response.status_code == 302
    assert response.url == reverse("administration:user_detail", args=[user.pk])
    assert (user.username, user.role, user.centre, user.is_active) == (
        "nova.petrova@example.bg",
        Role.EDITOR,
        centre_a,
        True,
    )
    assert not user.has_usable_password()
    entry = AuditEntry.objects.get(action="user_invite")
    assert (entry.actor, entry.centre, entry.to_state) == (adam, centre_a, Role.EDITOR)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["Nova.Petrova@example.bg"]
    assert "VETQuality" in mail.subject
    assert centre_a.name in mail.body and "nova.petrova@example.bg" in mail.body
    html = mail.alternatives[0][0]
    link = re.search(r"https://vetquality\.example\.bg(/accounts/welcome/\S+/)", mail.body).group(1)
    assert link in html

    client.logout()
    page = client.get(link, follow=True)
    assert page.status_code == 200
    set_url = page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "my-own-pass-phrase-5", "new_password2": "my-own-pass-phrase-5"})
    assert done.status_code == 302 and done.url == reverse("invitation_done")

    login = client.post(
        reverse("login"),
        {"username": "nova.petrova@example.bg", "password": "my-own-pass-phrase-5"},
        REMOTE_ADDR="10.3.3.3",
    )
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    # The link worked once.
    client.logout()
    assert client.get(link, follow=True).context["validlink"] is False


def test_a_used_address_is_refused(client_for, adam, centre_a, dora):
    response = invite(client_for(adam), centre_a, email=dora.email.upper())
    assert response.status_code == 400
    assert "Вече съществува потребител" in response.content.decode()


def test_the_invitation_can_be_sent_again_until_a_password_is_chosen(
    client_for, adam, centre_a, dora, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(adam)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, centre_a)
    user = User.objects.get(email="Nova.Petrova@example.bg")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("administration:user_resend_invitation", args=[user.pk]))
    assert len(mailoutbox) == 2
    assert AuditEntry.objects.filter(action="user_invite_resend", object_id=str(user.pk)).count() == 1
    # Somebody with a password resets it themself: no invitation.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("administration:user_resend_invitation", args=[dora.pk]))
    assert len(mailoutbox) == 2
