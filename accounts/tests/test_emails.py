"""Our own account e-mails: Bulgarian, text and HTML, signed with SITE_NAME, linking to SITE_URL."""

import re

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import Role

CYRILLIC = re.compile("[а-яА-Я]")


def assert_bulgarian_lines(text):
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("http"):
            assert CYRILLIC.search(line), f"an English (or empty-of-Bulgarian) line: {line!r}"


@pytest.fixture
def site(settings):
    settings.SITE_NAME = "VETQuality НАПОО"
    settings.SITE_URL = "https://vetquality.example.bg"


def test_the_password_reset_mail_is_ours(client, dora, mailoutbox, site):
    client.post(reverse("password_reset"), {"email": dora.email}, HTTP_HOST="127.0.0.1:8101")
    mail = mailoutbox[0]
    body, html = mail.body, mail.alternatives[0][0]
    assert mail.alternatives[0][1] == "text/html"
    assert "VETQuality НАПОО" in mail.subject
    assert "получавати" not in body  # Django's stock Bulgarian text has this typo
    assert "127.0.0.1" not in body and "127.0.0.1" not in html
    assert "Екипът на VETQuality НАПОО" in body and "Екипът на VETQuality НАПОО" in html
    assert re.search(r"https://vetquality\.example\.bg/accounts/password/reset/\S+/\S+/", body)
    assert_bulgarian_lines(body)


def test_the_password_reset_mail_is_bulgarian_even_from_an_english_session(client, dora, mailoutbox, site):
    client.post(reverse("set_language"), {"language": "en"})
    client.post(reverse("password_reset"), {"email": dora.email})
    assert_bulgarian_lines(mailoutbox[0].body)


def test_the_invitation_mail_is_ours(adam, centre_a, mailoutbox, django_capture_on_commit_callbacks, site):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_user(actor=adam, username="", email="new@example.bg", role=Role.VIEWER, centre=centre_a)
    mail = mailoutbox[0]
    assert "VETQuality НАПОО" in mail.subject
    assert "Наблюдател" in mail.body or "наблюдател" in mail.body.lower()
    assert "Екипът на VETQuality НАПОО" in mail.alternatives[0][0]
    assert_bulgarian_lines(mail.body)


def test_an_invited_person_whose_link_expired_gets_a_new_one_by_reset(
    client, adam, centre_a, mailoutbox, django_capture_on_commit_callbacks, site
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.invite_user(actor=adam, username="", email="new@example.bg", role=Role.VIEWER, centre=centre_a)
    assert (
        "Забравена парола" in mailoutbox[0].body
        and "https://vetquality.example.bg" + reverse("login") in mailoutbox[0].body
    )
    assert not user.has_usable_password()
    client.post(reverse("password_reset"), {"email": "NEW@example.bg"})
    assert len(mailoutbox) == 2 and mailoutbox[1].to == ["new@example.bg"]


def test_a_deactivated_person_gets_no_reset_mail(client, adam, dora, mailoutbox):
    services.deactivate_user(actor=adam, user=dora)
    client.post(reverse("password_reset"), {"email": dora.email})
    assert mailoutbox == []
