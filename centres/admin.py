from django.contrib import admin

from centres.models import Centre
from vetquality.admin_site import AgencyAdminMixin, AuditedAdminMixin


@admin.register(Centre)
class CentreAdmin(AuditedAdminMixin, AgencyAdminMixin, admin.ModelAdmin):
    list_display = ("licence_number", "name", "kind", "region", "licensed_on", "licence_revoked_on", "iso_9001")
    list_filter = ("kind", "region", "iso_9001")
    search_fields = ("name", "licence_number", "municipality", "email")
    date_hierarchy = "licensed_on"
    ordering = ("name",)

    def has_delete_permission(self, request, obj=None):
        return False  # a centre leaves the register by licence revocation; its reports stay
