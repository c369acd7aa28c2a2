"""Create many submitted reports at once: the agency's file import and the demo seed use it.

Callers validate first; this writes Report, Submission, SubmissionScore and audit rows in
bulk inside one transaction, computing totals, grades and timeliness exactly as a
submission through the form would.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from audit.models import AuditEntry
from frameworks import scoring
from reports.deadlines import deadlines_for, is_on_time
from reports.models import Answer, Report, Status, Submission, SubmissionScore
from reports.signals import reports_created_in_bulk


@dataclass
class SubmittedEntry:
    centre: object
    submitted_at: object  # aware datetime
    points: dict  # {criterion code: Decimal}
    texts: dict = field(default_factory=dict)
    status: str = Status.SUBMITTED


def bands_of(framework):
    return [scoring.Band(b.code, b.name, b.min_points, b.max_points) for b in framework.grade_bands.all()]


def summarise(framework, points, bands=None):
    """(total, grade code, zero_value) for a complete set of points."""
    if not framework.is_scored:
        return None, "", False
    total = scoring.total(points)
    band = scoring.grade_for(total, bands if bands is not None else bands_of(framework))
    return total, band.code if band else "", scoring.is_zero_value(points)


CENT = Decimal("0.01")


def area_structure(framework):
    """{area code: [criterion codes]} of a framework, in one query."""
    structure = {}
    for area, code in framework.criteria.order_by().values_list("area__code", "code"):
        structure.setdefault(area, []).append(code)
    return structure


def area_totals(framework, points, structure=None):
    """{area code: points as text} of one version, stored on its Submission ({} for yes/no frameworks)."""
    if not framework.is_scored:
        return {}
    subtotals = scoring.area_subtotals(structure if structure is not None else area_structure(framework), points)
    return {area: format(value.quantize(CENT), "f") for area, value in subtotals.items()}


@transaction.atomic
def create_submitted_reports(entries, *, year, framework, actor=None, imported=True, action="import"):
    criteria = {c.code: c for c in framework.criteria.all()}
    bands = bands_of(framework)
    structure = area_structure(framework)
    entries = list(entries)
    # Each centre is judged against its own deadline: an extension the agency granted counts here too.
    deadlines = deadlines_for(year, [e.centre for e in entries])
    reports = Report.objects.bulk_create(
        Report(
            centre=e.centre,
            year=year,
            framework=framework,
            status=e.status,
            texts=e.texts,
            zero_value=framework.is_scored and scoring.is_zero_value(e.points),
        )
        for e in entries
    )
    submissions = []
    for report, e in zip(reports, entries, strict=True):
        total, grade, zero = summarise(framework, e.points, bands)
        submissions.append(
            Submission(
                report=report,
                number=1,
                submitted_at=e.submitted_at,
                submitted_by=actor,
                on_time=is_on_time(e.submitted_at, year, deadlines[e.centre.pk]),
                total=total,
                grade=grade,
                zero_value=zero,
                texts=e.texts,
                answers={code: {"points": str(p), "comment": ""} for code, p in e.points.items()},
                imported=imported,
                counted=True,  # each report's only version, and its last_submission below
                area_totals=area_totals(framework, e.points, structure),
            )
        )
    submissions = Submission.objects.bulk_create(submissions)
    SubmissionScore.objects.bulk_create(
        (
            SubmissionScore(submission=s, criterion=criteria[code], points=Decimal(p))
            for s, e in zip(submissions, entries, strict=True)
            for code, p in e.points.items()
        ),
        batch_size=5000,
    )
    Answer.objects.bulk_create(
        (
            Answer(report=r, criterion=criteria[code], points=Decimal(p))
            for r, e in zip(reports, entries, strict=True)
            for code, p in e.points.items()
        ),
        batch_size=5000,
    )
    for report, submission in zip(reports, submissions, strict=True):
        report.last_submission = submission
    Report.objects.bulk_update(reports, ["last_submission"], batch_size=1000)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action=action,
            object_type=Report._meta.label_lower,
            object_id=str(r.pk),
            centre=r.centre,
            from_state="",
            to_state=r.status,
        )
        for r in reports
    )
    reports_created_in_bulk.send(sender=Report, year=year, action=action, count=len(reports))
    return reports
