import io
import random

from django.core.management.base import OutputWrapper

from assessment import demo, report
from assessment.models import AssessmentBody, Assessor, BodyKind, Mark, Sample, Session, SessionState
from conftest import make_centre
from surveys.models import Response
from vetquality.management.commands.seed_demo import DemoContext


def test_demo_has_both_variants_finished_sessions_and_employer_ratings(erin, centre_a, centre_b):
    others = [make_centre(f"20081210{i}", f"ЦПО „Демо {i}“", region="Бургас") for i in range(8)]
    ctx = DemoContext(rng=random.Random(3), stdout=OutputWrapper(io.StringIO()), current_year=2025, years=(2023, 2024))
    ctx.data.update(demo_centres=[centre_a, centre_b], cpo_centres=[centre_a, centre_b, *others])
    demo.seed(ctx)
    assert set(AssessmentBody.objects.values_list("kind", flat=True)) == set(BodyKind.values)
    assert Assessor.objects.count() >= 6
    sample = Sample.objects.get()
    assert sample.year == 2024 and sample.members.count() > 20
    states = list(Session.objects.values_list("body__kind", "state"))
    assert {kind for kind, _ in states} == set(BodyKind.values)
    assert all(state in (SessionState.FINISHED, SessionState.PUBLISHED) for _, state in states)
    assert Mark.objects.filter(assessor__isnull=True).exists() and Mark.objects.filter(assessor__isnull=False).exists()
    assert Response.objects.filter(campaign__version__questionnaire__code__startswith="competences").exists()
    year = report.build(2024)
    assert year.centre_rows and any(r.gap is not None for r in year.centre_rows)
    assert any(r.enough for r in year.ratings)
    assert all(v.sessions_done for v in year.variants)
