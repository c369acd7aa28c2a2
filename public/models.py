from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedAnalysisQuerySet(models.QuerySet):
    def latest_year(self):
        return self.order_by("-year").values_list("year", flat=True).first()


class PublishedAnalysis(models.Model):
    """The agency's decision that a year's national analysis is public, and since when.

    A year without a row is not published: the public national page answers 404 for it and the
    start page takes its headline figures from the last published year.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublishedAnalysisQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("published analysis")
        verbose_name_plural = _("published analyses")

    def __str__(self):
        return str(self.year)
