"""Drawing and recording a sample of graduates (the pure draw is in assessment.sampling)."""

from django.db import transaction
from django.utils.translation import gettext as _

from assessment import population, sampling
from assessment.models import Sample, SampledGraduate
from assessment.services.common import Refused, require_agency
from audit.services import record

# ------------------------------------------------------------------ sampling
SAMPLE_MESSAGES = {
    "empty_sample": lambda p: _("The sample must have at least one graduate."),
    "larger_than_population": lambda p: (
        _("A sample of %(size)s is larger than the population: only %(population)s graduates can be drawn.") % p
    ),
    "minimum_exceeds_size": lambda p: (
        _("The minimum per centre needs %(needed)s graduates, more than the sample size %(size)s.") % p
    ),
}


@transaction.atomic
def draw_sample(actor, *, year, source, size, min_per_centre, professions=None, seed=None):
    """Draw and record a sample of graduates who completed their training in `year`."""
    require_agency(actor)
    seed = seed if seed is not None else sampling.new_seed()
    profession_ids = sorted(population.assessable_professions(professions))
    units = population.units_for(source, year, profession_ids)
    try:
        drawn = sampling.draw(units, size=size, min_per_centre=min_per_centre, seed=seed)
    except sampling.SampleError as exc:
        raise Refused(SAMPLE_MESSAGES[exc.code](exc.params)) from None
    sample = Sample.objects.create(
        year=year,
        source=source,
        seed=seed,
        size=size,
        min_per_centre=min_per_centre,
        population=drawn.population,
        drawn_by=actor,
        parameters={
            "professions": profession_ids,
            "excluded_without_consent": drawn.excluded_without_consent,
            "strata": [[c, p, n, of] for (c, p), (n, of) in drawn.allocation.items()],
        },
    )
    SampledGraduate.objects.bulk_create(
        SampledGraduate(
            sample=sample,
            centre_id=unit.centre,
            profession_id=unit.profession,
            graduate_id=int(unit.key[2:]) if unit.key.startswith("g:") else None,
            course_id=int(unit.key.split(":")[1]) if unit.key.startswith("c:") else None,
            unit_key=unit.key,
            pseudonym=_unique_pseudonym(),
        )
        for unit in drawn.chosen
    )
    record(
        actor=actor,
        action="assessment_sample_drawn",
        obj=sample,
        changes={"year": year, "source": source, "size": size, "min_per_centre": min_per_centre, "seed": seed},
    )
    return sample


def _unique_pseudonym():
    from assessment.models import new_pseudonym

    while True:
        value = new_pseudonym()
        if not SampledGraduate.objects.filter(pseudonym=value).exists():
            return value
