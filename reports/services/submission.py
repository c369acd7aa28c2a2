"""Submitting a report: the director's declaration and the frozen, numbered version.

submit_report checks the report is complete and declared, then stores a Submission with its
scores, totals, timeliness and snapshots (evidence, the year's activity data); repeating it
returns the same version.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from reports import snapshots
from reports.bulk import area_totals, summarise
from reports.checks import check_report
from reports.deadlines import is_on_time
from reports.models import Status, Submission, SubmissionScore
from reports.services.common import (
    ZERO,
    ReportIncomplete,
    TransitionNotAllowed,
    _fmt,
    _locked,
    _notify,
    _sync,
    can_submit,
)


def declaration_text(report):
    """The statement the director confirms on submitting; stored word for word with the submission."""
    return _(
        "I declare that the data in the self-assessment report for %(year)s and in the activity information "
        "of %(centre)s for that year are true and complete."
    ) % {"year": report.year, "centre": report.centre.name}


def submit_report(report, *, actor, declared, now=None):
    """Freeze the report as a new submitted version. Repeating it (double click, retry) returns the same version.

    `declared` is the director's confirmation that the data are true (declaration_text); without it
    nothing is submitted.
    """
    if not can_submit(actor, report):
        raise PermissionDenied
    with transaction.atomic():
        # The row lock serialises concurrent submits: the later ones see "submitted" and return.
        fresh = _locked(report)
        if fresh.status == Status.SUBMITTED and fresh.last_submission_id:
            _sync(report, fresh)
            return Submission.objects.get(pk=fresh.last_submission_id)
        if not fresh.can_be_submitted():
            raise TransitionNotAllowed(_("This report cannot be submitted in its current status."))
        gaps = check_report(fresh)
        if gaps:
            raise ReportIncomplete(gaps)
        if not declared:
            raise ValidationError({"declaration": _("Confirm that the data are true to submit the report.")})
        now = now or timezone.now()
        answers = list(fresh.answers.select_related("criterion"))
        points = {a.criterion.code: (ZERO if fresh.zero_value else a.points) for a in answers}
        total, grade, _zero = summarise(fresh.framework, points)
        number = (fresh.submissions.aggregate(n=Max("number"))["n"] or 0) + 1
        # Timeliness belongs to the report: a correction the agency asked for after the
        # deadline does not make a report that was first filed on time a late one.
        first = fresh.submissions.filter(number=1).values_list("on_time", flat=True).first()
        submission = Submission.objects.create(
            report=fresh,
            number=number,
            submitted_at=now,
            submitted_by=actor,
            on_time=is_on_time(now, fresh.year, centre=fresh.centre) if first is None else first,
            total=total,
            grade=grade,
            zero_value=fresh.zero_value,
            texts=dict(fresh.texts),
            answers={
                a.criterion.code: {
                    "points": _fmt(points[a.criterion.code]),
                    "comment": a.comment,
                    "disagreement_reason": a.disagreement_reason,
                }
                for a in answers
            },
            counted=True,
            area_totals=area_totals(fresh.framework, points),
            declaration=declaration_text(fresh),
            # The version keeps what it was based on, so later diffs and documents show it as it was.
            evidence_files=snapshots.evidence_of(fresh),
            year_data=snapshots.take_year_data(fresh.centre, fresh.year),
        )
        # The new version is the one national figures count from now on (perf: a flag, not a join).
        fresh.submissions.filter(counted=True).exclude(pk=submission.pk).update(counted=False)
        SubmissionScore.objects.bulk_create(
            SubmissionScore(submission=submission, criterion=a.criterion, points=points[a.criterion.code])
            for a in answers
        )
        from_state = fresh.status
        fresh.status = Status.SUBMITTED
        fresh.last_submission = submission
        fresh.lock_version += 1
        fresh.save(update_fields=["status", "last_submission", "lock_version", "updated_at"])
        record(
            actor=actor,
            action="submit",
            obj=fresh,
            centre=fresh.centre,
            from_state=from_state,
            to_state=fresh.status,
            changes={"version": number, "on_time": submission.on_time, "total": _fmt(total), "grade": grade},
        )
        _notify("on_submitted", submission)
    _sync(report, fresh)
    return submission
