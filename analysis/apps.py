from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_bundled_history(sender, using="default", **kwargs):
    from analysis.history import load_bundled

    load_bundled()


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("National analysis")

    def ready(self):
        # After migrate (and after a test flush) the published 2020–2023 figures are there, as the frameworks are;
        # a year the agency has entered itself is never overwritten.
        post_migrate.connect(_load_bundled_history, sender=self, dispatch_uid="analysis.load_bundled_history")
        from analysis import signals  # noqa: F401  (the chart pre-drawing after a data change)
