from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_bundled_frameworks(sender, using="default", **kwargs):
    from frameworks.loader import load_bundled

    load_bundled()


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = _("Quality frameworks")

    def ready(self):
        from frameworks import structure  # noqa: F401  (its signals keep the kept structure current)

        # After migrate (and after a test flush) an empty database gets the bundled frameworks.
        post_migrate.connect(_load_bundled_frameworks, sender=self, dispatch_uid="frameworks.load_bundled")
