"""Every change to a control goes through one function in this package: views, commands and the demo call these.

Each function checks the actor's rights (PermissionDenied), checks that the control's state
allows the step (TransitionNotAllowed), validates the input (ValidationError, field by
field, nothing saved), changes the data inside one transaction and records an audit entry.
The modules follow the case: planning (plan from the ranking, the order), checklist (start the
inspection, the checklist and its gaps), findings, protocol (issue, delivery), objections (the
centre's objection, opening the remedy), remedy (the fulfilment report, marking recommendations),
outcome (close, escalate, cancel) and actions (which steps a user may take now); common holds the
permission checks and the guarded state move they share. Callers import from here.
"""

from control.services.actions import allowed_actions
from control.services.checklist import Conflict, StaleChecklist, checklist_gaps, save_checklist, start_inspection
from control.services.common import TransitionNotAllowed, is_agency, is_centre_editor, is_inspector
from control.services.findings import add_finding, delete_finding
from control.services.objections import open_remedy, submit_objection
from control.services.outcome import cancel_control, close_control, escalate_control
from control.services.planning import order_control, plan_controls
from control.services.protocol import issue_protocol, record_delivery
from control.services.remedy import mark_recommendation, submit_fulfilment

__all__ = [
    "Conflict",
    "StaleChecklist",
    "TransitionNotAllowed",
    "add_finding",
    "allowed_actions",
    "cancel_control",
    "checklist_gaps",
    "close_control",
    "delete_finding",
    "escalate_control",
    "is_agency",
    "is_centre_editor",
    "is_inspector",
    "issue_protocol",
    "mark_recommendation",
    "open_remedy",
    "order_control",
    "plan_controls",
    "record_delivery",
    "save_checklist",
    "start_inspection",
    "submit_fulfilment",
    "submit_objection",
]
