"""The lockouts page lists who is paused (django-axes) and releases one, audited."""

from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry
from conftest import PASSWORD

ATTACKER = "203.0.113.9"


def lock_out(client, username="dora"):
    for _ in range(5):
        client.post(reverse("login"), {"username": username, "password": "wrong"}, REMOTE_ADDR=ATTACKER)


def test_a_locked_out_user_is_listed_and_released(client, dora, adam):
    lock_out(client)
    assert (
        client.post(reverse("login"), {"username": "dora", "password": PASSWORD}, REMOTE_ADDR=ATTACKER).status_code
        == 429
    )

    admin = client.__class__()
    admin.force_login(adam, backend="django.contrib.auth.backends.ModelBackend")
    html = admin.get(reverse("administration:lockouts")).content.decode()
    assert "<td>dora</td>" in html and ATTACKER in html

    response = admin.post(reverse("administration:lockouts"), {"username": "dora", "ip_address": ATTACKER})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="lockout_release")
    assert (entry.actor, entry.object_id, entry.changes["ip_address"]) == (adam, str(dora.pk), ATTACKER)
    assert "<td>dora</td>" not in admin.get(reverse("administration:lockouts")).content.decode()

    response = client.post(reverse("login"), {"username": "dora", "password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 302


def test_releasing_an_unknown_username_is_still_audited(client_for, adam):
    client_for(adam).post(reverse("administration:lockouts"), {"username": "ghost"})
    entry = AuditEntry.objects.get(action="lockout_release")
    assert (entry.object_type, entry.object_id) == ("axes.accessattempt", "ghost")
    assert not User.objects.filter(username="ghost").exists()


def test_an_expert_cannot_release(client, client_for, erin, dora):
    lock_out(client)
    assert client_for(erin).post(reverse("administration:lockouts"), {"username": "dora"}).status_code == 403
    assert not AuditEntry.objects.filter(action="lockout_release").exists()


def test_with_the_cache_handler_the_page_says_the_list_is_not_available(client_for, adam, settings):
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    html = client_for(adam).get(reverse("administration:lockouts")).content.decode()
    assert "не може да бъде изброен" in html
    assert 'name="username"' in html  # release by username still works
