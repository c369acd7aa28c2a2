"""Every change to independent assessment happens here: permission check, one transaction, the change,
an audit entry. Refusals raise Refused with a message for the person; nothing is saved then.

A session moves planned → invited → finished → published; each step is one guarded transition.
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment import population, sampling
from assessment.models import (
    Affiliation,
    Component,
    ConflictDeclaration,
    Mark,
    Participant,
    ParticipantStatus,
    Sample,
    SampledGraduate,
    Session,
    SessionAssessor,
    SessionState,
)
from assessment.outcomes import current_set
from audit.services import record
from centres.access import assessment_body_id, is_agency
from surveys.models import Graduate

MIN_ASSESSORS = 2
CONFLICT_YEARS = 3  # an assessor who worked for the centre within this many years may not assess its graduates


class Refused(Exception):
    """A change refused for a reason the person can act on; str() is the (translated) message."""


def _require_agency(actor):
    if not is_agency(actor):
        raise PermissionDenied


def _require_body(actor, body):
    """The body's own users act for it; the agency may act for any body (e.g. to correct an entry)."""
    if not (is_agency(actor) or assessment_body_id(actor) == body.pk):
        raise PermissionDenied


def _transition(actor, session, allowed_from, to_state, action, **fields):
    """Move a session from one of `allowed_from` to `to_state` with a conditional update and an audit entry."""
    before = session.state
    if before not in allowed_from:
        raise Refused(
            _("The session is %(state)s: this step is not possible now.") % {"state": session.get_state_display()}
        )
    updated = Session.objects.filter(pk=session.pk, state=before).update(state=to_state, **fields)
    if not updated:
        raise Refused(_("The session was changed meanwhile; reload the page."))
    session.state = to_state
    for name, value in fields.items():
        setattr(session, name, value)
    record(actor=actor, action=action, obj=session, from_state=before, to_state=to_state)


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
    _require_agency(actor)
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


# ------------------------------------------------------------------ planning a session
@transaction.atomic
def plan_session(actor, *, body, sample, profession, held_on, place):
    """A session for the sampled graduates of one profession not yet in another session."""
    _require_body(actor, body)
    if not body.covers(profession):
        raise Refused(_("The body does not cover the profession %(profession)s.") % {"profession": profession})
    outcome_set = current_set(profession, sample.year)
    if outcome_set is None:
        raise Refused(_("The profession %(profession)s has no learning outcomes.") % {"profession": profession})
    members = list(sample.members.filter(profession=profession, participation__isnull=True))
    if not members:
        raise Refused(_("No graduate of this profession in the sample is left to assess."))
    session = Session.objects.create(
        body=body, sample=sample, outcome_set=outcome_set, held_on=held_on, place=place.strip()
    )
    Participant.objects.bulk_create(Participant(session=session, member=m) for m in members)
    record(
        actor=actor,
        action="assessment_session_planned",
        obj=session,
        to_state=session.state,
        changes={"profession": profession.code, "held_on": held_on.isoformat(), "participants": len(members)},
    )
    return session


def session_centres(session):
    from centres.models import Centre

    return Centre.objects.filter(pk__in=session.participants.values("member__centre_id")).order_by("name")


@transaction.atomic
def declare(
    actor, *, session, assessor, centre, worked_for_centre_until=None, other_interest=False, note="", today=None
):
    """Store an assessor's declaration about one centre of the session (kept even when it shows a conflict)."""
    _require_body(actor, session.body)
    if assessor.body_id != session.body_id:
        raise PermissionDenied
    today = today or timezone.localdate()
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        assessor=assessor,
        session=session,
        centre=centre,
        defaults={
            "declared_on": today,
            "worked_for_centre_until": worked_for_centre_until,
            "other_interest": other_interest,
            "note": note.strip(),
        },
    )
    record(
        actor=actor,
        action="assessment_conflict_declared",
        obj=declaration,
        centre=centre,
        changes={
            "assessor": assessor.pk,
            "worked_for_centre_until": worked_for_centre_until.isoformat() if worked_for_centre_until else None,
            "other_interest": other_interest,
        },
    )
    return declaration


def conflict_of(declaration, held_on):
    """Why a declaration bars the assessor from the session (a message), or None."""
    if declaration.other_interest:
        return _("%(assessor)s declared a conflict of interest with %(centre)s.") % {
            "assessor": declaration.assessor,
            "centre": declaration.centre.name,
        }
    until = declaration.worked_for_centre_until
    if until is not None and until > held_on - relativedelta(years=CONFLICT_YEARS):
        return _("%(assessor)s worked for %(centre)s in the last %(years)s years and cannot assess its graduates.") % {
            "assessor": declaration.assessor,
            "centre": declaration.centre.name,
            "years": CONFLICT_YEARS,
        }
    return None


