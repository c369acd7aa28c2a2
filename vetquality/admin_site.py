"""Django's admin, kept for superusers (the technical operators) only.

Agency administrators do their daily work in the application's own pages
(/administration/: users, invitations, lockouts; the other apps' pages for the rest),
which use the services and the site's look. The mixin names are kept so that the apps'
admin modules need no change; they all answer "superuser only" now.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from audit.services import record


def _is_agency_admin(request):
    """Historical name: whether the request may use Django's admin — a superuser's only."""
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


class AgencyAdminSite(admin.AdminSite):
    site_header = _("VETQuality administration")
    site_title = _("VETQuality administration")
    index_title = _("Users, centres, frameworks and deadlines")
    site_url = "/"

    def has_permission(self, request):
        return _is_agency_admin(request)

    def admin_view(self, view, cacheable=False):
        # Changes to users, centres and frameworks need a recent password or code (accounts.reauth).
        from accounts.reauth import reauth_required

        return super().admin_view(reauth_required(view), cacheable)

    def login(self, request, extra_context=None):
        # One login page for everybody (throttled, in the site's look).
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
            raise PermissionDenied
        next_url = request.GET.get(REDIRECT_FIELD_NAME)
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)


class AgencyAdminMixin:
    """Model permissions for the agency administrator role (Django's per-model permissions are not used)."""

    def has_module_permission(self, request):
        return _is_agency_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_agency_admin(request)

    def has_add_permission(self, request, *args):
        return _is_agency_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_agency_admin(request)

    def has_delete_permission(self, request, obj=None):
        return _is_agency_admin(request)


class ReadOnlyAgencyAdminMixin(AgencyAdminMixin):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdminMixin:
    """Record every add and change made through the admin in the audit log."""

    audit_centre_field = None  # attribute holding the centre the object belongs to, if any

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [name for name in form.changed_data if name not in ("password", "password1", "password2")]
        centre = getattr(obj, self.audit_centre_field) if self.audit_centre_field else None
        record(
            actor=request.user,
            action="admin_change" if change else "admin_add",
            obj=obj,
            centre=centre,
            changes={name: _plain(form.cleaned_data.get(name)) for name in changed},
        )


def _plain(value):
    """A JSON-safe rendering of a form value for the audit log."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)
