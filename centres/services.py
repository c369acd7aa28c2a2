"""State changes for centres: one function per change, used by views and commands alike."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from centres.importing import CentreImportError, Problem, parse
from centres.models import Centre

__all__ = ["CentreImportError", "ImportResult", "Problem", "import_centres"]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int = 0


def import_centres(file_path_or_fileobj, *, actor=None, filename=None):
    """Create or update centres from the register file (CSV or XLSX), matched by licence number.

    The whole file is checked first; on any problem CentreImportError lists them all and
    nothing is saved. `actor` None means the command line (trusted); a user must be an agency admin.
    """
    if actor is not None and not actor.is_agency_admin:
        raise PermissionDenied
    parsed = parse(file_path_or_fileobj, filename=filename)
    with transaction.atomic():
        licences = [values["licence_number"] for _row, values in parsed.rows]
        existing = Centre.objects.select_for_update().in_bulk(licences, field_name="licence_number")
        to_create, to_update, changed_fields, problems = [], [], set(), []
        for row, values in parsed.rows:
            centre = existing.get(values["licence_number"])
            if centre is None:
                to_create.append(Centre(**values))
                continue
            if centre.kind != values["kind"]:
                # Reports and frameworks follow the kind; a licence does not change kind.
                problems.append(
                    Problem(
                        row, "kind", values["kind"], _("The registered centre with this licence is of another kind.")
                    )
                )
                continue
            changes = {name: value for name, value in values.items() if getattr(centre, name) != value}
            if changes:
                for name, value in changes.items():
                    setattr(centre, name, value)
                changed_fields.update(changes)
                to_update.append(centre)
        if problems:
            raise CentreImportError(problems)
        Centre.objects.bulk_create(to_create, batch_size=500)
        if to_update:
            Centre.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)
        result = ImportResult(
            created=len(to_create), updated=len(to_update), unchanged=len(parsed.rows) - len(to_create) - len(to_update)
        )
        # One entry for the whole file: the import is one change to the register.
        record(
            actor=actor,
            action="import_centres",
            obj=SimpleNamespace(_meta=Centre._meta, pk=""),
            changes={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            message=filename or getattr(file_path_or_fileobj, "name", None) or str(file_path_or_fileobj),
        )
    return result
