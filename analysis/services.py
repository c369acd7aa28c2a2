"""State changes of the analysis app: the expert's texts and the agency's report import."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from analysis.models import AnalysisText
from audit.services import record
from centres.access import is_agency, is_agency_admin
from reports import importing

TEXT_FIELDS = ("conclusions", "recommendations_cpo", "recommendations_cipo")


def save_analysis_text(*, actor, year, region="", data):
    """Save the conclusions and recommendations of a year's analysis (national when region is empty)."""
    if not is_agency(actor):
        raise PermissionDenied
    with transaction.atomic():
        text, created = AnalysisText.objects.select_for_update().get_or_create(year=year, region=region or "")
        changes = {f: [getattr(text, f), data[f]] for f in TEXT_FIELDS if getattr(text, f) != data[f]}
        for f in TEXT_FIELDS:
            setattr(text, f, data[f])
        text.updated_by = actor
        text.save()
        record(actor=actor, action="analysis_text", obj=text, changes=changes, message=f"{year} {region}".strip())
    return text


def import_reports(*, actor, file, year, kind, filename=None):
    """The agency admin's upload: the same import as the command, with an audit entry for the file."""
    if not is_agency_admin(actor):
        raise PermissionDenied
    with transaction.atomic():
        result = importing.import_reports(file, year=year, kind=kind, actor=actor, filename=filename)
        if result.reports:
            record(
                actor=actor,
                action="import_file",
                obj=result.reports[0],
                message=f"{filename or ''}: {len(result.reports)} {kind} {year}",
            )
    return result


def import_national_history(*, actor, file, filename=None):
    """The agency admin's upload of published national figures: validated whole, saved whole, audited."""
    from analysis import history

    if not is_agency_admin(actor):
        raise PermissionDenied
    records = history.parse_file(file.read(), filename or "")
    with transaction.atomic():
        saved = history.save_records(records, actor=actor)
        for obj in saved:
            record(actor=actor, action="national_record", obj=obj, message=f"{filename or ''}: {obj.kind} {obj.year}")
    return saved


def set_counting_rule(*, actor, year, include_late):
    """Whether the analysis of `year` counts late reports in its grades and means."""
    from analysis.models import AnalysisSetting

    if not is_agency_admin(actor):
        raise PermissionDenied
    with transaction.atomic():
        setting, _created = AnalysisSetting.objects.select_for_update().get_or_create(year=year)
        changes = {"include_late": [setting.include_late, include_late]} if setting.include_late != include_late else {}
        setting.include_late = include_late
        setting.updated_by = actor
        setting.save()
        record(actor=actor, action="analysis_setting", obj=setting, changes=changes, message=str(year))
    return setting


def mark_quotable(*, actor, report, may_quote):
    """The agency's tick: this report's good practice may be quoted in the analysis, naming the centre."""
    from analysis.models import QuotablePractice

    if not is_agency(actor):
        raise PermissionDenied
    with transaction.atomic():
        mark, _created = QuotablePractice.objects.select_for_update().get_or_create(report=report)
        changes = {"may_quote": [mark.may_quote, may_quote]} if mark.may_quote != may_quote else {}
        mark.may_quote = may_quote
        mark.marked_by = actor
        mark.save()
        record(actor=actor, action="quotable_practice", obj=mark, centre=report.centre, changes=changes)
    return mark
