import io
import random

from centres.models import Centre
from vetquality.management.commands.seed_demo import DemoContext


def test_same_seed_gives_the_same_centres(db):
    from centres import demo

    names = []
    for _ in range(2):
        ctx = DemoContext(rng=random.Random(11), stdout=io.StringIO())
        ctx.progress = lambda *a: None
        demo.seed(ctx)
        names.append(list(Centre.objects.order_by("licence_number").values_list("licence_number", "name", "region")))
        Centre.objects.all().delete()
    assert names[0] == names[1]
