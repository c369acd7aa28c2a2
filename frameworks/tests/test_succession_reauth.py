"""Loading a new framework version needs a recent password or code (accounts.reauth)."""

import pytest
from django.urls import reverse

from accounts.tests.reauth_helpers import assert_sent_to_reauth, make_stale
from frameworks.models import Framework
from frameworks.tests.test_succession import upload

URL = "/frameworks/succession/"


@pytest.fixture
def next_version(cpo_doc):
    cpo_doc.update(code="CPO-2027", first_year=2025, last_year=None)
    return cpo_doc


def test_a_stale_session_can_read_but_not_upload_nor_confirm(client_for, adam, next_version):
    client = client_for(adam)
    token = client.post(URL, {"framework": upload(next_version, "f.json")}).context["token"]
    make_stale(client)
    assert client.get(URL).status_code == 200
    assert_sent_to_reauth(client.post(URL, {"framework": upload(next_version, "f.json")}))
    assert_sent_to_reauth(client.post(URL, {"token": token}))
    assert not Framework.objects.filter(code="CPO-2027").exists()


def test_a_fresh_confirmation_loads_the_version(client_for, adam, next_version):
    from conftest import PASSWORD

    client = client_for(adam)
    make_stale(client)
    assert client.post(reverse("reauth"), {"secret": PASSWORD}).status_code == 302
    token = client.post(URL, {"framework": upload(next_version, "f.json")})
    assert client.post(URL, {"token": token.context["token"]}).status_code == 302
    assert Framework.objects.filter(code="CPO-2027").exists()
