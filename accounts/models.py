from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTOR = "director", _("Director")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")
    EXPERT = "expert", _("Agency expert")
    ADMIN = "admin", _("Agency administrator")
    # A user of an independent assessment body (assessment app): belongs to a body, never to a centre.
    ASSESSMENT_BODY = "assessment_body", _("Assessment body")


CENTRE_ROLES = (Role.DIRECTOR, Role.EDITOR, Role.VIEWER)
AGENCY_ROLES = (Role.EXPERT, Role.ADMIN)


class User(AbstractUser):
    """A person with exactly one role: in one centre, or in the agency."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # A centre role without a centre (or an agency role with one) would
            # make the tenant ambiguous; refuse it in the database.
            models.CheckConstraint(
                name="centre_role_has_centre",
                condition=(
                    Q(role__in=[r.value for r in CENTRE_ROLES], centre__isnull=False)
                    | (~Q(role__in=[r.value for r in CENTRE_ROLES]) & Q(centre__isnull=True))
                ),
            ),
        ]

    @property
    def is_agency(self):
        return self.is_active and (self.role in AGENCY_ROLES or self.is_superuser)

    @property
    def is_agency_admin(self):
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)

    @property
    def is_centre_user(self):
        return self.is_active and self.role in CENTRE_ROLES and self.centre_id is not None

    @property
    def can_edit_reports(self):
        return self.is_centre_user and self.role in (Role.DIRECTOR, Role.EDITOR)

    @property
    def can_submit_reports(self):
        return self.is_centre_user and self.role == Role.DIRECTOR
