"""Which steps a user may take on a control now: the case page shows a button for each and
for nothing else.
"""

from control import timers
from control.models import OPEN_STATES, FulfilmentReport, Objection, State
from control.services.common import is_agency, is_centre_editor, is_inspector


def allowed_actions(control, user, on=None):
    """The steps this user may take now: the case page shows a button for each and for nothing else."""
    on = on or timers.today()
    actions = []
    state = control.state
    agency = is_agency(user)
    inspector = agency and is_inspector(user, control)
    has_findings = control.findings.exists() if state in (State.OBJECTION_WINDOW, State.REMEDY) else False
    has_objection = Objection.objects.filter(control=control).exists() if state == State.OBJECTION_WINDOW else False
    window_open = (
        state == State.OBJECTION_WINDOW
        and control.protocol_delivered_on
        and on <= timers.objection_due(control.protocol_delivered_on)
    )
    if agency and state == State.PLANNED:
        actions.append("order")
    if inspector and state == State.ORDERED:
        actions.append("start")
    if inspector and state == State.INSPECTING:
        actions += ["checklist", "protocol"]
    if agency and state == State.PROTOCOL_ISSUED:
        actions.append("deliver")
    if inspector and state == State.OBJECTION_WINDOW:
        if has_findings and (not window_open or has_objection):
            actions.append("remedy")
        if not has_findings and (not window_open or has_objection):
            actions.append("close")
        if has_findings and control.findings.filter(klass="substantial").exists():
            actions.append("escalate")
    if inspector and state == State.REMEDY:
        findings = list(control.findings.all())
        actions.append("mark")
        if findings and all(f.fulfilled is True for f in findings):
            actions.append("close")
        if findings and all(f.fulfilled is not None for f in findings) and any(f.fulfilled is False for f in findings):
            actions.append("escalate")
    if agency and state in OPEN_STATES:
        actions.append("cancel")
    if is_centre_editor(user, control):
        if window_open and not has_objection:
            actions.append("object")
        if (
            state == State.REMEDY
            and on <= control.remedy_deadline
            and not FulfilmentReport.objects.filter(control=control).exists()
        ):
            actions.append("fulfil")
    return actions
