import pytest
from django.core.exceptions import PermissionDenied

from assessment import services
from assessment.models import Sample, SampledGraduate
from assessment.tests.conftest import YEAR
from audit.models import AuditEntry


def test_the_draw_and_its_parameters_are_recorded(erin, cohort, centre_a, centre_b):
    sample = services.draw_sample(erin, year=YEAR, source="followup", size=10, min_per_centre=3, seed=7)
    assert sample.seed == 7 and sample.population == 13  # 15 registered, 2 without consent
    assert sample.parameters["excluded_without_consent"] == 2
    members = list(sample.members.all())
    assert len(members) == 10
    assert {m.centre_id for m in members} == {centre_a.pk, centre_b.pk}
    assert all(m.graduate.consent for m in members)
    assert AuditEntry.objects.filter(action="assessment_sample_drawn", object_id=str(sample.pk)).exists()


def test_a_stored_seed_repeats_the_draw(erin, cohort):
    first = services.draw_sample(erin, year=YEAR, source="followup", size=8, min_per_centre=3, seed=99)
    second = services.draw_sample(erin, year=YEAR, source="followup", size=8, min_per_centre=3, seed=first.seed)
    keys = lambda s: sorted(s.members.values_list("unit_key", flat=True))  # noqa: E731
    assert keys(first) == keys(second)


def test_from_the_activity_data_each_certified_graduate_is_a_unit(erin, cohort):
    sample = services.draw_sample(erin, year=YEAR, source="activity", size=20, min_per_centre=2, seed=1)
    assert sample.population == 23  # certified: 10 + 10 + 3
    assert not sample.members.filter(graduate__isnull=False).exists()


def test_a_sample_larger_than_the_population_is_refused_and_nothing_saved(erin, cohort):
    with pytest.raises(services.Refused) as caught:
        services.draw_sample(erin, year=YEAR, source="followup", size=14, min_per_centre=1, seed=1)
    assert "13" in str(caught.value) and "по-голяма" in str(caught.value)
    assert not Sample.objects.exists() and not SampledGraduate.objects.exists()


def test_only_the_agency_draws(dora, bella, cohort):
    for actor in (dora, bella):
        with pytest.raises(PermissionDenied):
            services.draw_sample(actor, year=YEAR, source="followup", size=5, min_per_centre=1, seed=1)
