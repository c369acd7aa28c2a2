from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public pages")

    def ready(self):
        # Invalidation: every change the public pages show is written to the audit trail.
        from public import signals  # noqa: F401


# The agency admins' navigation entry (vetquality/navigation.py) finds its translation in this catalogue.
NAV_LABEL = _("Publication")
