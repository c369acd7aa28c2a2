"""Pages of the second factor: enrolment with a QR code, the code after the password, re-authentication,
recovery codes and the administrator's reset. Each calls one function of accounts.mfa."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.models import User
from accounts.reauth import mark_authenticated, reauth_required
from inputs.forms import BoundedInputsMixin

F = "registration/simple_form.html"


class CodeForm(BoundedInputsMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class ReauthForm(BoundedInputsMixin, forms.Form):
    secret = forms.CharField(
        label=gettext_lazy("Password or code"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


def _next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    from django.urls import reverse

    return reverse(default)


@login_required
def verify(request):
    if request.user.is_verified():
        return HttpResponseRedirect(_next(request))
    if not mfa.has_device(request.user):  # reset by an administrator since log-in
        mfa.remember_device(request, False)
        return HttpResponseRedirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            mark_authenticated(request)
            return HttpResponseRedirect(_next(request))
        form.add_error("code", _("The code is not right. Try the next one your app shows."))
    context = {"form": form, "title": _("Second factor"), "intro": _("Enter the code from your authenticator app.")}
    return render(request, F, context, status=400 if form.errors else 200)


@login_required
def setup(request):
    """Enrol an authenticator: scan the QR code, type one code; then the recovery codes are shown once."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        codes = mfa.confirm_enrolment(request.user, device, form.cleaned_data["code"].strip())
        if codes is not None:
            mfa.remember_device(request, True)
            otp_login(request, device)
            mark_authenticated(request)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", _("The code is not right. Check the time on your phone and try again."))
    if device is None or request.method == "GET":
        device = mfa.new_totp_device(request.user)
    context = {
        "form": form,
        "qr": mfa.qr_data_uri(device),
        "secret": mfa.secret_text(device),
        "required": mfa.required_for(request.user),
        "next": _next(request),
    }
    return render(request, "accounts/mfa_setup.html", context, status=400 if form.errors else 200)


@login_required
def reauth(request):
    """Confirm the password (or a second-factor code) before a sensitive action."""
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        secret = form.cleaned_data["secret"]
        if request.user.check_password(secret) or mfa.verify(request.user, secret) is not None:
            mark_authenticated(request)
            return HttpResponseRedirect(_next(request))
        form.add_error("secret", _("This is neither your password nor a valid code."))
    context = {
        "form": form,
        "title": _("Confirm it is you"),
        "intro": _("This action needs a recent confirmation of your identity."),
        "submit_label": _("Confirm"),
    }
    return render(request, F, context, status=400 if form.errors else 200)


@require_POST
@login_required
@reauth_required  # removing someone's second factor is user administration
def reset(request, pk):
    if not request.user.is_agency_admin:
        raise PermissionDenied
    person = get_object_or_404(User, pk=pk)
    mfa.reset(request.user, person)
    messages.success(request, _("The second factor of %(user)s was removed.") % {"user": person.get_username()})
    return HttpResponseRedirect(_next(request))
