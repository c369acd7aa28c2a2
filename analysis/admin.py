from django.contrib import admin

from analysis.models import AnalysisSetting, NationalRecord
from vetquality.admin_site import AgencyAdminMixin


@admin.register(NationalRecord)
class NationalRecordAdmin(AgencyAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "year", "licensed", "submitted", "mean_total", "source", "updated_at")
    list_filter = ("kind",)
    ordering = ("kind", "-year")
    readonly_fields = ("updated_by", "updated_at")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AnalysisSetting)
class AnalysisSettingAdmin(AgencyAdminMixin, admin.ModelAdmin):
    list_display = ("year", "include_late", "updated_at")
    readonly_fields = ("updated_by", "updated_at")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
