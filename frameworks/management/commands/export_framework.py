"""Write a framework as JSON that load_framework accepts unchanged."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from frameworks.loader import export
from frameworks.models import Framework


class Command(BaseCommand):
    help = "Export a framework as JSON (to standard output unless --out is given)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="framework code, e.g. CPO-2018")
        parser.add_argument("--out", help="file to write instead of standard output")

    def handle(self, *args, code, out, **options):
        framework = Framework.objects.filter(code=code).first()
        if framework is None:
            known = ", ".join(Framework.objects.values_list("code", flat=True)) or "—"
            raise CommandError(_("no framework %(code)s (known: %(known)s)") % {"code": repr(code), "known": known})
        body = json.dumps(export(framework), ensure_ascii=False, indent=2) + "\n"
        if not out:
            self.stdout.write(body, ending="")
            return
        try:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(body)
        except OSError as exc:
            raise CommandError(
                _("%(file)s: cannot be written (%(error)s)") % {"file": out, "error": exc.strerror or exc}
            ) from None
        self.stderr.write(_("Wrote %(code)s to %(file)s") % {"code": framework.code, "file": out})
