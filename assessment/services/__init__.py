"""Every change to independent assessment happens in this package: permission check, one transaction,
the change, an audit entry. Refusals raise Refused with a message for the person; nothing is saved then.

A session moves planned → invited → finished → published; each step is one guarded transition
(common.transition). The modules: samples (the draw), sessions (planning, assessors, invitations),
marks (results, finishing, publishing), monitoring (employer competence surveys).
"""

from assessment.services.common import CONFLICT_YEARS, MIN_ASSESSORS, Refused
from assessment.services.marks import finish_session, publish_session, record_marks
from assessment.services.monitoring import open_competence_monitoring
from assessment.services.samples import draw_sample
from assessment.services.sessions import (
    assign_assessor,
    conflict_of,
    declare,
    invite,
    plan_session,
    respond,
    session_centres,
)

__all__ = [
    "CONFLICT_YEARS",
    "MIN_ASSESSORS",
    "Refused",
    "assign_assessor",
    "conflict_of",
    "declare",
    "draw_sample",
    "finish_session",
    "invite",
    "open_competence_monitoring",
    "plan_session",
    "publish_session",
    "record_marks",
    "respond",
    "session_centres",
]
