"""The populations a sample is drawn from: graduates registered for follow-up, or the certified
graduates of the courses in the activity information. Both give sampling.Units."""

from activity.models import Course
from assessment.models import OutcomeSet, SampleSource
from assessment.sampling import Unit
from centres.models import CentreKind
from surveys.models import Graduate


def assessable_professions(professions=None):
    """Professions that have learning outcomes (only they can be assessed), optionally narrowed."""
    ids = set(OutcomeSet.objects.values_list("profession_id", flat=True))
    if professions:
        ids &= {p.pk if hasattr(p, "pk") else int(p) for p in professions}
    return ids


def followup_units(year, profession_ids):
    """Each graduate of a CPO course who completed in `year`; their own consent decides whether they may be drawn."""
    rows = Graduate.objects.filter(
        completed_on__year=year, course__profession_id__in=profession_ids, centre__kind=CentreKind.CPO
    ).values_list("pk", "centre_id", "course__profession_id", "consent")
    return [
        Unit(key=f"g:{pk}", centre=centre, profession=profession, consent=consent)
        for pk, centre, profession, consent in rows
    ]


def activity_units(year, profession_ids):
    """Each certified graduate of a course that ended in `year` is one unit; consent is asked on invitation."""
    rows = Course.objects.filter(end_date__year=year, profession_id__in=profession_ids, certified__gt=0).values_list(
        "pk", "activity__centre_id", "profession_id", "certified"
    )
    return [
        Unit(key=f"c:{pk}:{n}", centre=centre, profession=profession, consent=None)
        for pk, centre, profession, certified in rows
        for n in range(1, certified + 1)
    ]


def units_for(source, year, profession_ids):
    if source == SampleSource.FOLLOWUP:
        return followup_units(year, profession_ids)
    return activity_units(year, profession_ids)
