import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from freezegun import freeze_time

from api import services
from api.models import ApiToken
from api.tests.helpers import bearer, token_for
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db
URL = "/api/centres"


def test_token_is_shown_once_and_stored_hashed(dora):
    token, key = services.create_personal_token(dora, name="Учебна система", scopes=["read"])
    assert key.startswith("vq_") and len(key) > 40
    assert key not in token.key_hash and token.key_hash == services.hash_key(key)
    assert not ApiToken.objects.filter(key_hash=key).exists()
    assert AuditEntry.objects.filter(action="api_token.created", object_id=str(token.pk)).exists()


def test_a_token_acts_as_its_user(client, dora, centre_b):
    response = client.get(URL, **bearer(token_for(dora, ["read"])))
    assert response.status_code == 200
    assert [c["licence_number"] for c in response.json()["items"]] == [dora.centre.licence_number]


def test_last_used_is_recorded_and_use_audited(client, dora):
    key = token_for(dora, ["read"])
    client.get(URL, **bearer(key))
    token = ApiToken.objects.get(key_hash=services.hash_key(key))
    assert token.last_used_at is not None
    assert AuditEntry.objects.filter(action="api_token.used", object_id=str(token.pk)).count() == 1


@pytest.mark.parametrize("header", ["Bearer nope", "Bearer vq_" + "x" * 43, "Token abc", "Bearer " + "vq_" * 100])
def test_a_malformed_or_unknown_token_is_401_with_a_problem(client, db, header):
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_revoked_and_expired_tokens_answer_like_unknown_ones(client, dora):
    key = token_for(dora, ["read"])
    services.revoke_token(dora, ApiToken.objects.get(key_hash=services.hash_key(key)))
    revoked = client.get(URL, **bearer(key)).json()
    with freeze_time(timezone.now() - dt.timedelta(days=2)):
        old = token_for(dora, ["read"], expires_at=timezone.now() + dt.timedelta(days=1))
    expired = client.get(URL, **bearer(old)).json()
    unknown = client.get(URL, **bearer("vq_" + "y" * 43)).json()
    assert revoked == expired == unknown


def test_an_inactive_users_token_stops_working(client, dora):
    key = token_for(dora, ["read"])
    dora.is_active = False
    dora.save()
    assert client.get(URL, **bearer(key)).status_code == 401


def test_a_read_token_cannot_write(client, dora):
    key = token_for(dora, ["read"])
    response = client.put(
        f"/api/activity/{dora.centre.licence_number}/2024", {}, content_type="application/json", **bearer(key)
    )
    assert response.status_code == 403


def test_only_the_owner_revokes_a_personal_token(dora, eddie):
    token, _key = services.create_personal_token(dora, name="x", scopes=["read"])
    with pytest.raises(PermissionDenied):
        services.revoke_token(eddie, token)


def test_service_tokens_are_for_agency_admins_and_per_domain(client, adam, erin, centre_a):
    with pytest.raises(PermissionDenied):
        services.create_service_token(erin, name="Регистър", scopes=["centres:read"])
    _token, key = services.create_service_token(adam, name="Регистър", scopes=["centres:read"])
    assert client.get(URL, **bearer(key)).status_code == 200
    assert client.get("/api/reports", **bearer(key)).status_code == 403


@pytest.mark.parametrize(
    "kwargs",
    [{"name": "", "scopes": ["read"]}, {"name": "x", "scopes": ["admin"]}, {"name": "x", "scopes": []}],
)
def test_bad_token_requests_are_refused_field_by_field(dora, kwargs):
    with pytest.raises(ValidationError):
        services.create_personal_token(dora, **kwargs)


def test_an_expiry_in_the_past_is_refused(dora):
    with pytest.raises(ValidationError) as exc:
        services.create_personal_token(
            dora, name="x", scopes=["read"], expires_at=timezone.now() - dt.timedelta(minutes=1)
        )
    assert "expires_at" in exc.value.message_dict


def test_requests_over_the_rate_limit_get_429_with_retry_after(client, dora, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    key = token_for(dora, ["read"])
    statuses = [client.get(URL, **bearer(key)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(URL, **bearer(key))
    assert 1 <= int(limited["Retry-After"]) <= 60
