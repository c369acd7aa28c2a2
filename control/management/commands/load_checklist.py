"""Load a control checklist (protocol template) from a JSON file (the format of control/data/checklist-*.json)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from control.loader import ControlFileError, load_checklist, read_file


class Command(BaseCommand):
    help = "Validate and load a checklist file; on any problem list them all and save nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the checklist JSON file")
        parser.add_argument(
            "--replace", action="store_true", help="reload a checklist with the same code (refused once used)"
        )

    def handle(self, *args, file, replace, **options):
        try:
            checklist = load_checklist(read_file(file), replace=replace)
        except ControlFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            count = len(exc.problems)
            raise CommandError(
                ngettext("%(file)s: not loaded (%(count)d problem)", "%(file)s: not loaded (%(count)d problems)", count)
                % {"file": file, "count": count}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Loaded checklist %(code)s (%(kind)s): %(sections)d sections, %(items)d items")
                % {
                    "code": checklist.code,
                    "kind": checklist.get_kind_display(),
                    "sections": checklist.sections.count(),
                    "items": checklist.items.count(),
                }
            )
        )
