"""The survey list pages ask the database the same number of questions however many campaigns,
invitations and responses there are, and the campaign list's counts are those of its own rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Campaign, Graduate, Invitation, Questionnaire, Response

from .conftest import YEAR


def grow(centre, campaigns, invitations, responses):
    """Add campaigns to `centre`, each with the given numbers of invitations and responses (bulk)."""
    version = Questionnaire.objects.get(code="trainee").current_version()
    made = Campaign.objects.bulk_create(
        Campaign(
            centre=centre,
            version=version,
            label=f"Кампания {n}",
            year=YEAR,
            opens_on=dt.date(YEAR, 3, 1),
            closes_on=dt.date(YEAR, 3, 31),
            mode="personal",
            open_token=f"t-{centre.pk}-{Campaign.objects.count()}-{n}",
        )
        for n in range(campaigns)
    )
    made = list(Campaign.objects.filter(centre=centre).order_by("-id")[:campaigns])
    Invitation.objects.bulk_create(
        Invitation(campaign=c, email=f"p{c.pk}-{n}@example.bg", token=f"i-{c.pk}-{n}")
        for c in made
        for n in range(invitations)
    )
    Response.objects.bulk_create(Response(campaign=c, channel="personal") for c in made for _ in range(responses))
    Graduate.objects.bulk_create(
        Graduate(centre=centre, email=f"g{c.pk}@example.bg", completed_on=dt.date(YEAR, 6, 30), consent=True)
        for c in made
    )
    return made


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


PAGES = [
    ("erin", reverse("surveys:index")),
    ("erin", reverse("surveys:index") + f"?year={YEAR}"),
    ("erin", reverse("surveys:index") + "?page=2"),
    ("eddie", reverse("surveys:index")),
    ("eddie", reverse("surveys:graduates")),
    ("adam", reverse("surveys:questionnaires")),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_list_pages_ask_a_constant_number_of_queries(who, url, request, client_for, centre_a, centre_b, eddie):
    client = client_for(request.getfixturevalue(who))
    grow(centre_a, campaigns=35, invitations=2, responses=3)
    small = queries(client, url)
    grow(centre_a, campaigns=70, invitations=6, responses=9)
    grow(centre_b, campaigns=40, invitations=5, responses=4)
    assert queries(client, url) == small


def test_campaign_list_counts_each_rows_own_invitations_and_responses(client_for, erin, centre_a):
    lots, few = grow(centre_a, campaigns=1, invitations=7, responses=4)[0], None
    few = grow(centre_a, campaigns=1, invitations=2, responses=0)[0]
    page = client_for(erin).get(reverse("surveys:index")).context["page"]
    counts = {c.pk: (c.n_invited, c.n_responses) for c in page}
    assert counts[lots.pk] == (7, 4)
    assert counts[few.pk] == (2, 0)


def test_campaign_list_never_joins_responses_to_invitations(client_for, erin, centre_a):
    # Joining both to the campaigns multiplies their rows (join fan-out): responses × invitations.
    grow(centre_a, campaigns=3, invitations=2, responses=2)
    with CaptureQueriesContext(connection) as captured:
        assert client_for(erin).get(reverse("surveys:index")).status_code == 200
    fanned = [q["sql"] for q in captured if "surveys_response" in q["sql"] and "surveys_invitation" in q["sql"]]
    assert fanned == []
