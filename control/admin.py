from django.contrib import admin

from control.models import Checklist, ControlSettings, RiskModel


@admin.register(ControlSettings)
class ControlSettingsAdmin(admin.ModelAdmin):
    list_display = ("agency_name", "signer_name", "signer_title", "updated_at")


@admin.register(RiskModel)
class RiskModelAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "first_year", "last_year", "loaded_at")
    readonly_fields = ("signals",)


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "name", "first_year", "last_year")
