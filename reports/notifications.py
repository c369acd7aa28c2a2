"""E-mails about a report's workflow. Placeholders until the notifications work lands (B2 fills them in)."""


def on_submitted(submission):
    pass


def on_returned(report):
    pass


def on_approved(report):
    pass
