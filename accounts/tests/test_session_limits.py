"""Idle timeout, absolute lifetime and re-authentication before sensitive actions, with a frozen clock."""

import datetime as dt

from django.urls import reverse
from freezegun import freeze_time

from conftest import PASSWORD


def log_in(client, user):
    assert client.post(reverse("login"), {"username": user.username, "password": PASSWORD}).status_code == 302


def test_an_idle_session_ends_after_30_minutes(client, dora):
    with freeze_time("2026-03-02 09:00:00") as clock:
        log_in(client, dora)
        clock.tick(dt.timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200
        clock.tick(dt.timedelta(minutes=29))  # 29 minutes after the last use: still in
        assert client.get(reverse("home")).status_code == 200
        clock.tick(dt.timedelta(minutes=31))
        response = client.get(reverse("reports:list"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        assert "_auth_user_id" not in client.session


def test_a_busy_session_ends_12_hours_after_log_in(client, dora):
    with freeze_time("2026-03-02 08:00:00") as clock:
        log_in(client, dora)
        for _ in range(47):  # every 15 minutes for 11 h 45 min
            clock.tick(dt.timedelta(minutes=15))
            assert client.get(reverse("home")).status_code == 200
        clock.tick(dt.timedelta(minutes=16))
        response = client.get(reverse("reports:list"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_limits_come_from_settings(client, dora, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    with freeze_time("2026-03-02 09:00:00") as clock:
        log_in(client, dora)
        clock.tick(dt.timedelta(seconds=61))
        assert client.get(reverse("reports:list")).status_code == 302


def test_submitting_needs_a_recent_password(client, dora, centre_a):
    from frameworks.models import Framework
    from reports.models import Report

    report = Report.objects.create(centre=centre_a, year=2025, framework=Framework.objects.for_report("CPO", 2025))
    url = reverse("reports:submit", args=[report.pk])
    with freeze_time("2026-03-02 09:00:00") as clock:
        log_in(client, dora)
        clock.tick(dt.timedelta(minutes=11))
        response = client.post(url, {"lock_version": report.lock_version}, HTTP_REFERER="http://testserver" + url)
        assert response.status_code == 302 and response.url.startswith(reverse("reauth"))
        report.refresh_from_db()
        assert report.status == "draft"
        wrong = client.post(response.url, {"secret": "not-it"})
        assert wrong.status_code == 400
        back = client.post(response.url, {"secret": PASSWORD})
        assert back.status_code == 302 and back.url.endswith(url)
        # Within the next ten minutes the action goes through to the view itself.
        assert not client.post(url, {"lock_version": report.lock_version}).url.startswith(reverse("reauth"))


def test_reviewing_needs_a_recent_password(client, erin, centre_a):
    from frameworks.models import Framework
    from reports.models import Report

    report = Report.objects.create(centre=centre_a, year=2025, framework=Framework.objects.for_report("CPO", 2025))
    with freeze_time("2026-03-02 09:00:00") as clock:
        log_in(client, erin)
        clock.tick(dt.timedelta(minutes=11))
        response = client.post(reverse("reports:review", args=[report.pk]), {"action": "approve"})
        assert response.status_code == 302 and response.url.startswith(reverse("reauth"))


def test_django_admin_changes_need_a_recent_password(client, adam):
    adam.is_superuser = True  # Django's admin is the technical operators' (superusers') tool
    adam.save()
    with freeze_time("2026-03-02 09:00:00") as clock:
        log_in(client, adam)
        clock.tick(dt.timedelta(minutes=11))
        assert client.get("/django-admin/").status_code == 200  # reading needs no confirmation
        response = client.post("/django-admin/accounts/user/add/", {"username": "x"})
        assert response.status_code == 302 and response.url.startswith(reverse("reauth"))
