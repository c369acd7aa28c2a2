"""What every control service shares: the refusal, who may do what, and the guarded state move.

TransitionNotAllowed; the permission checks (is_agency, is_inspector, is_centre_editor) and
_require; _locked (the control's row lock), _guard (the state allows the step), _move (change
state and audit it), _sync; and the small input helpers _text, _iso and _store_files. The other
modules of the package import from here, never from the package itself, so there is no import cycle.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from audit.services import record
from control.models import Control, State


class TransitionNotAllowed(PermissionDenied):
    """The control's state does not allow this step. Answers 403."""


# ---------------------------------------------------------------- who may do what
def is_agency(user):
    return bool(user and user.is_authenticated and user.is_agency)


def is_inspector(user, control):
    """One of the control's inspectors, or an agency admin (who may stand in)."""
    if not is_agency(user):
        return False
    return user.is_agency_admin or control.inspectors.filter(pk=user.pk).exists()


def is_centre_editor(user, control):
    return bool(
        user
        and user.is_authenticated
        and user.can_edit_reports
        and user.centre_id == control.centre_id
        and control.state not in (State.PLANNED, State.CANCELLED)
    )


def _require(condition):
    if not condition:
        raise PermissionDenied


def _locked(control):
    return Control.objects.select_for_update(of=("self",)).select_related("centre", "checklist").get(pk=control.pk)


def _sync(control, fresh):
    for field in Control._meta.concrete_fields:
        setattr(control, field.attname, getattr(fresh, field.attname))


def _guard(fresh, *states):
    if fresh.state not in states:
        raise TransitionNotAllowed(
            _("This step is not possible while the control is “%(state)s”.") % {"state": fresh.get_state_display()}
        )


def _move(fresh, to_state, *, actor, action, changes=None, message="", fields=()):
    from_state = fresh.state
    fresh.state = to_state
    fresh.save(update_fields=["state", "updated_at", *fields])
    record(
        actor=actor,
        action=f"control_{action}",
        obj=fresh,
        centre=fresh.centre,
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
        message=message,
    )


def _iso(day):
    return day.isoformat() if day else ""


def _text(value):
    return (value or "").replace("\r\n", "\n").strip()


def _store_files(fresh, uploads, *, actor, purpose, finding=None):
    from control.files import store

    for uploaded in uploads:
        store(fresh, uploaded, actor=actor, purpose=purpose, finding=finding)
