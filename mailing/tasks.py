"""The job queue's side of e-mail: one task that sends one batch of messages (see mailing.outbox)."""

import logging

from django.core.mail import get_connection
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_messages(messages):
    """Send a batch over one connection; returns how many went out. A failure is logged and fails the task."""
    from mailing.outbox import deserialise

    try:
        return get_connection().send_messages([deserialise(m) for m in messages])
    except Exception:
        logger.exception("sending %s queued e-mail(s) failed", len(messages))
        raise
