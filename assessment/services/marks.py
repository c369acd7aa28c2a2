"""Results: the assessors' independent marks, the agreed mark, finishing and publishing a session."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import (
    Component,
    Mark,
    ParticipantStatus,
    SessionState,
)
from assessment.services.common import MIN_ASSESSORS, Refused, require_agency, require_body, transition
from audit.services import record


# ------------------------------------------------------------------ marks
@transaction.atomic
def record_marks(actor, *, session, participant, marks, assessor=None):
    """Record a participant's results: {(unit, component): value}. With an assessor, that assessor's
    independent marks; without, the agreed marks, which need the independent marks of at least two
    assessors first. All or nothing."""
    require_body(actor, session.body)
    if session.state != SessionState.INVITED:
        raise Refused(_("Results are recorded after the invitations and before the session is finished."))
    if participant.session_id != session.pk or participant.status != ParticipantStatus.ACCEPTED:
        raise Refused(_("%(who)s has not agreed to take part.") % {"who": participant.pseudonym})
    outcome_set = session.outcome_set
    if assessor is not None:
        if not session.assignments.filter(assessor=assessor).exists():
            raise Refused(_("%(assessor)s is not assigned to this session.") % {"assessor": assessor})
        if not assessor.professions.filter(pk=outcome_set.profession_id).exists():
            raise Refused(
                _("%(assessor)s may not assess the profession %(profession)s.")
                % {"assessor": assessor, "profession": outcome_set.profession}
            )
    units = {u.pk: u for u in outcome_set.units.all()}
    existing = Mark.objects.filter(participant=participant, assessor=assessor)
    taken = set(existing.values_list("unit_id", "component"))
    independent = {}
    if assessor is None:
        for unit_id, component in Mark.objects.filter(participant=participant, assessor__isnull=False).values_list(
            "unit_id", "component"
        ):
            independent[(unit_id, component)] = independent.get((unit_id, component), 0) + 1
    allowed = set(outcome_set.scale_values())
    rows = []
    for (unit, component), value in marks.items():
        unit = units.get(getattr(unit, "pk", unit))
        if unit is None or component not in Component.values:
            raise Refused(_("A result refers to a unit that is not in this profession's outcomes."))
        label = f"{unit.code} ({Component(component).label})"
        value = str(value).strip()
        if value not in allowed:
            raise Refused(
                _("%(unit)s: %(value)s is not on the scale (%(allowed)s).")
                % {"unit": label, "value": value or "—", "allowed": ", ".join(allowed)}
            )
        if (unit.pk, component) in taken:
            if assessor is None:
                raise Refused(_("%(unit)s: the agreed result is already recorded.") % {"unit": label})
            raise Refused(
                _("%(unit)s: %(assessor)s has already marked %(who)s for this unit.")
                % {"unit": label, "assessor": assessor, "who": participant.pseudonym}
            )
        if assessor is None and independent.get((unit.pk, component), 0) < MIN_ASSESSORS:
            raise Refused(
                _("%(unit)s: the agreed result comes after the independent marks of %(n)s assessors.")
                % {"unit": label, "n": MIN_ASSESSORS}
            )
        rows.append(
            Mark(
                participant=participant,
                unit=unit,
                component=component,
                assessor=assessor,
                value=value,
                score=outcome_set.ordinal(value),
                passed=outcome_set.passes(value),
                recorded_by=actor,
            )
        )
    try:
        with transaction.atomic():
            Mark.objects.bulk_create(rows)
    except IntegrityError:
        # Another person recorded the same results at the same moment: the unique constraints held.
        raise Refused(_("These results were recorded meanwhile; reload the page.")) from None
    record(
        actor=actor,
        action="assessment_marks_recorded" if assessor else "assessment_agreed_marks_recorded",
        obj=participant,
        changes={"assessor": assessor.pk if assessor else None, "marks": len(rows)},
    )
    return rows


@transaction.atomic
def finish_session(actor, *, session):
    """Close the session once every participant who took part has an agreed result for every unit and component."""
    require_body(actor, session.body)
    accepted = session.participants.filter(status=ParticipantStatus.ACCEPTED)
    if not accepted.exists():
        raise Refused(_("Nobody took part: the session cannot be finished."))
    needed = session.outcome_set.units.count() * len(Component.values)
    agreed = Mark.objects.filter(participant__in=accepted, assessor__isnull=True).count()
    if agreed < needed * accepted.count():
        raise Refused(
            _("Some agreed results are missing: %(n)s of %(total)s recorded.")
            % {
                "n": agreed,
                "total": needed * accepted.count(),
            }
        )
    transition(
        actor,
        session,
        (SessionState.INVITED,),
        SessionState.FINISHED,
        "assessment_session_finished",
        finished_at=timezone.now(),
    )
    return session


@transaction.atomic
def publish_session(actor, *, session):
    """The agency releases a finished session's results to the centres whose graduates took part."""
    require_agency(actor)
    transition(
        actor,
        session,
        (SessionState.FINISHED,),
        SessionState.PUBLISHED,
        "assessment_session_published",
        published_at=timezone.now(),
    )
    return session
