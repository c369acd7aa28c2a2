"""E-mail from requests is queued in batches (mailing.outbox) and sent by the task that runs them."""

from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives

from mailing.outbox import BATCH, deserialise, send_later, serialise
from mailing.tasks import send_messages
from mailing.tests.queue import run_queued


def test_a_message_survives_the_trip_through_json():
    message = EmailMultiAlternatives(
        "Покана", "Текст", "noreply@example.bg", ["a@example.bg"], cc=["c@example.bg"], reply_to=["r@example.bg"]
    )
    message.attach_alternative("<p>Текст</p>", "text/html")
    again = deserialise(serialise(message))
    assert (again.subject, again.body, again.from_email) == ("Покана", "Текст", "noreply@example.bg")
    assert (again.to, again.cc, again.reply_to) == (["a@example.bg"], ["c@example.bg"], ["r@example.bg"])
    assert again.alternatives[0][:2] == ("<p>Текст</p>", "text/html")


def test_many_messages_are_queued_in_batches_and_nothing_is_sent_until_the_worker_runs(mail_queue):
    messages = [EmailMessage("Покана", "Текст", to=[f"p{i}@example.bg"]) for i in range(2 * BATCH + 1)]
    assert send_later(messages) == 2 * BATCH + 1
    assert [len(r.args[0]) for r in mail_queue.results] == [BATCH, BATCH, 1]
    assert all(r.task.name == send_messages.name for r in mail_queue.results)
    assert mail.outbox == []
    assert run_queued(mail_queue) == 2 * BATCH + 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{i}@example.bg" for i in range(2 * BATCH + 1))


def test_with_the_immediate_backend_the_mail_goes_out_at_once():
    # The default configuration (TASKS_BACKEND=immediate): no worker needed.
    assert send_later([EmailMessage("Покана", "Текст", to=["a@example.bg"])]) == 1
    assert [m.to for m in mail.outbox] == [["a@example.bg"]]


def test_a_message_without_recipients_is_not_queued(mail_queue):
    assert send_later([EmailMessage("Покана", "Текст", to=[])]) == 0
    assert mail_queue.results == []


def test_a_password_reset_request_returns_after_queueing(client, dora, mail_queue):
    response = client.post("/accounts/password/reset/", {"email": dora.email})
    assert response.status_code == 302
    assert len(mail_queue.results) == 1 and mail.outbox == []
    run_queued(mail_queue)
    assert [m.to for m in mail.outbox] == [[dora.email]]
