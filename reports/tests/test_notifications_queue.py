"""A report's workflow e-mails go through the job queue: the submitting request does not wait for SMTP."""

import datetime as dt

from django.core import mail

from mailing.tests.queue import run_queued
from reports import services


def test_the_receipt_is_queued_after_the_commit_and_sent_by_the_worker(
    dora, filled, mail_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(filled, actor=dora, declared=True, now=dt.datetime(2025, 1, 30, 22, 15, tzinfo=dt.UTC))
    assert len(mail_queue.results) == 1 and mail.outbox == []
    assert run_queued(mail_queue) == 1
    assert mail.outbox[0].subject == "Получен доклад за самооценка за 2024 г. (версия 1)"
