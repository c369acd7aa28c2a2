"""Two-factor authentication with TOTP (django-otp): required for agency experts and administrators,
optional for centre users; ten single-use recovery codes (django-otp's static device); an admin reset.

After the password, a person with a confirmed authenticator must enter a code before anything else;
an agency user without one must enrol first (MFAMiddleware). Tests and development can switch the
requirement off with MFA_REQUIRED=0 (settings.MFA_REQUIRED); people who enrolled still need the code.
"""

import base64

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import record

RECOVERY_CODES = 10
EXEMPT_PREFIXES = ("/static/", "/i18n/", "/healthz", "/favicon")


def required_for(user):
    """Agency experts and administrators (and superusers) must use a second factor."""
    return getattr(settings, "MFA_REQUIRED", True) and bool(user.is_superuser or user.role in ("expert", "admin"))


HAS_DEVICE = "_mfa_has_device"


def has_device(user):
    return any(True for _device in devices_for_user(user, confirmed=True))


def session_has_device(request):
    """has_device(), remembered in the session from log-in on, so pages cost no query for it."""
    known = request.session.get(HAS_DEVICE)
    if known is None:
        known = request.session[HAS_DEVICE] = has_device(request.user)
    return known


def remember_device(request, present):
    request.session[HAS_DEVICE] = present


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE] = has_device(user)


def new_totp_device(user):
    """The person's unconfirmed authenticator (one at a time), shown as a QR code until confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_data_uri(device):
    """An SVG QR code of the otpauth:// address, as a data: URI (no external service, CSP img-src data:)."""
    import segno

    svg = segno.make(device.config_url, error="m").svg_inline(scale=5)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def secret_text(device):
    """The key as people type it into an authenticator without a camera (base32, in groups of four)."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_enrolment(user, device, token):
    """Confirm the authenticator with a code from it; returns the new recovery codes, or None if the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = new_recovery_codes(user)
    record(actor=user, action="mfa_enrolled", obj=user, changes={"device": "totp"})
    return codes


def new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(user, token):
    """The confirmed device (authenticator or recovery code, used up) that accepts the token, or None."""
    token = (token or "").strip().replace(" ", "")
    if not token or len(token) > 16:
        return None
    for device in devices_for_user(user, confirmed=True):
        verify_is_allowed, _info = device.verify_is_allowed()
        if verify_is_allowed and device.verify_token(token):
            return device
    return None


@transaction.atomic
def reset(actor, user):
    """An agency administrator removes a person's second factor (lost phone); they enrol again at log-in."""
    from django.core.exceptions import PermissionDenied

    if not actor.is_agency_admin:
        raise PermissionDenied
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    record(actor=actor, action="mfa_reset", obj=user, centre=user.centre, changes={"devices_removed": removed})
    return removed


class MFAMiddleware:
    """After django-otp's OTPMiddleware: a logged-in person who has not passed the second factor is sent to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified() and not self._exempt(request):
            if session_has_device(request):
                return redirect(f"{reverse('mfa_verify')}?{urlencode({'next': request.get_full_path()})}")
            if required_for(user):
                return redirect(f"{reverse('mfa_setup')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(request):
        path = request.path
        mfa_paths = (reverse("mfa_verify"), reverse("mfa_setup"), reverse("logout"))
        return path.startswith(EXEMPT_PREFIXES) or path in mfa_paths
