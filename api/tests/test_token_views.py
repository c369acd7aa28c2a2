"""The token pages: three rungs, shown once, revoke, and field-by-field errors."""

import pytest
from django.urls import reverse

from api import services
from api.models import ApiToken

pytestmark = pytest.mark.django_db
PERSONAL = reverse("api_tokens:personal")
SERVICE = reverse("api_tokens:service")


def test_anonymous_goes_to_login(client):
    for url in (PERSONAL, SERVICE):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_service_tokens_are_for_agency_admins_only(client_for, dora, erin, adam):
    assert client_for(dora).get(SERVICE).status_code == 403
    assert client_for(erin).get(SERVICE).status_code == 403
    assert client_for(adam).get(SERVICE).status_code == 200


def test_a_new_token_is_shown_once(client_for, dora):
    client = client_for(dora)
    response = client.post(PERSONAL, {"name": "Учебна система", "scope": "write"})
    assert response.status_code == 200
    key = response.context["created"]["key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=dora)
    assert token.scopes == ["write"] and token.key_hash == services.hash_key(key)
    assert key not in client.get(PERSONAL).content.decode()


def test_errors_are_listed_field_by_field(client_for, dora):
    response = client_for(dora).post(PERSONAL, {"name": "", "scope": "root", "expires_on": "32.13.2020"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "scope", "expires_on"}
    assert not ApiToken.objects.exists()


def test_an_expiry_in_the_past_is_refused_on_its_field(client_for, dora):
    response = client_for(dora).post(PERSONAL, {"name": "x", "scope": "read", "expires_on": "01.01.2020"})
    assert response.status_code == 400 and "expires_on" in response.context["form"].errors


def test_revoking_another_users_token_is_404(client_for, dora, eddie):
    token, _key = services.create_personal_token(eddie, name="x", scopes=["read"])
    assert client_for(dora).post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_owner_revokes_a_token(client_for, dora):
    token, _key = services.create_personal_token(dora, name="x", scopes=["read"])
    response = client_for(dora).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_admin_creates_a_service_token_per_domain(client_for, adam):
    response = client_for(adam).post(
        SERVICE, {"name": "Регистър на лицензиите", "scopes": ["centres:read", "public:read"]}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(kind="service")
    assert token.scopes == ["centres:read", "public:read"]
