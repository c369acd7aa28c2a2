import io
import random

from django.core.management.base import OutputWrapper

from frameworks.derived import metric_for
from surveys import demo
from surveys.models import Campaign, CampaignMode, Response
from vetquality.management.commands.seed_demo import DemoContext


def test_demo_seed_gives_usable_and_too_small_results(centre_a, centre_b, centre_c):
    ctx = DemoContext(rng=random.Random(1), stdout=OutputWrapper(io.StringIO()), current_year=2025, years=(2023, 2024))
    ctx.data.update(demo_centres=[centre_a, centre_c], cpo_centres=[centre_a, centre_b])
    demo.seed(ctx)
    assert not Campaign.objects.filter(centre=centre_c).exists()  # a CIPO has no such criteria
    assert Response.objects.filter(campaign__centre=centre_a).count() >= 2 * (25 + 16 + 6)
    for rule in ("trainee_admin_satisfaction", "placement_rate_12m", "graduate_satisfaction"):
        metric = metric_for(rule, centre_a, 2024)
        assert metric is not None and metric.source == "surveys", rule
    assert metric_for("employer_satisfaction", centre_a, 2024) is None


def test_demo_centres_have_a_campaign_open_today_with_answers(centre_a, centre_b, today):
    ctx = DemoContext(rng=random.Random(1), stdout=OutputWrapper(io.StringIO()), current_year=2025, years=(2023, 2024))
    ctx.data.update(demo_centres=[centre_a], cpo_centres=[centre_a, centre_b])
    demo.seed(ctx)
    running = Campaign.objects.get(centre=centre_a, opens_on__lte=today, closes_on__gte=today)
    assert running.mode == CampaignMode.OPEN
    assert running.responses.count() == 12
    assert not Campaign.objects.filter(centre=centre_b, opens_on__lte=today, closes_on__gte=today).exists()
