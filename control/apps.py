from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_bundled(sender, using="default", **kwargs):
    from control.loader import load_bundled

    load_bundled()


class ControlConfig(AppConfig):
    name = "control"
    verbose_name = _("Follow-up control")

    def ready(self):
        # After migrate (and after a test flush) an empty database gets the bundled risk model and checklists.
        post_migrate.connect(_load_bundled, sender=self, dispatch_uid="control.load_bundled")
