import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from conftest import make_user
from reports import notifications, services
from reports.deadlines import SOFIA


def test_submission_receipt_goes_to_the_centre_its_director_and_editors(
    dora, eddie, vicky, filled, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(filled, actor=dora, declared=True, now=dt.datetime(2025, 1, 30, 22, 15, tzinfo=dt.UTC))
    [mail] = mailoutbox
    assert set(mail.to) == {"200812001@example.bg", "dora@example.bg", "eddie@example.bg"}  # not the viewer
    assert mail.subject == "Получен доклад за самооценка за 2024 г. (версия 1)"
    assert "31 януари 2025, 00:15" in mail.body  # Sofia time, two hours ahead of UTC in winter
    assert "подаден в срок" in mail.body
    assert "100 точки" in mail.body


def test_a_late_submission_is_called_late(dora, filled, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(filled, actor=dora, declared=True, now=dt.datetime(2025, 2, 3, 9, tzinfo=SOFIA))
    assert "след срока" in mailoutbox[0].body


def test_the_return_mail_carries_the_comment_and_the_notes(
    erin, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(submitted, actor=erin, comment="Допълнете раздел 5.", notes={"2.10": "Кои проекти?"})
    [mail] = mailoutbox
    assert "върнат за корекция" in mail.subject
    assert "Допълнете раздел 5." in mail.body
    assert "2.10" in mail.body and "Кои проекти?" in mail.body
    assert f"/reports/{submitted.pk}/" in mail.body


def test_approval_mail(erin, submitted, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(submitted, actor=erin)
    assert mailoutbox[0].subject == "Докладът за самооценка за 2024 г. е одобрен"


def test_a_rolled_back_change_sends_nothing(erin, submitted, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.return_report(submitted, actor=erin, comment="")
    assert mailoutbox == []


def test_recipients_skip_inactive_users_and_duplicates(centre_a, dora):
    make_user("dora2", Role.DIRECTOR, centre_a).__class__.objects.filter(username="dora2").update(is_active=False)
    centre_a.email = "DORA@example.bg"
    assert notifications.recipients_for(centre_a) == ["DORA@example.bg"]
