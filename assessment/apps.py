from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_bundled_outcomes(sender, **kwargs):
    from assessment.outcomes import load_bundled_if_empty

    load_bundled_if_empty()


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Independent assessment")

    def ready(self):
        # After migrate (and after a test flush) an empty database gets the bundled learning outcomes;
        # the app comes after activity in INSTALLED_APPS, so the professions are there already.
        post_migrate.connect(_load_bundled_outcomes, sender=self, dispatch_uid="assessment.load_outcomes")
