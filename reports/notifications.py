"""E-mails about a report's workflow, sent after the change is committed (see reports.services).

Recipients are the centre's public address and its directors and editors: the people
who can act on the report. Mail is rendered in Bulgarian whatever the request language,
because it is read later, outside the session that caused it. Messages go out through the job
queue (mailing.outbox), except the daily reminders, which the cron command sends itself.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role
from reports.deadlines import SOFIA

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "bg"


def recipients_for(centre):
    """The centre's address and its active directors' and editors' addresses, without duplicates."""
    addresses = [centre.email] if centre.email else []
    addresses += (
        centre.users.filter(is_active=True, role__in=[Role.DIRECTOR, Role.EDITOR])
        .exclude(email="")
        .order_by("role", "username")
        .values_list("email", flat=True)
    )
    seen = set()
    return [a for a in addresses if not (a.lower() in seen or seen.add(a.lower()))]


def report_url(report):
    return settings.SITE_URL + reverse("reports:form", args=[report.pk])


def message(template, context, to):
    """Render reports/emails/<template>_subject.txt and _body.txt in Bulgarian as one message (None: nobody to tell)."""
    if not to:
        logger.warning("No recipients for %s e-mail", template)
        return None
    with translation.override(MAIL_LANGUAGE):
        subject = " ".join(render_to_string(f"reports/emails/{template}_subject.txt", context).split())
        body = render_to_string(f"reports/emails/{template}_body.txt", context)
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def send(template, context, to):
    """Render one message and queue it (mailing.outbox): the request that caused it does not wait for SMTP."""
    from mailing.outbox import send_later

    mail = message(template, context, to)
    return send_later([mail]) if mail else 0


def on_submitted(submission):
    report = submission.report
    context = {
        "report": report,
        "centre": report.centre,
        "submission": submission,
        "submitted_at": timezone.localtime(submission.submitted_at, SOFIA),
        "url": report_url(report),
    }
    return send("submitted", context, recipients_for(report.centre))


def on_returned(report):
    notes = []
    if report.last_submission_id:
        notes = list(
            report.review_notes.filter(submission_id=report.last_submission_id)
            .select_related("criterion")
            .order_by("criterion__order", "created_at")
        )
    context = {
        "report": report,
        "centre": report.centre,
        "comment": report.return_comment,
        "general_notes": [n for n in notes if n.criterion_id is None],
        "criterion_notes": [n for n in notes if n.criterion_id is not None],
        "url": report_url(report),
    }
    return send("returned", context, recipients_for(report.centre))


def on_approved(report):
    context = {"report": report, "centre": report.centre, "comment": report.approval_comment, "url": report_url(report)}
    return send("approved", context, recipients_for(report.centre))
