from django.contrib import admin

from frameworks.models import Area, Criterion, Framework, GradeBand, Section
from vetquality.admin_site import ReadOnlyAgencyAdminMixin


class _ReadOnlyInline(ReadOnlyAgencyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class GradeBandInline(_ReadOnlyInline):
    model = GradeBand
    fields = ("code", "name", "min_points", "max_points")


class SectionInline(_ReadOnlyInline):
    model = Section
    fields = ("code", "title", "kind", "required", "max_length")


class AreaInline(_ReadOnlyInline):
    model = Area
    fields = ("code", "name", "max_points")


class CriterionInline(_ReadOnlyInline):
    model = Criterion
    fields = ("code", "area", "name", "max_points", "derived_rule")


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAgencyAdminMixin, admin.ModelAdmin):
    """Frameworks change only through load_framework, which checks the whole file."""

    list_display = ("code", "name", "kind", "first_year", "last_year", "scoring", "total_points")
    list_filter = ("kind",)
    inlines = [GradeBandInline, SectionInline, AreaInline, CriterionInline]
