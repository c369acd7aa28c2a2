"""Token pages: a user's personal tokens, and the agency admin's service tokens. Thin: parse, call a service."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from api import services
from api.forms import PersonalTokenForm, ServiceTokenForm
from api.models import ApiToken
from api.problems import problem_response
from centres.access import agency_admin_required, any_role_required


def _expiry(form):
    day = form.cleaned_data.get("expires_on")
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max.replace(microsecond=0)))


def _create(request, form, create, scopes):
    try:
        token, key = create(request.user, name=form.cleaned_data["name"], scopes=scopes, expires_at=_expiry(form))
    except ValidationError as invalid:
        for field, errors in invalid.message_dict.items():
            target = "expires_on" if field == "expires_at" else field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
        return None, None
    return token, key


@csrf_exempt  # it changes nothing; without this an unknown path would answer a PUT with the CSRF page
def not_found(request):
    return problem_response(404, _("Not found"), _("The API has no such path."))


@any_role_required
def personal_tokens(request):
    form = PersonalTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, key = _create(request, form, services.create_personal_token, form.scopes())
        if token:
            created = {"token": token, "key": key}
            form = PersonalTokenForm()
    tokens = ApiToken.objects.of_user(request.user)
    status = 400 if request.method == "POST" and not created else 200
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "created": created, "service": False},
        status=status,
    )


@agency_admin_required
def service_tokens(request):
    form = ServiceTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, key = _create(request, form, services.create_service_token, form.cleaned_data["scopes"])
        if token:
            created = {"token": token, "key": key}
            form = ServiceTokenForm()
    tokens = ApiToken.objects.services().select_related("user")
    status = 400 if request.method == "POST" and not created else 200
    return render(
        request, "api/tokens.html", {"form": form, "tokens": tokens, "created": created, "service": True}, status=status
    )


@require_POST
@any_role_required
def revoke(request, pk):
    # Another user's token answers 404, like any object one may not see.
    visible = ApiToken.objects.of_user(request.user)
    if request.user.is_agency_admin:
        visible = visible | ApiToken.objects.services()
    token = get_object_or_404(visible, pk=pk)
    services.revoke_token(request.user, token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens:service" if token.kind == "service" else "api_tokens:personal")
