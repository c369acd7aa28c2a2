"""Planning a session: the graduates, the assessors and their conflict-of-interest declarations, the
invitations and the graduates' answers."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.models import (
    Affiliation,
    ConflictDeclaration,
    Participant,
    ParticipantStatus,
    Session,
    SessionAssessor,
    SessionState,
)
from assessment.outcomes import current_set
from assessment.services.common import CONFLICT_YEARS, MIN_ASSESSORS, Refused, require_body, transition
from audit.services import record
from mailing.outbox import send_later
from surveys.models import Graduate


# ------------------------------------------------------------------ planning a session
@transaction.atomic
def plan_session(actor, *, body, sample, profession, held_on, place, centres=None):
    """A session for the sampled graduates of one profession (optionally of some centres only) not yet
    in another session."""
    require_body(actor, body)
    if not body.covers(profession):
        raise Refused(_("The body does not cover the profession %(profession)s.") % {"profession": profession})
    outcome_set = current_set(profession, sample.year)
    if outcome_set is None:
        raise Refused(_("The profession %(profession)s has no learning outcomes.") % {"profession": profession})
    members = sample.members.filter(profession=profession, participation__isnull=True)
    if centres is not None:
        members = members.filter(centre__in=centres)
    members = list(members)
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
    require_body(actor, session.body)
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
    require_body(actor, session.body)
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
        "url": base_url.rstrip("/") + reverse("assessment:invitation", args=[participant.token]),
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
    require_body(actor, session.body)
    assessors = [a.assessor for a in session.assignments.select_related("assessor")]
    if len(assessors) < MIN_ASSESSORS:
        raise Refused(_("A session needs at least %(n)s assessors.") % {"n": MIN_ASSESSORS})
    if not any(a.affiliation == Affiliation.EMPLOYER for a in assessors):
        raise Refused(_("At least one assessor must come from an employer."))
    now = timezone.now()
    transition(actor, session, (SessionState.PLANNED,), SessionState.INVITED, "assessment_session_invited")
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
        # After the commit, in batches through the job queue (mailing.outbox): the request does not wait for SMTP.
        transaction.on_commit(lambda: send_later(messages))
    return len(messages)


@transaction.atomic
def respond(participant, *, accept, consent=False):
    """The graduate's answer through the personal link: agree (with consent to the processing of the
    results) or decline. Either can be changed until the session is finished."""
    if participant.session.state not in (SessionState.PLANNED, SessionState.INVITED):
        raise Refused(_("The session is over; your answer can no longer be changed."))
    if not accept and participant.marks.exists():
        raise Refused(_("Your results are already recorded; please contact the assessment body."))
    if accept and not consent:
        raise Refused(_("To take part, please agree to the processing of your results."))
    status = ParticipantStatus.ACCEPTED if accept else ParticipantStatus.DECLINED
    before = participant.status
    participant.status, participant.answered_at = status, timezone.now()
    participant.save(update_fields=["status", "answered_at"])
    record(actor=None, action="assessment_invitation_answered", obj=participant, from_state=before, to_state=status)
    return participant
