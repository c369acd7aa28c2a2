"""The second factor: enrolment with a QR code, log-in with a code, recovery codes, the admin's reset."""

import datetime as dt

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from audit.models import AuditEntry
from conftest import PASSWORD


@pytest.fixture(autouse=True)
def _mfa_on(settings):
    settings.MFA_REQUIRED = True


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def enrol(client, user):
    log_in(client, user)
    page = client.get(reverse("mfa_setup"))
    assert page.status_code == 200 and 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(reverse("mfa_setup"), {"code": code(device)})
    assert done.status_code == 200
    return device, done.context["codes"]


def test_an_agency_user_must_enrol_before_any_page(client, erin):
    log_in(client, erin)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_setup"))


def test_enrolment_then_log_in_with_a_code(client, erin):
    with freeze_time("2026-03-02 09:00:00") as clock:
        device, codes = enrol(client, erin)
        assert len(codes) == 10
        assert client.get(reverse("home")).status_code == 200
        assert AuditEntry.objects.filter(action="mfa_enrolled").exists()
        client.post(reverse("logout"))
        log_in(client, erin)
        assert client.get(reverse("home")).url.startswith(reverse("mfa_verify"))
        assert client.post(reverse("mfa_verify"), {"code": "000000"}).status_code == 400
        clock.tick(dt.timedelta(seconds=61))  # a fresh code, and past the pause after a wrong one
        device.refresh_from_db()
        assert client.post(reverse("mfa_verify"), {"code": code(device)}).status_code == 302
        assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_works_once(client, erin):
    _device, codes = enrol(client, erin)
    for attempt_ok in (True, False):
        client.post(reverse("logout"))
        log_in(client, erin)
        response = client.post(reverse("mfa_verify"), {"code": codes[0]})
        assert (response.status_code == 302) is attempt_ok


def test_a_centre_user_may_go_without_a_second_factor(client, dora):
    log_in(client, dora)
    assert client.get(reverse("home")).status_code == 200


def test_a_centre_user_who_enrolled_needs_the_code(client, dora):
    enrol(client, dora)
    client.post(reverse("logout"))
    log_in(client, dora)
    assert client.get(reverse("home")).url.startswith(reverse("mfa_verify"))


def test_the_admin_resets_a_lost_second_factor(client, erin, adam, client_for):
    enrol(client, erin)
    admin = client_for(adam)
    session = admin.session
    session["otp_device_id"] = None
    session.save()
    # adam's own session passes the second factor (he has a device in real life; here a direct login).
    from django_otp.plugins.otp_static.models import StaticDevice

    static = StaticDevice.objects.create(user=adam, name="t", confirmed=True)
    static.token_set.create(token="admin12345")
    admin.post(reverse("mfa_verify"), {"code": "admin12345"})
    response = admin.post(reverse("mfa_reset", args=[erin.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=erin).exists()
    assert AuditEntry.objects.filter(action="mfa_reset").exists()


def test_only_an_admin_may_reset(client_for, dora, erin):
    assert client_for(dora).post(reverse("mfa_reset", args=[erin.pk])).status_code == 403
