"""Evidence files attached to a report's criteria: checked by content, stored under random names, served as downloads.

The file's name and the browser's content type are not trusted: only the bytes decide
whether a file is a PDF, DOCX, XLSX, PNG or JPEG.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from audit.services import record
from inputs import files
from inputs.errors import InputRefused
from reports.models import Evidence, Report

MAX_SIZE = 10 * 1024 * 1024
MAX_PER_REPORT = 20

PDF, PNG, JPEG, DOCX, XLSX = files.PDF, files.PNG, files.JPEG, files.DOCX, files.XLSX
ALLOWED_LABEL = "PDF, DOCX, XLSX, PNG, JPEG"


def sniff(fileobj):
    """The content type the bytes really are (their structure is checked: inputs.files), or None."""
    try:
        return files.document_type(fileobj)
    except InputRefused:
        return None


def validate_upload(uploaded):
    """The content type of an acceptable upload; ValidationError with a message for the person otherwise.

    The structure is checked (a PDF parses, an Office file is sound OOXML, an image decodes) and,
    when CLAMAV_SOCKET is set, the file is scanned (inputs.files.check_upload)."""
    if uploaded.size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB.") % {"name": uploaded.name},
            code="too_large",
        )
    try:
        return files.check_upload(uploaded)
    except InputRefused as exc:
        raise ValidationError(
            _("“%(name)s” is not a PDF, DOCX, XLSX, PNG or JPEG file (its content was checked, not its name).")
            % {"name": uploaded.name}
            + " "
            + exc.message,
            code="type",
        ) from None


def _check_editable(report, actor):
    from reports.services import TransitionNotAllowed, can_edit

    if not can_edit(actor, report):
        raise PermissionDenied
    if not report.is_editable:
        raise TransitionNotAllowed(_("A submitted or approved report cannot be changed."))


def add_evidence(report, criterion, uploaded, *, actor):
    content_type = validate_upload(uploaded)
    with transaction.atomic():
        fresh = Report.objects.select_for_update().get(pk=report.pk)
        _check_editable(fresh, actor)
        if criterion.framework_id != fresh.framework_id:
            raise ValidationError(_("This criterion is not part of the report."))
        if fresh.evidence.count() >= MAX_PER_REPORT:
            raise ValidationError(
                _("A report can have at most %(n)s evidence files; delete one first.") % {"n": MAX_PER_REPORT},
                code="too_many",
            )
        name = uploaded.name.replace("\\", "/").rsplit("/", 1)[-1][:255] or "file"
        evidence = Evidence(
            report=fresh,
            criterion=criterion,
            original_name=name,
            content_type=content_type,
            size=uploaded.size,
            uploaded_by=actor,
        )
        evidence.file.save("upload", uploaded, save=False)
        try:
            evidence.save()
            record(
                actor=actor,
                action="evidence_add",
                obj=fresh,
                centre=fresh.centre,
                changes={"criterion": criterion.code, "file": name, "size": uploaded.size},
            )
        except Exception:
            # The rows roll back; the file written above must not stay behind as an orphan.
            evidence.file.storage.delete(evidence.file.name)
            raise
    return evidence


def delete_evidence(evidence, *, actor):
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=evidence.report_id)
        _check_editable(report, actor)
        storage, path = evidence.file.storage, evidence.file.name
        code, name = evidence.criterion.code, evidence.original_name
        evidence.delete()
        record(
            actor=actor,
            action="evidence_delete",
            obj=report,
            centre=report.centre,
            changes={"criterion": code, "file": name},
        )
        transaction.on_commit(lambda: storage.delete(path))


def download(evidence):
    """The file as an attachment. Behind nginx (EVIDENCE_X_ACCEL_PREFIX set), nginx sends the bytes from an
    internal location after this view has checked access, so no app worker streams files."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.utils.encoding import escape_uri_path

    prefix = getattr(settings, "EVIDENCE_X_ACCEL_PREFIX", "")
    if prefix:
        response = HttpResponse(content_type=evidence.content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + escape_uri_path(evidence.file.name)
        ascii_name = evidence.original_name.encode("ascii", "ignore").decode().replace('"', "") or "file"
        response["Content-Disposition"] = (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{escape_uri_path(evidence.original_name)}"
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
