"""The open data through the API: anonymous, the same records and rules as /open-data/."""

import json

import pytest
from django.urls import reverse

from api import services

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_open_data_with_the_same_records_as_the_download(client, db):
    api = client.get("/api/public/open-data").json()
    download = json.loads(b"".join(client.get(reverse("public:json")).streaming_content))
    assert api["licence"] == "CC BY 4.0"
    assert len(api["records"]) == len(download["records"])
    assert [c["name"] for c in api["columns"]] == [c["name"] for c in download["columns"]]


def test_a_service_token_needs_the_public_scope(client, adam):
    _t, wrong = services.create_service_token(adam, name="x", scopes=["centres:read"])
    _t, right = services.create_service_token(adam, name="y", scopes=["public:read"])
    assert client.get("/api/public/open-data", HTTP_AUTHORIZATION=f"Bearer {wrong}").status_code == 403
    assert client.get("/api/public/open-data", HTTP_AUTHORIZATION=f"Bearer {right}").status_code == 200


def test_a_bad_token_is_still_401_on_public_data(client, db):
    assert client.get("/api/public/open-data", HTTP_AUTHORIZATION="Bearer vq_nope").status_code == 401
