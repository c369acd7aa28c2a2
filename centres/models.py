from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centres.regions import Region


class CentreKind(models.TextChoices):
    CPO = "CPO", _("Vocational training centre (CPO)")
    CIPO = "CIPO", _("Information and vocational guidance centre (CIPO)")


# Tables and filters use the abbreviations people say (ЦПО, ЦИПО); the full names are long.
KIND_ABBREVIATIONS = {CentreKind.CPO: _("CPO"), CentreKind.CIPO: _("CIPO")}


def licence_active_q(day):
    """The condition "licence active on `day`", for filters and conditional counts alike."""
    return Q(licensed_on__lte=day) & (Q(licence_revoked_on__isnull=True) | Q(licence_revoked_on__gt=day))


class CentreQuerySet(models.QuerySet):
    def licensed_on(self, day):
        """Centres whose licence is active on `day`: granted on or before it, not revoked on or before it."""
        return self.filter(licence_active_q(day))

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_region(self, region):
        return self.filter(region=region) if region else self


class Centre(models.Model):
    kind = models.CharField(_("kind"), max_length=4, choices=CentreKind.choices)
    licence_number = models.CharField(_("licence number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    licensed_on = models.DateField(_("licensed on"))
    licence_revoked_on = models.DateField(_("licence revoked on"), null=True, blank=True)
    iso_9001 = models.BooleanField(_("ISO 9001 certified"), default=False)

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        indexes = [models.Index(fields=["kind", "region"])]
        constraints = [
            models.CheckConstraint(
                name="revoked_after_licensed",
                condition=Q(licence_revoked_on__isnull=True) | Q(licence_revoked_on__gte=models.F("licensed_on")),
            ),
            # Imports and forms check the pattern (inputs.text.clean_licence); the database keeps digits only.
            models.CheckConstraint(name="centre_licence_number_digits", condition=Q(licence_number__regex=r"^[0-9]+$")),
        ]

    def __str__(self):
        return f"{self.name} ({self.licence_number})"

    @property
    def kind_abbreviation(self):
        return KIND_ABBREVIATIONS.get(self.kind, self.kind)

    def is_licensed_on(self, day):
        return self.licensed_on <= day and (self.licence_revoked_on is None or self.licence_revoked_on > day)
