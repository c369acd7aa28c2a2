"""Admin registrations for models of apps that keep no admin module of their own."""

from django.contrib import admin

from reports.models import ReportingYear
from vetquality.admin_site import AgencyAdminMixin, AuditedAdminMixin


@admin.register(ReportingYear)
class ReportingYearAdmin(AuditedAdminMixin, AgencyAdminMixin, admin.ModelAdmin):
    list_display = ("year", "deadline", "opened_at")
    ordering = ("-year",)

    def has_delete_permission(self, request, obj=None):
        return False
