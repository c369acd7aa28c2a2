"""Every e-mail the system sends from a request goes out through the job queue (mailing.tasks).

The caller renders its messages (in Bulgarian, with its own templates) and hands them to
`send_later`; they travel to the worker as plain JSON and are sent there in batches over one
SMTP connection each. With TASKS_BACKEND=immediate (the default, and in tests) the batch runs at
once in the same process; with the database backend `manage.py db_worker` sends it, so a request
that invites 900 people returns as soon as the batches are queued.

Timing is the caller's: call `send_later` inside the transaction (the database backend's task row
commits with the change, or not at all) or in `transaction.on_commit` as the services already do.
"""

from django.core.mail import EmailMessage, EmailMultiAlternatives

# Messages per task: a worker holds one SMTP connection per batch, and a failed batch is small.
BATCH = 50


def serialise(message):
    """A message as JSON-ready data (the job queue stores arguments as JSON)."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


def deserialise(data):
    message = EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


def send_later(messages):
    """Queue `messages` (EmailMessage objects) in batches; returns how many were queued."""
    from mailing.tasks import send_messages

    data = [serialise(m) for m in messages if isinstance(m, EmailMessage) and m.recipients()]
    for start in range(0, len(data), BATCH):
        send_messages.enqueue(data[start : start + BATCH])
    return len(data)
