import pytest
from django.urls import reverse

from .conftest import YEAR, make_campaign


@pytest.fixture
def campaign(eddie):
    return make_campaign(eddie)


def _centre_urls(campaign):
    return [
        reverse("surveys:campaign", args=[campaign.pk]),
        reverse("surveys:campaign_results", args=[campaign.pk]),
        reverse("surveys:centre_results", args=[campaign.centre_id, YEAR]),
    ]


def test_anonymous_is_sent_to_login(campaign, client):
    for url in [reverse("surveys:index"), *_centre_urls(campaign), reverse("surveys:national")]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_other_centre_gets_404(campaign, boris, client_for):
    client = client_for(boris)
    for url in _centre_urls(campaign):
        assert client.get(url).status_code == 404
    assert client.post(reverse("surveys:campaign_links", args=[campaign.pk]), {"count": 2}).status_code == 404


def test_own_centre_and_agency_see_the_campaign(campaign, vicky, erin, client_for):
    for user in (vicky, erin):
        client = client_for(user)
        for url in _centre_urls(campaign):
            assert client.get(url).status_code == 200, url


def test_viewer_cannot_create_or_invite(campaign, vicky, client_for):
    client = client_for(vicky)
    assert client.get(reverse("surveys:campaign_new")).status_code == 403
    assert client.post(reverse("surveys:campaign_links", args=[campaign.pk]), {"count": 2}).status_code == 403
    assert client.get(reverse("surveys:graduates")).status_code == 200


def test_national_view_is_for_the_agency(dora, erin, client_for):
    assert client_for(dora).get(reverse("surveys:national")).status_code == 403
    assert client_for(erin).get(reverse("surveys:national")).status_code == 200


def test_questionnaire_editing_is_for_the_agency_admin(erin, adam, client_for):
    assert client_for(erin).get(reverse("surveys:questionnaires")).status_code == 403
    assert client_for(adam).get(reverse("surveys:questionnaires")).status_code == 200


def test_index_lists_only_own_centre_campaigns(campaign, boris, eddie, client_for, django_assert_max_num_queries):
    for i in range(5):
        make_campaign(eddie, label=f"Кампания {i}")
    client = client_for(boris)
    assert campaign.label not in client.get(reverse("surveys:index")).content.decode()
    client = client_for(eddie)
    # The page, its count, and one GROUP BY each for the rows' invitations and responses.
    with django_assert_max_num_queries(9):
        page = client.get(reverse("surveys:index"))
    assert "Кампания 4" in page.content.decode()
