"""Token helpers for the API tests: a Bearer client per persona."""

from api import services


def token_for(user, scopes=("read", "write"), **extra):
    _token, key = services.create_personal_token(user, name="test", scopes=list(scopes), **extra)
    return key


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