@transaction.atomic
def assign_assessor(actor, *, session, assessor):
    """Assign an assessor of the body who may assess the profession and declared no conflict with any
    centre whose graduates are in the session."""
    _require_body(actor, session.body)
    if session.state != SessionState.PLANNED:
        raise Refused(_("Assessors can only be assigned while the session is planned."))
    if assessor.body_id != session.body_id or not assessor.active:
        raise Refused(_("%(assessor)s is not an active assessor of this body.") % {"assessor": assessor})
    if not assessor.professions.filter(pk=session.outcome_set.profession_id).exists():
        raise Refused(
            _("%(assessor)s may not assess the profession %(profession)s.")
            % {"assessor": assessor, "profession": session.profession}
        )
    if session.assignments.filter(assessor=assessor).exists():
        raise Refused(_("%(assessor)s is already assigned to this session.") % {"assessor": assessor})
    declarations = {d.centre_id: d for d in session.declarations.filter(assessor=assessor).select_related("centre")}
    for centre in session_centres(session):
        declaration = declarations.get(centre.pk)
        if declaration is None:
            raise Refused(
                _("%(assessor)s has not declared about a conflict of interest with %(centre)s.")
                % {"assessor": assessor, "centre": centre.name}
            )
        problem = conflict_of(declaration, session.held_on)
        if problem:
            raise Refused(problem)
    assignment = SessionAssessor.objects.create(session=session, assessor=assessor)
    record(actor=actor, action="assessment_assessor_assigned", obj=session, changes={"assessor": assessor.pk})
    return assignment


# ------------------------------------------------------------------ inviting the graduates
def _invitation(participant, base_url):
    session = participant.session
    context = {
        "session": session,
        "profession": session.profession,
        "url": base_url.rstrip("/") + reverse("assessment_public:invitation", args=[participant.token]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("assessment/email_subject.txt", context).strip()
        body = render_to_string("assessment/email_body.txt", context)
    return subject, body


@transaction.atomic
def invite(actor, *, session, base_url=None):
    """Check the panel (at least two assessors, one from an employer) and e-mail each graduate a personal
    link; graduates without an e-mail (drawn from the activity data) get their link through the centre.
    Returns how many e-mails were sent."""
    _require_body(actor, session.body)
    assessors = [a.assessor for a in session.assignments.select_related("assessor")]
    if len(assessors) < MIN_ASSESSORS:
        raise Refused(_("A session needs at least %(n)s assessors.") % {"n": MIN_ASSESSORS})
    if not any(a.affiliation == Affiliation.EMPLOYER for a in assessors):
        raise Refused(_("At least one assessor must come from an employer."))
    now = timezone.now()
    _transition(actor, session, (SessionState.PLANNED,), SessionState.INVITED, "assessment_session_invited")
    base_url = base_url or settings.SITE_URL
    participants = list(session.participants.select_related("member__graduate", "session__outcome_set__profession"))
    emails = Graduate.objects.filter(pk__in=[p.member.graduate_id for p in participants if p.member.graduate_id])
    address = dict(emails.values_list("pk", "email"))
    messages = []
    for participant in participants:
        to = address.get(participant.member.graduate_id)
        if to:
            subject, body = _invitation(participant, base_url)
            messages.append(EmailMessage(subject, body, to=[to]))
    Participant.objects.filter(session=session).update(invited_at=now)
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages))
    return len(messages)


@transaction.atomic
def respond(participant, *, accept, consent=False):
    """The graduate's answer through the personal link: agree (with consent to the processing of the
    results) or decline. Either can be changed until the session is finished."""
    if participant.session.state not in (SessionState.PLANNED, SessionState.INVITED):
        raise Refused(_("The session is over; your answer can no longer be changed."))
    if accept and not consent:
        raise Refused(_("To take part, please agree to the processing of your results."))
    status = ParticipantStatus.ACCEPTED if accept else ParticipantStatus.DECLINED
    before = participant.status
    participant.status, participant.answered_at = status, timezone.now()
    participant.save(update_fields=["status", "answered_at"])
    record(actor=None, action="assessment_invitation_answered", obj=participant, from_state=before, to_state=status)
    return participant


# ------------------------------------------------------------------ marks
@transaction.atomic
def record_marks(actor, *, session, participant, marks, assessor=None):
    """Record a participant's results: {(unit, component): value}. With an assessor, that assessor's
    independent marks; without, the agreed marks, which need the independent marks of at least two
    assessors first. All or nothing."""
    _require_body(actor, session.body)
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
                passed=outcome_set.passes(value),
                recorded_by=actor,
            )
        )
    Mark.objects.bulk_create(rows)
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
    _require_body(actor, session.body)
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
    _transition(
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
    _require_agency(actor)
    _transition(
        actor,
        session,
        (SessionState.FINISHED,),
        SessionState.PUBLISHED,
        "assessment_session_published",
        published_at=timezone.now(),
    )
    return session
