"""Compile every app's .po catalogue to .mo in pure Python, so a fresh machine needs no GNU gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po files that changed since their .mo."

    def handle(self, *args, **options):
        compiled = 0
        for po_path in Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        if compiled:
            self.stdout.write(f"compiled {compiled} translation catalogue(s)")
