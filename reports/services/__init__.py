"""Every change to a report goes through one function in this package: views, API and commands call these.

Each function checks the actor's rights (PermissionDenied), changes the data inside one
transaction and records an audit entry. Notifications are sent after commit, so a rolled
back change never sends mail. The modules, by the state change they hold: drafts (open a report,
save its draft, the three-way merge), files (save with evidence files, add or delete one),
submission (the declaration and submitting), review (approve, return, reopen, assign),
deadlines (opening a reporting year, its deadline, a centre's extension); common holds the
refusals, the permission checks and the row lock they share. Callers import from here.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from reports.checks import Gap, check_report, disagreements
from reports.merging import Conflict
from reports.services.common import (
    ZERO,
    ReportIncomplete,
    StaleReport,
    TransitionNotAllowed,
    can_edit,
    can_review,
    can_submit,
)
from reports.services.deadlines import grant_extension, open_reporting_year, revoke_extension, set_deadline
from reports.services.drafts import open_report, save_draft
from reports.services.files import SaveOutcome, add_evidence, delete_evidence, save_with_files
from reports.services.review import approve_report, assign_report, can_reopen, reopen_report, return_report
from reports.services.submission import declaration_text, submit_report

__all__ = [
    "ZERO",
    "Conflict",
    "Gap",
    "PermissionDenied",
    "ReportIncomplete",
    "SaveOutcome",
    "StaleReport",
    "TransitionNotAllowed",
    "ValidationError",
    "add_evidence",
    "approve_report",
    "assign_report",
    "can_edit",
    "can_reopen",
    "can_review",
    "can_submit",
    "check_report",
    "declaration_text",
    "delete_evidence",
    "disagreements",
    "grant_extension",
    "open_report",
    "open_reporting_year",
    "reopen_report",
    "return_report",
    "revoke_extension",
    "save_draft",
    "save_with_files",
    "set_deadline",
    "submit_report",
]
