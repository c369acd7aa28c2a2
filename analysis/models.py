"""The editable parts of the national analysis: conclusions and recommendations per year (and region)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalysisTextQuerySet(models.QuerySet):
    def for_year(self, year, region=""):
        return self.filter(year=year, region=region or "")


class AnalysisText(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    # Empty: the national analysis; otherwise the analysis for one region.
    region = models.CharField(_("region"), max_length=32, blank=True, default="")
    conclusions = models.TextField(_("conclusions"), blank=True)
    recommendations_cpo = models.TextField(_("recommendations to CPO"), blank=True)
    recommendations_cipo = models.TextField(_("recommendations to CIPO"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnalysisTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("analysis text")
        verbose_name_plural = _("analysis texts")
        constraints = [models.UniqueConstraint(fields=["year", "region"], name="one_analysis_text_per_year_region")]

    def __str__(self):
        return f"{self.year} {self.region}".strip()
