from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.forms import AgencyUserChangeForm, AgencyUserCreationForm
from accounts.models import User
from vetquality.admin_site import AgencyAdminMixin, AuditedAdminMixin


@admin.register(User)
class AgencyUserAdmin(AuditedAdminMixin, AgencyAdminMixin, UserAdmin):
    form = AgencyUserChangeForm
    add_form = AgencyUserCreationForm
    audit_centre_field = "centre"
    list_display = ("username", "get_full_name", "email", "role", "centre", "is_active", "last_login")
    list_filter = ("role", "is_active", "centre__kind")
    search_fields = ("username", "first_name", "last_name", "email", "centre__name", "centre__licence_number")
    list_select_related = ("centre",)
    autocomplete_fields = ("centre",)
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role"), {"fields": ("role", "centre", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    superuser_fieldsets = ((_("Django permissions"), {"fields": ("is_staff", "is_superuser")}),)
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "first_name", "last_name", "email", "role", "centre", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Only a superuser hands out Django's own flags; an agency admin manages roles.
        if obj is not None and request.user.is_superuser:
            return fieldsets + self.superuser_fieldsets
        return fieldsets

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the audit log and reports keep pointing at the person
