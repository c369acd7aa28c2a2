"""The national results from kept per-campaign tallies equal those counted from every answer, and a
new answer is counted at once (a tally is never served stale)."""

import random

from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from centres.regions import Region
from conftest import make_centre, make_user
from surveys import results, services, tallies
from surveys.models import Answer, Campaign, CampaignMode, Channel, Invitation, Response
from surveys.thresholds import Sufficiency, percent

from .conftest import YEAR, answer, make_campaign


def reference(campaigns):
    """The national page's figures as they were computed before: straight from every answer."""
    region = "campaign__centre__region"
    responses = {
        r[region]: r
        for r in Response.objects.filter(campaign__in=campaigns)
        .values(region)
        .annotate(
            n=Count("id"),
            personal=Count("id", filter=Q(channel=Channel.PERSONAL)),
            centres=Count("campaign__centre", distinct=True),
        )
    }
    invited = dict(
        Invitation.objects.filter(campaign__in=campaigns).values_list(region).annotate(n=Count("id")).order_by()
    )
    likert = {
        r["response__campaign__centre__region"]: r
        for r in Answer.objects.filter(response__campaign__in=campaigns, number__isnull=False)
        .values("response__campaign__centre__region")
        .annotate(total=Count("id"), satisfied=Count("id", filter=Q(number__gte=results.SATISFIED_FROM)))
    }
    rows = []
    for value, label in Region.choices:
        r = responses.get(value)
        if not r:
            continue
        enough = Sufficiency(answers=r["n"], invited=invited.get(value, 0), personal_answers=r["personal"])
        counts = likert.get(value, {"total": 0, "satisfied": 0})
        rows.append(
            {
                "label": label,
                "responses": r["n"],
                "centres": r["centres"],
                "sufficiency": enough,
                "index": percent(counts["satisfied"], counts["total"]) if enough.enough else None,
            }
        )
    return rows, results.sufficiency(campaigns), results.distribution(campaigns)


def fill(eddie, boris, rng):
    varna = make_user("vera", "editor", make_centre("200812077", "ЦПО „Делта“", region="Варна"))
    for actor in (eddie, boris, varna):
        for mode in (CampaignMode.OPEN, CampaignMode.PERSONAL):
            campaign = make_campaign(actor, code="graduate", mode=mode, label=f"{actor} {mode}")
            if mode == CampaignMode.PERSONAL:
                services.add_invitations(actor, campaign, [f"p{n}@example.bg" for n in range(rng.randint(3, 30))])
            for _ in range(rng.randint(0, 14)):
                answer(
                    campaign,
                    {
                        "employment": rng.choice(["occupation", "other_job", "learning", "unemployed"]),
                        "relevance": rng.randint(1, 5),
                        "satisfaction": rng.randint(1, 5),
                        "job_search": rng.sample(["centre", "ads", "contacts", "other"], rng.randint(0, 3)),
                        "comment": rng.choice(["", "Благодаря", "Повече практика"]),
                    },
                )


def campaigns():
    return Campaign.objects.filter(version__questionnaire__code="graduate", year=YEAR)


def test_tallies_give_the_figures_counted_from_every_answer(eddie, boris):
    rng = random.Random(11)
    fill(eddie, boris, rng)
    assert Response.objects.count() > 10
    assert tallies.national(campaigns()) == reference(campaigns())
    assert tallies.national(campaigns()) == reference(campaigns()), "from kept tallies too"


def test_a_new_answer_is_counted_at_once_and_only_its_campaign_is_counted_again(eddie, boris):
    fill(eddie, boris, random.Random(5))
    tallies.national(campaigns())
    campaign = campaigns().filter(centre=eddie.centre).first()
    answer(campaign, {"employment": "other", "relevance": 5, "satisfaction": 5})
    with CaptureQueriesContext(connection) as captured:
        ours = tallies.national(campaigns())
    assert ours == reference(campaigns())
    counting = [q["sql"] for q in captured if "surveys_answer" in q["sql"]]
    assert counting and all(f"IN ({campaign.pk})" in sql.replace("%s", str(campaign.pk)) for sql in counting)
