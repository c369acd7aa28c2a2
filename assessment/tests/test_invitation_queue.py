"""Inviting a session's graduates queues the e-mails: the request does not wait for them."""

from django.core import mail

from mailing.tests.queue import run_queued


def test_the_invite_request_returns_after_queueing_and_the_worker_sends_every_invitation(
    client_for, bella, planned_session, mail_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bella).post(f"/assessment/sessions/{planned_session.pk}/invite/")
    assert response.status_code == 302
    assert mail_queue.results and mail.outbox == []
    participants = list(planned_session.participants.all())
    assert run_queued(mail_queue) == len(participants) == len(mail.outbox)
    assert all(any(p.token in m.body for m in mail.outbox) for p in participants)
