"""The pilot's comparison of the two variants (sector qualification councils and centres for
independent assessment) on the evidence of one year's samples."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from assessment import agreement
from assessment.findings import rate
from assessment.models import (
    Affiliation,
    BodyKind,
    Mark,
    OutcomeSet,
    Participant,
    ParticipantStatus,
    ScaleKind,
    Session,
    SessionAssessor,
    SessionState,
)

DONE = (SessionState.FINISHED, SessionState.PUBLISHED)


@dataclass
class Variant:
    kind: str
    label: str
    sessions: int = 0
    sessions_done: int = 0
    invited: int = 0
    answered: int = 0  # agreed or declined
    assessed: int = 0  # took part
    assessors: int = 0  # assignments
    employer_assessors: int = 0
    kappa: agreement.Agreement | None = None
    icc: agreement.Agreement | None = None
    mean_days_to_result: Decimal | None = None

    @property
    def response_rate(self):
        return rate(self.answered, self.invited)

    @property
    def participation_rate(self):
        return rate(self.assessed, self.invited)

    @property
    def employer_share(self):
        return rate(self.employer_assessors, self.assessors)


def _pairs(sessions, scale_kind):
    """(first assessor's mark, second's) for each graduate, unit and component marked by two assessors:
    values for categorical scales, scores for numeric ones."""
    set_ids = [s.pk for s in OutcomeSet.objects.filter(sessions__in=sessions).distinct() if s.scale_kind == scale_kind]
    marks = (
        Mark.objects.filter(participant__session__in=sessions, assessor__isnull=False, unit__outcome_set__in=set_ids)
        .order_by("participant_id", "unit_id", "component", "assessor_id")
        .values_list("participant_id", "unit_id", "component", "value", "score")
    )
    grouped = {}
    for participant, unit, component, value, score in marks:
        grouped.setdefault((participant, unit, component), []).append(
            score if scale_kind == ScaleKind.NUMERIC else value
        )
    return [tuple(values[:2]) for values in grouped.values() if len(values) >= 2], set_ids


def _categories(set_ids):
    categories = []
    for outcome_set in OutcomeSet.objects.filter(pk__in=set_ids):
        for value in outcome_set.scale_values():
            if value not in categories:
                categories.append(value)
    return categories


def compare(year):
    """One Variant per kind of body for the samples of `year`."""
    variants = {kind: Variant(kind=kind, label=str(label)) for kind, label in BodyKind.choices}
    sessions = Session.objects.filter(sample__year=year)
    for row in (
        sessions.values("body__kind").annotate(n=Count("pk"), done=Count("pk", filter=Q(state__in=DONE))).order_by()
    ):
        variants[row["body__kind"]].sessions = row["n"]
        variants[row["body__kind"]].sessions_done = row["done"]
    participants = Participant.objects.filter(session__in=sessions, invited_at__isnull=False)
    for row in (
        participants.values("session__body__kind")
        .annotate(
            invited=Count("pk"),
            answered=Count("pk", filter=~Q(status=ParticipantStatus.INVITED)),
            assessed=Count("pk", filter=Q(status=ParticipantStatus.ACCEPTED, session__state__in=DONE)),
        )
        .order_by()
    ):
        variant = variants[row["session__body__kind"]]
        variant.invited, variant.answered, variant.assessed = row["invited"], row["answered"], row["assessed"]
    for row in (
        SessionAssessor.objects.filter(session__in=sessions)
        .values("session__body__kind")
        .annotate(n=Count("pk"), employers=Count("pk", filter=Q(assessor__affiliation=Affiliation.EMPLOYER)))
        .order_by()
    ):
        variants[row["session__body__kind"]].assessors = row["n"]
        variants[row["session__body__kind"]].employer_assessors = row["employers"]
    for kind, variant in variants.items():
        done = sessions.filter(body__kind=kind, state__in=DONE)
        pairs, set_ids = _pairs(done, ScaleKind.CATEGORICAL)
        variant.kappa = agreement.cohen_kappa(pairs, _categories(set_ids)) if pairs else None
        pairs, _ids = _pairs(done, ScaleKind.NUMERIC)
        variant.icc = agreement.icc(pairs) if pairs else None
        days = [(s.finished_at - s.sample.drawn_at).days for s in done.select_related("sample") if s.finished_at]
        if days:
            variant.mean_days_to_result = (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
    return list(variants.values())
