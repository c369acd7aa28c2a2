"""The remedy period: the centre's report on fulfilled recommendations (once, by the remedy
deadline, with files) and the inspectors marking each recommendation fulfilled or not.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from control import timers
from control.models import Finding, FulfilmentReport, State
from control.services.common import _guard, _locked, _require, _store_files, _text, is_centre_editor, is_inspector


def submit_fulfilment(control, *, actor, entries, files=None, on=None):
    """The centre's report on fulfilled recommendations: {finding id: {"done": bool, "text": str}}, once."""
    from control.files import validate_uploads
    from control.models import FilePurpose

    _require(is_centre_editor(actor, control))
    on = on or timers.today()
    files = files or {}
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.REMEDY)
        if FulfilmentReport.objects.filter(control=fresh).exists():
            raise ValidationError({"__all__": _("The report on fulfilled recommendations has already been submitted.")})
        if on > fresh.remedy_deadline:
            raise ValidationError(
                {
                    "__all__": _("The remedy deadline passed on %(day)s.")
                    % {"day": fresh.remedy_deadline.strftime("%d.%m.%Y")}
                }
            )
        findings = {f.pk: f for f in fresh.findings.all()}
        errors = {}
        for pk in findings:
            entry = entries.get(pk) or {}
            done = entry.get("done")
            if done is None:
                errors[f"finding-{pk}"] = _("Say whether recommendation %(n)s was fulfilled.") % {"n": pk}
            elif not _text(entry.get("text")):
                errors[f"finding-{pk}"] = _("Describe what was done for recommendation %(n)s.") % {"n": pk}
            file_errors = validate_uploads(files.get(pk, ()))
            if file_errors:
                errors[f"files-{pk}"] = file_errors
        unknown = set(entries) - set(findings)
        if unknown:
            errors["__all__"] = _("Unknown recommendation.")
        if errors:
            raise ValidationError(errors)
        for pk, finding in findings.items():
            finding.centre_done = bool(entries[pk]["done"])
            finding.centre_text = _text(entries[pk]["text"])
        Finding.objects.bulk_update(findings.values(), ["centre_done", "centre_text"])
        report = FulfilmentReport.objects.create(control=fresh, submitted_by=actor, submitted_at=timezone.now())
        for pk, uploads in files.items():
            _store_files(fresh, uploads, actor=actor, purpose=FilePurpose.FULFILMENT, finding=findings[pk])
        record(
            actor=actor,
            action="control_fulfilment",
            obj=fresh,
            centre=fresh.centre,
            changes={"done": sum(1 for f in findings.values() if f.centre_done), "of": len(findings)},
        )
    return report


def mark_recommendation(finding, *, actor, fulfilled):
    control = finding.control
    _require(is_inspector(actor, control))
    with transaction.atomic():
        fresh = _locked(control)
        _guard(fresh, State.REMEDY)
        finding = Finding.objects.select_for_update().get(pk=finding.pk, control=fresh)
        report = FulfilmentReport.objects.filter(control=fresh).first()
        finding.fulfilled = bool(fulfilled)
        finding.fulfilled_on_time = bool(
            fulfilled and report and timezone.localtime(report.submitted_at, timers.SOFIA).date() <= finding.deadline
        )
        finding.save(update_fields=["fulfilled", "fulfilled_on_time"])
        record(
            actor=actor,
            action="control_mark",
            obj=fresh,
            centre=fresh.centre,
            changes={"finding": finding.pk, "fulfilled": finding.fulfilled},
        )
    return finding
