"""E-mails about a control, sent after the change is committed.

Rendered in Bulgarian: they are read later, outside the session that caused them. They go out
through the job queue (mailing.outbox), except the daily reminders, sent by their cron command.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reports.notifications import recipients_for

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "bg"


def control_url(control):
    return settings.SITE_URL + reverse("control:case", args=[control.pk])


def inspector_addresses(control):
    return [u.email for u in control.inspectors.filter(is_active=True).exclude(email="").order_by("username")]


def message(template, context, to):
    if not to:
        logger.warning("No recipients for control %s e-mail", template)
        return None
    with translation.override(MAIL_LANGUAGE):
        subject = " ".join(render_to_string(f"control/emails/{template}_subject.txt", context).split())
        body = render_to_string(f"control/emails/{template}_body.txt", context)
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def send(template, context, to):
    """Queue the message (mailing.outbox): the inspector's request does not wait for SMTP."""
    from mailing.outbox import send_later

    mail = message(template, context, to)
    return send_later([mail]) if mail else 0


def on_ordered(control):
    context = {"control": control, "centre": control.centre, "url": control_url(control)}
    return send("ordered", context, recipients_for(control.centre))


def on_protocol_delivered(control):
    from control import timers

    context = {
        "control": control,
        "centre": control.centre,
        "objection_due": timers.objection_due(control.protocol_delivered_on),
        "url": control_url(control),
    }
    return send("protocol", context, recipients_for(control.centre))


def reminder(control, deadline, kind, to):
    context = {
        "control": control,
        "centre": control.centre,
        "deadline": deadline,
        "overdue": kind == "overdue",
        "url": control_url(control),
    }
    # Sent at once, not queued: control.reminders sends inside its transaction so a failure is retried.
    mail = message("reminder", context, to)
    return mail.send() if mail else 0
