"""The editable parts of the national analysis: conclusions and recommendations per year (and region)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from centres.models import CentreKind

PERCENT = {"max_digits": 6, "decimal_places": 2}
MEAN = {"max_digits": 7, "decimal_places": 2}


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


class NationalRecordQuerySet(models.QuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)

    def between(self, first_year, last_year):
        return self.filter(year__gte=first_year, year__lte=last_year)


class NationalRecord(models.Model):
    """The published national figures of one centre kind and year, entered or imported by the agency.

    For the years before per-centre reports were kept in the system (the bundled 2020–2023 come
    from the published 2024 analysis). Where reports exist for a year their figures win, and this
    record is shown beside them only where it differs. Every figure is optional: a published
    analysis states some numbers only as shares, and some not at all. Codes in the JSON fields
    are the framework's (grade band, area, criterion, indicator codes); values are strings of
    Decimals so nothing is lost to floats.
    """

    kind = models.CharField(_("centre kind"), max_length=4, choices=CentreKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    licensed = models.PositiveIntegerField(_("licensed centres"), null=True, blank=True)
    submitted = models.PositiveIntegerField(_("submitted reports"), null=True, blank=True)
    on_time = models.PositiveIntegerField(_("submitted on time"), null=True, blank=True)
    on_time_pct = models.DecimalField(_("submitted on time, %"), null=True, blank=True, **PERCENT)
    zero_value = models.PositiveIntegerField(_("zero-value reports"), null=True, blank=True)
    non_conforming = models.PositiveIntegerField(_("non-conforming reports"), null=True, blank=True)
    non_conforming_pct = models.DecimalField(_("non-conforming reports, %"), null=True, blank=True, **PERCENT)
    mean_total = models.DecimalField(_("mean total points"), null=True, blank=True, **MEAN)
    grade_counts = models.JSONField(_("centres by grade"), default=dict, blank=True)
    grade_shares = models.JSONField(_("centres by grade, %"), default=dict, blank=True)
    area_means = models.JSONField(_("mean points by area"), default=dict, blank=True)
    criterion_means = models.JSONField(_("mean points by criterion"), default=dict, blank=True)
    indicator_no_pct = models.JSONField(_('"no" answers by indicator, %'), default=dict, blank=True)
    validation_procedures = models.PositiveIntegerField(_("validation procedures"), null=True, blank=True)
    validation_centres = models.PositiveIntegerField(_("centres that validated"), null=True, blank=True)
    validation_persons = models.PositiveIntegerField(_("persons validated"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = NationalRecordQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "year"]
        verbose_name = _("published national figures")
        verbose_name_plural = _("published national figures")
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="one_national_record_per_kind_year")]

    def __str__(self):
        return f"{self.kind} {self.year}"


class AnalysisSetting(models.Model):
    """How the analysis of a year counts: an explicit rule, stated in the document's method paragraph."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    include_late = models.BooleanField(
        _("include late reports in the grade distribution and means"),
        default=True,
        help_text=_(
            "No: only reports submitted on time count in the grades, means and criteria (as the published "
            "2024 analysis counted them)."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("analysis setting")
        verbose_name_plural = _("analysis settings")

    def __str__(self):
        return str(self.year)

    @classmethod
    def include_late_for(cls, year):
        value = cls.objects.filter(year=year).values_list("include_late", flat=True).first()
        return True if value is None else value


class QuotablePractice(models.Model):
    """The agency's mark that a report's good-practice text may be quoted in the analysis, naming the centre."""

    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE, related_name="+")
    may_quote = models.BooleanField(_("may be quoted, naming the centre"), default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quotable good practice")
        verbose_name_plural = _("quotable good practices")
