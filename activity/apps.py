from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_starter_professions(sender, **kwargs):
    from activity.professions import load_starter_list_if_empty

    load_starter_list_if_empty()


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("Annual activity information")

    def ready(self):
        # The derived-level providers and the report check register here, so the report's checks
        # see the activity data in every entry point (views, API, commands), not only our pages.
        from activity import derived  # noqa: F401  (registers the metric providers)
        from activity.checks import register as register_checks
        from activity.snapshot import register as register_snapshot

        register_checks()
        # Each submitted report version keeps the year's activity information (reports.snapshots).
        register_snapshot()
        # An empty database (also the test database after a flush) gets the bundled starter list.
        post_migrate.connect(_load_starter_professions, sender=self, dispatch_uid="activity.load_professions")
