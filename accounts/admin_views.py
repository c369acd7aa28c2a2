"""The agency administrator's pages for people: list, invite, change role, (de)activate, lockouts.

Thin views: parse the form, call one function of accounts.services, render. Every change (POST)
needs a password or code from the last minutes (accounts.reauth); reading the pages does not.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import lockouts, services
from accounts.forms import ChangeRoleForm, DeactivateForm, InviteUserForm, ReleaseLockoutForm
from accounts.models import Role, User
from accounts.reauth import reauth_required
from audit.models import AuditEntry
from centres.access import agency_admin_required

PAGE_SIZE = 50

ACTION_LABELS = {
    "user_invite": gettext_lazy("Invited"),
    "user_invite_resend": gettext_lazy("Invitation sent again"),
    "user_role_change": gettext_lazy("Role changed"),
    "user_deactivate": gettext_lazy("Deactivated"),
    "user_reactivate": gettext_lazy("Reactivated"),
    "lockout_release": gettext_lazy("Lockout released"),
    "admin_add": gettext_lazy("Added in the technical admin"),
    "admin_change": gettext_lazy("Changed in the technical admin"),
}


def _add_errors(form, error):
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _manageable_users(user):
    users = User.objects.select_related("centre")
    return users if user.is_superuser else users.filter(is_superuser=False)


@agency_admin_required
def user_list(request):
    users = _manageable_users(request.user)
    q = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    state = request.GET.get("state", "")
    if q:
        users = users.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
            | Q(centre__name__icontains=q)
            | Q(centre__licence_number__icontains=q)
        )
    if role in Role.values:
        users = users.filter(role=role)
    if state == "active":
        users = users.filter(is_active=True)
    elif state == "inactive":
        users = users.filter(is_active=False)
    page = Paginator(users.order_by("username", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "q": q,
        "role": role,
        "state": state,
        "roles": Role.choices,
        "query_string": params.urlencode(),
    }
    return render(request, "accounts/manage/user_list.html", context)


@agency_admin_required
@reauth_required
def user_invite(request):
    form = InviteUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite_user(actor=request.user, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("administration:user_detail", pk=user.pk)
    status = 400 if form.errors else 200  # refused input (or the invitation limit) is the client's error
    return render(request, "accounts/manage/user_invite.html", {"form": form}, status=status)


@agency_admin_required
@reauth_required
def user_detail(request, pk):
    person = get_object_or_404(_manageable_users(request.user), pk=pk)
    role_form = ChangeRoleForm(initial={"role": person.role, "centre": person.centre_id}, prefix="role")
    if request.method == "POST":
        role_form = ChangeRoleForm(request.POST, prefix="role")
        if role_form.is_valid():
            try:
                services.change_role(actor=request.user, user=person, **role_form.cleaned_data)
            except ValidationError as error:
                _add_errors(role_form, error)
            else:
                messages.success(request, _("The role was changed."))
                return redirect("administration:user_detail", pk=person.pk)
    history = list(AuditEntry.objects.for_object(person).select_related("actor")[:20])
    for entry in history:
        entry.action_label = ACTION_LABELS.get(entry.action, entry.action)
    context = {
        "person": person,
        "role_form": role_form,
        "deactivate_form": DeactivateForm(),
        "history": history,
        "is_self": person.pk == request.user.pk,
        "invitation_pending": not person.has_usable_password(),
    }
    return render(request, "accounts/manage/user_detail.html", context)


def _state_change(request, pk, change, done_message):
    person = get_object_or_404(_manageable_users(request.user), pk=pk)
    try:
        change(person)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return redirect("administration:user_detail", pk=person.pk)


@agency_admin_required
@require_POST
@reauth_required
def user_deactivate(request, pk):
    form = DeactivateForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _state_change(
        request,
        pk,
        lambda u: services.deactivate_user(actor=request.user, user=u, reason=reason),
        _("The account was deactivated: the person can no longer log in."),
    )


@agency_admin_required
@require_POST
@reauth_required
def user_reactivate(request, pk):
    return _state_change(
        request, pk, lambda u: services.reactivate_user(actor=request.user, user=u), _("The account was reactivated.")
    )


@agency_admin_required
@require_POST
@reauth_required
def user_resend_invitation(request, pk):
    return _state_change(
        request,
        pk,
        lambda u: services.resend_invitation(actor=request.user, user=u),
        _("A new invitation was sent."),
    )


@agency_admin_required
@reauth_required
def lockout_list(request):
    form = ReleaseLockoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.release_lockout(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(username)s can log in again.") % {"username": form.cleaned_data["username"]})
            return redirect("administration:lockouts")
    context = {
        "form": form,
        "lockouts": lockouts.current_lockouts(),
        "listing_available": lockouts.listing_available(),
    }
    return render(request, "accounts/manage/lockouts.html", context)
