"""State changes for centres: one function per change, used by views and commands alike."""

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from centres import registry_version
from centres.importing import CentreImportError, Problem, parse
from centres.models import Centre
from inputs.errors import InputRefused
from inputs.text import clean_email, clean_licence, clean_text

__all__ = [
    "CentreConflict",
    "CentreImportError",
    "ImportResult",
    "Problem",
    "centre_values",
    "create_centre",
    "import_centres",
    "update_centre",
]


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
        registry_version.bump()  # bulk writes send no post_save
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


# ------------------------------------------------------------------ one centre, edited in the application
EDITABLE = (
    "name",
    "kind",
    "licence_number",
    "region",
    "municipality",
    "address",
    "email",
    "website",
    "licensed_on",
    "licence_revoked_on",
    "iso_9001",
)
_TEXT_LIMITS = {"name": 300, "municipality": 100, "address": 300, "website": 200}


class CentreConflict(Exception):
    """Somebody saved the same fields of the centre after the form was opened; nothing was saved.

    `fields` are the names both changed (to different values); `current` the saved values now.
    """

    def __init__(self, fields, current):
        self.fields = list(fields)
        self.current = current
        super().__init__(f"centre changed meanwhile: {', '.join(self.fields)}")


def _plain(value):
    """A field's value as JSON keeps it (dates as ISO text), for the audit entry and the form's base."""
    return value.isoformat() if isinstance(value, dt.date) else value


def centre_values(centre):
    """{field: plain value} of the fields the agency admin edits."""
    return {name: _plain(getattr(centre, name)) for name in EDITABLE}


def _check_admin(actor):
    if not (actor is not None and actor.is_authenticated and actor.is_agency_admin):
        raise PermissionDenied


def _normalised(values):
    """The values with texts checked (no control characters, within the lengths); ValidationError per field."""
    values = dict(values)
    errors = {}
    for name, limit in _TEXT_LIMITS.items():
        if name in values:
            try:
                values[name] = clean_text(values[name], max_length=limit, required=name == "name")
            except InputRefused as exc:
                errors[name] = exc.message
    for name, clean in (("licence_number", clean_licence), ("email", clean_email)):
        if name in values:
            try:
                values[name] = clean(values[name])
            except InputRefused as exc:
                errors[name] = exc.message
    if errors:
        raise ValidationError(errors)
    return values


def _validate(centre, *, kind_before=None):
    """What the register forbids, checked on the centre as it would be saved; ValidationError per field."""
    errors = {}
    taken = Centre.objects.filter(licence_number=centre.licence_number).exclude(pk=centre.pk)
    if taken.exists():
        errors["licence_number"] = _("Another centre has licence number %(number)s.") % {
            "number": centre.licence_number
        }
    if centre.licence_revoked_on and centre.licensed_on and centre.licence_revoked_on < centre.licensed_on:
        errors["licence_revoked_on"] = _("The licence cannot be withdrawn before it was granted.")
    # Reports, frameworks and activity information follow the kind; a licence does not change kind.
    changes_kind = kind_before is not None and centre.kind != kind_before
    if changes_kind and (centre.reports.exists() or centre.activity_reports.exists()):
        errors["kind"] = _("The kind cannot change: the centre already has reports of its kind.")
    try:
        centre.full_clean(exclude=list(errors), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update({name: messages[0] for name, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)


def create_centre(*, actor, values):
    """Add a centre to the register (agency admin). ValidationError per field; nothing saved on error."""
    _check_admin(actor)
    values = _normalised({name: values.get(name) for name in EDITABLE})
    values["iso_9001"] = bool(values.get("iso_9001"))
    with transaction.atomic():
        centre = Centre(**values)
        _validate(centre)
        centre.save()
        record(
            actor=actor,
            action="centre_add",
            obj=centre,
            centre=centre,
            changes={name: [None, value] for name, value in centre_values(centre).items()},
        )
    return centre


def update_centre(centre, *, actor, values, base=None):
    """Save the agency admin's changes to a centre's details; returns {field: [before, after]}.

    `base` is centre_values() as the form showed them. Against it the save is a three-way merge:
    a field the admin left as it was keeps what is saved now (somebody else may have changed it),
    a field only the admin changed takes the new value, and a field both changed to different values
    raises CentreConflict with nothing saved. Without `base` every given field is written.
    """
    _check_admin(actor)
    values = _normalised({name: value for name, value in values.items() if name in EDITABLE})
    with transaction.atomic():
        fresh = Centre.objects.select_for_update().get(pk=centre.pk)
        current = centre_values(fresh)
        mine = {name: _plain(value) for name, value in values.items()}
        if base is not None:
            touched = {name for name in mine if mine[name] != base.get(name)}
            conflicts = [
                name
                for name in EDITABLE
                if name in touched and current[name] != base.get(name) and current[name] != mine[name]
            ]
            if conflicts:
                raise CentreConflict(conflicts, current)
            values = {name: value for name, value in values.items() if name in touched}
        changes = {
            name: [current[name], _plain(value)] for name, value in values.items() if _plain(value) != current[name]
        }
        if changes:
            kind_before = fresh.kind
            for name in changes:
                setattr(fresh, name, values[name])
            _validate(fresh, kind_before=kind_before)
            fresh.save(update_fields=sorted(changes))
            # The public register listens to audit entries on centres (public.signals), so its cache follows.
            record(actor=actor, action="centre_edit", obj=fresh, centre=fresh, changes=changes)
    for name in changes:
        setattr(centre, name, getattr(fresh, name))
    return changes
