"""Every address typed is added or refused by name: "Добавени покани: 2" after 3 entries is gone."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import Invitation
from surveys.tests.conftest import make_campaign


def post(client, campaign, follow=False, **data):
    return client.post(reverse("surveys:campaign_invite", args=[campaign.pk]), data, follow=follow)


def test_an_entry_without_at_sign_is_refused_by_name(eddie, client_for):
    campaign = make_campaign(eddie, mode="personal")
    response = post(client_for(eddie), campaign, emails="a@example.bg\nb@example.bg\nivan.petrov")
    assert response.status_code == 400
    html = response.content.decode()
    assert "ivan.petrov" in html and "Отказани (1)" in html
    assert Invitation.objects.count() == 0


def test_every_refused_entry_is_listed(eddie, client_for):
    campaign = make_campaign(eddie, mode="personal")
    response = post(client_for(eddie), campaign, emails="x@, y, z@example.bg, w@@example.bg")
    html = response.content.decode()
    assert response.status_code == 400
    for refused in ("x@", "y", "w@@example.bg"):
        assert refused in html
    assert "Отказани (3)" in html


def test_repeated_and_already_invited_addresses_are_reported(eddie, client_for):
    campaign = make_campaign(eddie, mode="personal")
    client = client_for(eddie)
    post(client, campaign, emails="a@example.bg")
    response = post(client, campaign, emails="a@example.bg, b@example.bg, B@example.bg", follow=True)
    html = response.content.decode()
    assert Invitation.objects.count() == 2
    assert "2 адреса не бяха добавени отново" in html


def test_a_file_line_without_an_address_is_refused_but_names_and_a_header_are_not(eddie, client_for):
    campaign = make_campaign(eddie, mode="personal")
    upload = SimpleUploadedFile(
        "a.csv", "Име;Поща\nИван Петров;ivan@example.bg\nМария Петрова\n".encode(), content_type="text/csv"
    )
    response = post(client_for(eddie), campaign, file=upload)
    assert response.status_code == 400
    assert "Мария Петрова" in response.content.decode()
    assert Invitation.objects.count() == 0
