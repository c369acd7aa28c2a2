from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_bundled_questionnaires(sender, using="default", **kwargs):
    from surveys.loader import load_bundled

    load_bundled()


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Feedback surveys")

    def ready(self):
        # Registered here so the report's derived levels see survey results in views, API and commands alike.
        from surveys import (
            derived,  # noqa: F401  (registers the metric providers)
            signals,
        )

        signals.connect()

        # After migrate (and after a test flush) an empty database gets the bundled questionnaires.
        post_migrate.connect(_load_bundled_questionnaires, sender=self, dispatch_uid="surveys.load_bundled")
