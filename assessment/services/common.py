"""What every assessment service shares: the refusal, the permission checks, the guarded transition."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from assessment.models import Session
from audit.services import record
from centres.access import assessment_body_id, is_agency

MIN_ASSESSORS = 2
CONFLICT_YEARS = 3  # an assessor who worked for the centre within this many years may not assess its graduates


class Refused(Exception):
    """A change refused for a reason the person can act on; str() is the (translated) message."""


def require_agency(actor):
    if not is_agency(actor):
        raise PermissionDenied


def require_body(actor, body):
    """The body's own users act for it; the agency may act for any body (e.g. to correct an entry)."""
    if not (is_agency(actor) or assessment_body_id(actor) == body.pk):
        raise PermissionDenied


def transition(actor, session, allowed_from, to_state, action, **fields):
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
