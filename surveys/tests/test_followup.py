import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from surveys import services
from surveys.models import Campaign, FollowUpWave, Graduate, Invitation, Response

CSV = """email;course;completed;consent;name
ana@example.bg;Готвач;15.01.2024;да;Ана
bob@example.bg;Готвач;2024-01-15;не;
"""


def _upload(client, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("surveys:graduates_upload"), {"file": SimpleUploadedFile("g.csv", text.encode())})


def test_csv_upload_registers_graduates_and_schedules_two_waves(eddie, client_for):
    response = _upload(client_for(eddie), CSV)
    assert response.status_code == 302
    assert Graduate.objects.filter(centre=eddie.centre).count() == 2
    ana = Graduate.objects.get(email="ana@example.bg")
    assert ana.consent and ana.name == "Ана"
    assert sorted(ana.waves.values_list("months", "due_on")) == [
        (6, dt.date(2024, 7, 15)),
        (12, dt.date(2025, 1, 15)),
    ]


def test_csv_with_a_bad_row_saves_nothing(eddie, client_for):
    response = _upload(
        client_for(eddie), CSV + "not-an-email;Готвач;01.01.2024;да\nx@example.bg;Готвач;31.02.2024;да\n"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ред 4" in html and "Ред 5" in html
    assert not Graduate.objects.exists() and not FollowUpWave.objects.exists()


def _run_cron():
    call_command("send_survey_invitations", "--base-url", "https://vq.example", stdout=io.StringIO())


def test_cron_invites_due_waves_only_for_consenting_graduates_and_never_twice(eddie, client_for):
    _upload(client_for(eddie), CSV)  # both waves are due today (2024 dates)
    _run_cron()
    assert Invitation.objects.count() == 2  # Ana's 6 and 12 months; Bob gave no consent
    assert len(mail.outbox) == 2
    assert all(m.to == ["ana@example.bg"] for m in mail.outbox)
    assert "https://vq.example/s/" in mail.outbox[0].body
    assert Campaign.objects.filter(automatic=True, year=2024).count() == 2
    _run_cron()
    assert len(mail.outbox) == 2 and Invitation.objects.count() == 2


def test_reminder_once_after_n_days_and_not_to_those_who_answered(eddie):
    services.register_graduates(
        eddie,
        eddie.centre,
        [{"email": e, "completed_on": dt.date(2024, 1, 10), "consent": True} for e in ("a@example.bg", "b@example.bg")],
    )
    _run_cron()
    first_round = len(mail.outbox)
    assert first_round == 4
    answered = Invitation.objects.get(email="a@example.bg", campaign__followup_months=12)
    campaign = answered.campaign
    questions = list(campaign.version.questions.all())
    services.submit_response(
        campaign, questions, {"q_employment": "occupation", "q_relevance": 4, "q_satisfaction": 5}, invitation=answered
    )
    Invitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=8))
    _run_cron()
    assert len(mail.outbox) == first_round + 3
    assert all(m.subject.startswith("Напомняне:") for m in mail.outbox[first_round:])
    _run_cron()
    assert len(mail.outbox) == first_round + 3
    assert Response.objects.get().wave_months == 12


def test_graduates_from_a_course_need_own_course(eddie, boris, client_for):
    response = client_for(eddie).post(
        reverse("surveys:graduates_from_course"), {"course": 999999, "emails": "a@example.bg", "consent": "on"}
    )
    assert response.status_code == 400
    assert not Graduate.objects.exists()
