"""The quality framework as data: versioned by reporting year, loaded from files, never hard-coded."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centres.models import CentreKind

POINTS = {"max_digits": 6, "decimal_places": 2}


class Scoring(models.TextChoices):
    POINTS = "points", _("Points and grade")
    YES_NO = "yes_no", _("Yes / no indicators")


class SectionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    SCORES = "scores", _("Self-assessment results")
    COMPARISON = "comparison", _("Comparison with the previous period")


class FrameworkQuerySet(models.QuerySet):
    def applying_to(self, kind, year):
        return self.filter(kind=kind, first_year__lte=year).filter(Q(last_year__isnull=True) | Q(last_year__gte=year))

    def for_report(self, kind, year):
        """The one framework for a centre kind and reporting year, or None."""
        return self.applying_to(kind, year).first()


class Framework(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("centre kind"), max_length=4, choices=CentreKind.choices)
    name = models.CharField(_("name"), max_length=300)
    legal_basis = models.CharField(_("approved by"), max_length=300, blank=True)
    scoring = models.CharField(_("scoring"), max_length=8, choices=Scoring.choices)
    first_year = models.PositiveIntegerField(_("first reporting year"))
    last_year = models.PositiveIntegerField(_("last reporting year"), null=True, blank=True)
    total_points = models.DecimalField(_("total points"), **POINTS)
    loaded_at = models.DateTimeField(auto_now=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-first_year"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self):
        return self.code

    @property
    def is_scored(self):
        return self.scoring == Scoring.POINTS

    def years_label(self):
        return f"{self.first_year}–{self.last_year or '…'}"


class GradeBand(models.Model):
    """A grade with inclusive bounds, e.g. Добро 66–90; totals between bands (90.5) take the lower band."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="grade_bands")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=60)
    min_points = models.DecimalField(_("from"), **POINTS)
    max_points = models.DecimalField(_("to"), **POINTS)

    class Meta:
        ordering = ["framework", "-min_points"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_band_code")]

    def __str__(self):
        return self.name


class Section(models.Model):
    """A section of the narrative report (framework.md §4)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=SectionKind.choices, default=SectionKind.TEXT)
    required = models.BooleanField(_("required"), default=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_section_code")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=300)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_area_code")]

    def __str__(self):
        return f"{self.code}. {self.name}"


class Criterion(models.Model):
    """A criterion (or, in a yes/no framework, an indicator). Codes are unique within a framework."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=500)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    order = models.PositiveIntegerField(default=0)
    # A derived criterion names a rule (frameworks.derived) that computes a metric
    # from the centre's data; the thresholds turn the metric into a level's points.
    derived_rule = models.CharField(_("derived rule"), max_length=40, blank=True)
    derived_thresholds = models.JSONField(_("thresholds"), default=list, blank=True)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_criterion_code")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def derived_rule_label(self):
        from frameworks.derived import RULE_LABELS

        return RULE_LABELS.get(self.derived_rule, self.derived_rule)


class Level(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    points = models.DecimalField(_("points"), **POINTS)
    descriptor = models.TextField(_("descriptor"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["criterion", "order"]
        constraints = [models.UniqueConstraint(fields=["criterion", "points"], name="unique_level_points")]

    def __str__(self):
        return f"{self.points} — {self.descriptor}"


class Succession(models.Model):
    """One framework version following another: which criterion became which, so series continue.

    `mapping` is {old criterion code: new code, or "" when the criterion was dropped}; `added`
    lists the new version's codes that have no predecessor.
    """

    previous = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="successions_from")
    next = models.OneToOneField(Framework, on_delete=models.CASCADE, related_name="succession")
    mapping = models.JSONField(_("criterion mapping"), default=dict)
    added = models.JSONField(_("new criteria"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("framework succession")
        verbose_name_plural = _("framework successions")

    def __str__(self):
        return f"{self.previous.code} → {self.next.code}"

    def dropped(self):
        return sorted(code for code, new in self.mapping.items() if not new)

    def renamed(self):
        return sorted((old, new) for old, new in self.mapping.items() if new and new != old)
