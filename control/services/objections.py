"""The objection window: the centre's objection to the protocol (once, within the window, with
files) and the inspectors opening the remedy period after it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from control import timers
from control.models import Objection, State
from control.services.common import (
    TransitionNotAllowed,
    _guard,
    _iso,
    _locked,
    _move,
    _require,
    _store_files,
    _sync,
    _text,
    is_centre_editor,
    is_inspector,
)


def submit_objection(control, *, actor, text, files=(), on=None):
    from control.files import validate_uploads
    from control.models import FilePurpose

    _require(is_centre_editor(actor, control))
    on = on or timers.today()
    text = _text(text)
    errors = {}
    if not text:
        errors["text"] = _("Write the objection.")
    file_errors = validate_uploads(files)
    if file_errors:
        errors["files"] = file_errors
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.OBJECTION_WINDOW)
        due = timers.objection_due(fresh.protocol_delivered_on)
        if on > due:
            raise ValidationError(
                {"text": _("The objection window ended on %(day)s.") % {"day": due.strftime("%d.%m.%Y")}}
            )
        if Objection.objects.filter(control=fresh).exists():
            raise ValidationError({"text": _("An objection to this protocol has already been submitted.")})
        if errors:
            raise ValidationError(errors)
        objection = Objection.objects.create(control=fresh, text=text, submitted_by=actor, submitted_at=timezone.now())
        _store_files(fresh, files, actor=actor, purpose=FilePurpose.OBJECTION)
        record(
            actor=actor,
            action="control_objection",
            obj=fresh,
            centre=fresh.centre,
            changes={"files": len(files), "on": _iso(on)},
        )
    return objection


def open_remedy(control, *, actor, on=None):
    """After the objection window (or once the objection is in), the centre remedies the findings."""
    _require(is_inspector(actor, control))
    on = on or timers.today()
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.OBJECTION_WINDOW)
        if not fresh.findings.exists():
            raise TransitionNotAllowed(_("There are no findings to remedy: close the control instead."))
        window_open = on <= timers.objection_due(fresh.protocol_delivered_on)
        if window_open and not Objection.objects.filter(control=fresh).exists():
            raise TransitionNotAllowed(_("The objection window is still open."))
        _move(fresh, State.REMEDY, actor=actor, action="remedy")
    _sync(control, fresh)
    return control
