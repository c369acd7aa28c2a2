"""The register of assessment bodies and assessors, kept by the agency's administrators in the admin
(as centres are); learning outcomes are data (load_outcomes) and shown read-only."""

from django.contrib import admin

from assessment.models import AssessmentBody, Assessor, BodyMembership, OutcomeSet, OutcomeUnit, ProfessionalField
from vetquality.admin_site import AgencyAdminMixin, AuditedAdminMixin, ReadOnlyAgencyAdminMixin


class AssessorInline(AgencyAdminMixin, admin.TabularInline):
    model = Assessor
    extra = 0
    fields = ("name", "qualification", "affiliation", "organisation", "active")
    show_change_link = True


class MembershipInline(AgencyAdminMixin, admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(AssessmentBody)
class AssessmentBodyAdmin(AuditedAdminMixin, AgencyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "email")
    list_filter = ("kind",)
    search_fields = ("name",)
    filter_horizontal = ("fields", "professions")
    inlines = [AssessorInline, MembershipInline]


@admin.register(Assessor)
class AssessorAdmin(AuditedAdminMixin, AgencyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "body", "affiliation", "organisation", "active")
    list_filter = ("affiliation", "body__kind", "active")
    search_fields = ("name", "organisation")
    filter_horizontal = ("professions",)


class OutcomeUnitInline(ReadOnlyAgencyAdminMixin, admin.TabularInline):
    model = OutcomeUnit
    extra = 0
    can_delete = False
    fields = ("code", "title", "description")


@admin.register(OutcomeSet)
class OutcomeSetAdmin(ReadOnlyAgencyAdminMixin, admin.ModelAdmin):
    list_display = ("profession", "first_year", "source")
    inlines = [OutcomeUnitInline]


@admin.register(ProfessionalField)
class ProfessionalFieldAdmin(ReadOnlyAgencyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name")
