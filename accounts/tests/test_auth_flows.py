import re

import pytest
from django.urls import reverse

from conftest import PASSWORD

# Sessions and axes' counts live in the cache when REDIS_URL is set: .ci/run runs these against Redis.
pytestmark = pytest.mark.redis


def test_login_page_is_in_bulgarian(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Потребителско име" in response.content.decode()


def test_login_with_the_right_password_goes_home(client, dora):
    response = client.post(reverse("login"), {"username": "dora", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(dora.pk)


def test_login_with_a_wrong_password_shows_the_form_again(client, dora):
    response = client.post(reverse("login"), {"username": "dora", "password": "nope"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_follows_a_safe_next_only(client, dora):
    data = {"username": "dora", "password": PASSWORD, "next": "/centres/"}
    assert client.post(reverse("login"), data, REMOTE_ADDR="10.1.1.2").url == "/centres/"
    client.logout()
    data["next"] = "https://evil.example/"
    assert client.post(reverse("login"), data, REMOTE_ADDR="10.1.1.2").url == reverse("home")


def test_logout_ends_the_session(client_for, dora):
    client = client_for(dora)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_needs_the_old_password(client_for, dora):
    client = client_for(dora)
    url = reverse("password_change")
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"old_password": "wrong", "new_password1": "n3w-pass-phrase", "new_password2": "n3w-pass-phrase"}
    )
    assert bad.status_code == 200
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": "n3w-pass-phrase", "new_password2": "n3w-pass-phrase"}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    dora.refresh_from_db()
    assert dora.check_password("n3w-pass-phrase")


def test_password_change_needs_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_password_reset_mails_a_link_that_sets_a_new_password(client, dora, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": dora.email})
    assert response.url == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [dora.email]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "reset-pass-phrase-8", "new_password2": "reset-pass-phrase-8"})
    assert done.status_code == 302
    assert done.url == reverse("password_reset_complete")
    dora.refresh_from_db()
    assert dora.check_password("reset-pass-phrase-8")
    # The link works once.
    assert "reset-pass-phrase-8" not in client.get(link, follow=True).content.decode()
    assert client.get(set_url).context["validlink"] is False


def test_password_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.bg"})
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []
