"""Re-authentication before sensitive actions: password or a second-factor code within the last 10 minutes.

`reauth_required` guards a view's state-changing requests (POST by default): submitting a report,
approving or returning one, administering users and frameworks. Without a recent proof the person
is sent to confirm (accounts:reauth) and back to the page, where they repeat the action.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

REAUTH_AT = "_reauth_at"


def max_age():
    return getattr(settings, "REAUTH_MAX_AGE", 10 * 60)


def mark_authenticated(request):
    request.session[REAUTH_AT] = timezone.now().timestamp()


def recently_authenticated(request):
    moment = request.session.get(REAUTH_AT)
    return moment is not None and timezone.now().timestamp() - moment <= max_age()


def _back_to(request):
    """Where to return after confirming: the page the action was started from, else this URL."""
    referer = request.META.get("HTTP_REFERER", "")
    if request.method != "GET" and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()


def reauth_response(request):
    messages.info(request, _("Confirm it is you before this action: enter your password or a code."))
    return redirect(f"{reverse('reauth')}?{urlencode({'next': _back_to(request)})}")


def reauth_required(view=None, *, methods=("POST",)):
    """Decorator: `methods` requests need a recent proof of identity (see module doc)."""

    def decorate(func):
        @wraps(func)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and request.user.is_authenticated and not recently_authenticated(request):
                return reauth_response(request)
            return func(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate
