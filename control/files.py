"""Files the centre attaches to an objection or to its report on fulfilment: the evidence-file rules of reports.

The bytes decide the type (PDF, DOCX, XLSX, PNG, JPEG), at most 10 MB each, stored under
random names, served only as downloads to those who may see the control.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audit.services import record
from control.models import ControlFile
from reports.evidence import download, validate_upload

MAX_PER_CONTROL = 20

__all__ = ["download", "store", "validate_uploads"]


def validate_uploads(uploads):
    """The messages for the uploads that break the rules (empty when all are acceptable)."""
    problems = []
    for uploaded in uploads:
        try:
            validate_upload(uploaded)
        except ValidationError as exc:
            problems.extend(exc.messages)
    return problems


def store(control, uploaded, *, actor, purpose, finding=None):
    """Save one upload (called inside the service's transaction, after validate_uploads)."""
    content_type = validate_upload(uploaded)
    if control.files.count() >= MAX_PER_CONTROL:
        raise ValidationError(
            {"files": _("A control can have at most %(n)s files.") % {"n": MAX_PER_CONTROL}}, code="too_many"
        )
    name = uploaded.name.replace("\\", "/").rsplit("/", 1)[-1][:255] or "file"
    item = ControlFile(
        control=control,
        purpose=purpose,
        finding=finding,
        original_name=name,
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=actor,
    )
    item.file.save("upload", uploaded, save=False)
    try:
        item.save()
        record(
            actor=actor,
            action="control_file_add",
            obj=control,
            centre=control.centre,
            changes={"purpose": purpose, "file": name, "size": uploaded.size},
        )
    except Exception:
        # The rows roll back; the file written above must not stay behind as an orphan.
        item.file.storage.delete(item.file.name)
        raise
    return item
