"""Write a framework as JSON that load_framework accepts unchanged."""

import json

from django.core.management.base import BaseCommand, CommandError

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
            known = ", ".join(Framework.objects.values_list("code", flat=True)) or "none"
            raise CommandError(f"no framework {code!r} (known: {known})")
        body = json.dumps(export(framework), ensure_ascii=False, indent=2) + "\n"
        if not out:
            self.stdout.write(body, ending="")
            return
        try:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(body)
        except OSError as exc:
            raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
        self.stderr.write(f"Wrote {framework.code} to {out}")
