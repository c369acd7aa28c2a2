"""Every change to a report goes through one function here: views, API and commands call these.

Each function checks the actor's rights (PermissionDenied), changes the data inside one
transaction and records an audit entry. Notifications are sent after commit, so a rolled
back change never sends mail.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from centres.models import Centre
from formatting.numbers import format_number
from frameworks.models import Framework, SectionKind
from reports import evidence, merging, snapshots
from reports.bulk import area_totals, summarise
from reports.checks import Gap, check_report, disagreements
from reports.deadlines import is_on_time, last_on_time_day
from reports.merging import Conflict
from reports.models import (
    Answer,
    DeadlineExtension,
    Report,
    ReportingYear,
    ReviewNote,
    Status,
    Submission,
    SubmissionScore,
)

ZERO = Decimal(0)

__all__ = [
    "Conflict",
    "Gap",
    "ReportIncomplete",
    "StaleReport",
    "TransitionNotAllowed",
    "approve_report",
    "assign_report",
    "grant_extension",
    "revoke_extension",
    "set_deadline",
    "reopen_report",
    "can_edit",
    "can_review",
    "can_submit",
    "check_report",
    "disagreements",
    "open_report",
    "open_reporting_year",
    "return_report",
    "save_draft",
    "submit_report",
]


class TransitionNotAllowed(PermissionDenied):
    """The report's status does not allow this change (e.g. editing a submitted report). Answers 403."""


class StaleReport(Exception):
    """Somebody saved the same fields after the version the change was based on; nothing was saved.

    `conflicts` are the fields both changed; `keep_theirs` maps the anchors of fields only the
    other person changed to their saved values, which the form must show instead of the stale ones.
    """

    def __init__(self, conflicts, current_lock_version, keep_theirs=None):
        self.conflicts = conflicts
        self.current_lock_version = current_lock_version
        self.keep_theirs = keep_theirs or {}
        super().__init__(f"report changed meanwhile ({len(conflicts)} fields changed by both)")


class ReportIncomplete(Exception):
    def __init__(self, gaps):
        self.gaps = gaps
        super().__init__(f"{len(gaps)} gaps")


# ---------------------------------------------------------------- who may do what
def can_edit(user, report):
    return bool(user.is_authenticated and user.can_edit_reports and user.centre_id == report.centre_id)


def can_submit(user, report):
    return bool(user.is_authenticated and user.can_submit_reports and user.centre_id == report.centre_id)


def can_review(user):
    return bool(user.is_authenticated and user.is_agency)


def _notify(name, *args):
    from reports import notifications

    transaction.on_commit(lambda: getattr(notifications, name)(*args))


def _locked(report):
    return Report.objects.select_for_update().select_related("framework", "centre").get(pk=report.pk)


def _sync(report, fresh):
    """Make the caller's instance reflect the saved row."""
    names = (
        "status",
        "texts",
        "zero_value",
        "lock_version",
        "return_comment",
        "approval_comment",
        "last_submission_id",
    )
    for name in (*names, "updated_at"):
        setattr(report, name, getattr(fresh, name))
    report.__dict__.pop("last_submission", None)
    report._state.fields_cache.pop("last_submission", None)


# ---------------------------------------------------------------- opening
def open_report(centre, year, *, actor):
    """This centre's report for the year: the existing one, or a new draft with an empty answer per criterion."""
    own = actor.can_edit_reports and actor.centre_id == centre.pk
    if not (own or actor.is_agency_admin):
        raise PermissionDenied
    framework = Framework.objects.for_report(centre.kind, year)
    if framework is None:
        raise ValidationError(_("No quality framework applies to this centre for %(year)s.") % {"year": year})
    with transaction.atomic():
        report, created = Report.objects.get_or_create(centre=centre, year=year, defaults={"framework": framework})
        if created:
            Answer.objects.bulk_create(Answer(report=report, criterion=c) for c in framework.criteria.all())
            record(actor=actor, action="open", obj=report, centre=centre, to_state=report.status)
    return report


def open_reporting_year(year, *, actor):
    """Open a draft for every centre licensed on 31 December of `year` that has none; return how many."""
    if not actor.is_agency_admin:
        raise PermissionDenied
    with transaction.atomic():
        centres = list(Centre.objects.licensed_on(dt.date(year, 12, 31)).exclude(reports__year=year))
        frameworks = {kind: Framework.objects.for_report(kind, year) for kind in {c.kind for c in centres}}
        reports = Report.objects.bulk_create(
            Report(centre=c, year=year, framework=frameworks[c.kind]) for c in centres if frameworks[c.kind]
        )
        criteria = {f.pk: list(f.criteria.all()) for f in frameworks.values() if f}
        Answer.objects.bulk_create(
            (Answer(report=r, criterion=c) for r in reports for c in criteria[r.framework_id]), batch_size=5000
        )
        reporting_year, _created = ReportingYear.objects.get_or_create(year=year)
        reporting_year.opened_at = timezone.now()
        reporting_year.save(update_fields=["opened_at"])
        record(actor=actor, action="open_year", obj=reporting_year, changes={"opened": len(reports)})
    return len(reports)


# ---------------------------------------------------------------- saving a draft
def _as_points(value):
    if value is None or value == "":
        return None
    try:
        points = Decimal(str(value))
    except InvalidOperation:
        return "invalid"
    return points if points.is_finite() else "invalid"


def _text(value):
    # Browsers post a textarea's line breaks as CRLF but count them as one character.
    return (value or "").replace("\r\n", "\n")


def _fmt(points):
    return "" if points is None else format(points.normalize(), "f")


def _validate(report, texts, answers, zero_value, criteria):
    errors = {}
    sections = {s.code: s for s in report.framework.sections.all()}
    for code, value in texts.items():
        section = sections.get(code)
        if section is None or section.kind != SectionKind.TEXT:
            errors[f"section-{code}"] = _("There is no text section %(code)s.") % {"code": code}
        elif section.max_length and len(value) > section.max_length:
            errors[f"section-{code}"] = _("Section %(code)s is %(length)s characters long; the limit is %(limit)s.") % {
                "code": code,
                "length": len(value),
                "limit": section.max_length,
            }
    if zero_value and not report.framework.is_scored:
        errors["zero_value"] = _("Only a vocational training centre's report can be a zero-value report.")
    for code, answer in answers.items():
        criterion = criteria.get(code)
        if criterion is None:
            errors[f"criterion-{code}"] = _("There is no criterion %(code)s.") % {"code": code}
            continue
        points = answer.get("points")
        if points == "invalid":
            errors[f"criterion-{code}"] = _("Choose one of the levels.")
        elif (
            points is not None
            and not (zero_value and points == ZERO)
            and points not in {lv.points for lv in criterion.levels.all()}
        ):
            errors[f"criterion-{code}"] = _("%(points)s points is not a level of criterion %(code)s.") % {
                "points": format_number(points.normalize()),  # for people: "1,5", not "1.5"
                "code": code,
            }
    if errors:
        raise ValidationError(errors)


def _normalise_answers(answers):
    result = {}
    for code, answer in (answers or {}).items():
        answer = answer or {}
        result[str(code)] = {
            "points": _as_points(answer.get("points")),
            "comment": _text(answer.get("comment")),
            "disagreement_reason": _text(answer.get("disagreement_reason")),
        }
    return result


def save_draft(report, *, actor, lock_version, texts=None, answers=None, zero_value=None, merge=True):
    """Save the given parts of a draft (omitted parts stay as they are).

    `answers` is {criterion code: {"points": Decimal|None, "comment": str, "disagreement_reason": str}}.
    When the report was saved since `lock_version`, the save merges three ways (reports.merging)
    and is refused with StaleReport, saving nothing, if both changed a field; with merge=False
    (autosave: the page could not show the other person's values) any later save refuses it.
    """
    if not can_edit(actor, report):
        raise PermissionDenied
    texts = {str(k): _text(v) for k, v in (texts or {}).items()}
    answers = _normalise_answers(answers)
    with transaction.atomic():
        fresh = _locked(report)
        if not fresh.is_editable:
            raise TransitionNotAllowed(_("A submitted or approved report cannot be changed."))
        framework = fresh.framework
        criteria = {c.code: c for c in framework.criteria.prefetch_related("levels")}
        new_zero = fresh.zero_value if zero_value is None else bool(zero_value)
        _validate(fresh, texts, answers, new_zero, criteria)

        current = {a.criterion_id: a for a in fresh.answers.all()}
        by_code = {code: current[c.pk] for code, c in criteria.items() if c.pk in current}
        kept_theirs = []
        if fresh.lock_version != int(lock_version) and not merge:
            raise StaleReport([], fresh.lock_version)
        if fresh.lock_version != int(lock_version):
            # Saved meanwhile: merge three ways from the version the form was based on.
            saved, given = merging.saved_values(fresh, by_code), merging.given_values(texts, answers, zero_value)
            result = merging.merge(saved, given, merging.changed_since(fresh, int(lock_version)))
            if result.conflicts:
                raise StaleReport(
                    merging.conflicts(fresh, result.conflicts, saved, given, criteria),
                    fresh.lock_version,
                    keep_theirs=result.keep_theirs,
                )
            texts, answers, zero_value = merging.keep_theirs(result.keep_theirs, texts, answers, zero_value, by_code)
            kept_theirs = sorted(result.keep_theirs)
            new_zero = fresh.zero_value if zero_value is None else bool(zero_value)

        changes = {}
        new_texts = dict(fresh.texts)
        for code, value in texts.items():
            if new_texts.get(code, "") != value:
                changes.setdefault("texts", {})[code] = [new_texts.get(code, ""), value]
                new_texts[code] = value
        if new_zero != fresh.zero_value:
            changes["zero_value"] = [fresh.zero_value, new_zero]

        changed_answers = []
        for code, answer in by_code.items():
            given = answers.get(code)
            old = (answer.points, answer.comment, answer.disagreement_reason)
            if given is not None:
                answer.points = given["points"]
                answer.comment = given["comment"]
                answer.disagreement_reason = given["disagreement_reason"]
            if new_zero:
                answer.points = ZERO
            elif fresh.zero_value and given is None:
                # Leaving a zero-value declaration: its zeros were not choices, so the criteria need one again.
                answer.points = None
            new = (answer.points, answer.comment, answer.disagreement_reason)
            if new != old:
                changed_answers.append(answer)
                diff = {
                    name: [_fmt(a) if name == "points" else a, _fmt(b) if name == "points" else b]
                    for name, a, b in zip(("points", "comment", "disagreement_reason"), old, new, strict=True)
                    if a != b
                }
                changes.setdefault("answers", {})[code] = diff

        updated = Report.objects.filter(pk=fresh.pk, lock_version=fresh.lock_version).update(
            texts=new_texts, zero_value=new_zero, lock_version=F("lock_version") + 1, updated_at=timezone.now()
        )
        if updated != 1:  # pragma: no cover - the row lock makes this unreachable; kept as the guard of record
            raise StaleReport([], fresh.lock_version)
        Answer.objects.bulk_update(changed_answers, ["points", "comment", "disagreement_reason"])
        if changes:
            # Every save is audited (who, when, which fields, from which version): the trail is
            # also what the three-way merge of a later stale save reads its base values from.
            changes["saved_version"] = [fresh.lock_version, fresh.lock_version + 1]
            if kept_theirs:
                changes["kept_theirs"] = kept_theirs
            record(
                actor=actor,
                action="edit" if fresh.last_submission_id else "save",
                obj=fresh,
                centre=fresh.centre,
                from_state=fresh.status,
                to_state=fresh.status,
                changes=changes,
            )
        fresh.refresh_from_db(fields=["texts", "zero_value", "lock_version", "updated_at"])
    _sync(report, fresh)
    report.kept_theirs = kept_theirs
    return report


# ---------------------------------------------------------------- reporting years and deadlines
def set_deadline(year, *, actor, last_day):
    """Set (or clear, with None) the last on-time day of a year's reports for every centre. Audited."""
    if not actor.is_agency_admin:
        raise PermissionDenied
    with transaction.atomic():
        reporting_year, _created = ReportingYear.objects.select_for_update().get_or_create(year=year)
        before = reporting_year.deadline
        reporting_year.deadline = last_day
        reporting_year.save(update_fields=["deadline"])
        record(
            actor=actor,
            action="deadline",
            obj=reporting_year,
            changes={"year": year, "deadline": [_day(before), _day(last_day)]},
        )
    return reporting_year


def grant_extension(centre, year, *, actor, last_day, reason):
    """Give one centre a later last on-time day for a year (or change it). Audited with the reason.

    The on-time rule (reports.deadlines.is_on_time) judges that centre's first submission against it.
    """
    if not actor.is_agency_admin:
        raise PermissionDenied
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Write why the deadline is extended.")
    if last_day is None:
        errors["last_day"] = _("Give the new last day.")
    elif last_day <= last_on_time_day(year):
        errors["last_day"] = _("The new last day must be after the year's deadline (%(day)s).") % {
            "day": last_on_time_day(year).strftime("%d.%m.%Y")
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        extension, created = DeadlineExtension.objects.select_for_update().get_or_create(
            centre=centre, year=year, defaults={"last_day": last_day, "reason": reason, "granted_by": actor}
        )
        before = None if created else extension.last_day
        if not created:
            extension.last_day, extension.reason, extension.granted_by = last_day, reason, actor
            extension.save(update_fields=["last_day", "reason", "granted_by", "granted_at"])
        record(
            actor=actor,
            action="extension",
            obj=extension,
            centre=centre,
            changes={"year": year, "last_day": [_day(before), _day(last_day)]},
            message=reason,
        )
    return extension


def revoke_extension(extension, *, actor):
    if not actor.is_agency_admin:
        raise PermissionDenied
    with transaction.atomic():
        record(
            actor=actor,
            action="extension_revoked",
            obj=extension,
            centre=extension.centre,
            changes={"year": extension.year, "last_day": [_day(extension.last_day), ""]},
        )
        extension.delete()


def _day(value):
    return value.isoformat() if value else ""


# ---------------------------------------------------------------- saving with evidence files
@dataclass
class SaveOutcome:
    kept_theirs: list = field(default_factory=list)  # anchors of fields somebody else changed meanwhile, kept
    kept_theirs_labels: list = field(default_factory=list)
    saved_files: list = field(default_factory=list)  # [Evidence]
    refused_files: dict = field(default_factory=dict)  # {criterion code or "": [messages]}
    deleted: object = None  # the Evidence deleted with this save


def save_with_files(report, *, actor, arguments, uploads=(), delete=None):
    """Save the draft, then attach each acceptable file and refuse the others, saying which.

    `arguments` are save_draft's keyword arguments; `uploads` is [(criterion, uploaded file)];
    `delete` an Evidence of the report to delete with the save. The draft (and the deletion) is
    saved first and on its own: a refused file never takes the typed text or the valid files with it.
    StaleReport and ValidationError from the draft save propagate with nothing saved.
    """
    outcome = SaveOutcome()
    acceptable = []
    for criterion, uploaded in uploads:
        try:
            evidence.validate_upload(uploaded)
        except ValidationError as exc:
            outcome.refused_files.setdefault(criterion.code, []).extend(exc.messages)
        else:
            acceptable.append((criterion, uploaded))
    with transaction.atomic():
        save_draft(report, actor=actor, **arguments)
        if delete is not None:
            evidence.delete_evidence(delete, actor=actor)
            outcome.deleted = delete
    outcome.kept_theirs = report.kept_theirs
    if outcome.kept_theirs:
        sections = {s.code: s for s in report.framework.sections.all()}
        criteria = {c.code: c for c in report.framework.criteria.all()}
        outcome.kept_theirs_labels = [merging.label_for(a, sections, criteria) for a in outcome.kept_theirs]
    for criterion, uploaded in acceptable:
        try:
            outcome.saved_files.append(evidence.add_evidence(report, criterion, uploaded, actor=actor))
        except ValidationError as exc:  # e.g. the report's limit of files reached with this one
            outcome.refused_files.setdefault(criterion.code, []).extend(exc.messages)
    return outcome


def delete_evidence(item, *, actor):
    """Delete one evidence file of an editable report (the file's own delete form)."""
    evidence.delete_evidence(item, actor=actor)
    return item


def add_evidence(report, criterion, uploaded, *, actor):
    return evidence.add_evidence(report, criterion, uploaded, actor=actor)


# ---------------------------------------------------------------- submitting and reviewing
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


def approve_report(report, *, actor, comment=""):
    """Approve the submitted version; the optional comment is stored, audited, e-mailed and shown to the centre."""
    if not can_review(actor):
        raise PermissionDenied
    comment = (comment or "").strip()
    with transaction.atomic():
        fresh = _locked(report)
        if not fresh.can_be_reviewed():
            raise TransitionNotAllowed(_("Only a submitted report can be approved."))
        fresh.status = Status.APPROVED
        fresh.approval_comment = comment
        fresh.lock_version += 1
        fresh.save(update_fields=["status", "approval_comment", "lock_version", "updated_at"])
        record(
            actor=actor,
            action="approve",
            obj=fresh,
            centre=fresh.centre,
            from_state=Status.SUBMITTED,
            to_state=Status.APPROVED,
            message=comment,
        )
        _notify("on_approved", fresh)
    _sync(report, fresh)
    return report


def can_reopen(user):
    return bool(user.is_authenticated and user.is_agency_admin)


def reopen_report(report, *, actor, reason):
    """Undo an approval (agency admin only): the report is waiting for review again. Audited with the reason."""
    if not can_reopen(actor):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the approval is undone.")})
    with transaction.atomic():
        fresh = _locked(report)
        if fresh.status != Status.APPROVED:
            raise TransitionNotAllowed(_("Only an approved report can be reopened."))
        fresh.status = Status.SUBMITTED
        fresh.approval_comment = ""
        fresh.lock_version += 1
        fresh.save(update_fields=["status", "approval_comment", "lock_version", "updated_at"])
        record(
            actor=actor,
            action="reopen",
            obj=fresh,
            centre=fresh.centre,
            from_state=Status.APPROVED,
            to_state=Status.SUBMITTED,
            message=reason,
        )
    _sync(report, fresh)
    return report


def assign_report(report, *, actor, expert):
    """Give the report to an agency expert to review (None: nobody). Experts take reports for themselves;
    an agency admin assigns anybody's. Audited."""
    if not can_review(actor):
        raise PermissionDenied
    if expert is not None and not (expert.is_agency and expert.is_active):
        raise ValidationError({"expert": _("Reports are assigned to active agency experts only.")})
    if not actor.is_agency_admin and expert not in (None, actor):
        raise PermissionDenied
    with transaction.atomic():
        fresh = _locked(report)
        if not actor.is_agency_admin and fresh.assigned_to_id not in (None, actor.pk):
            raise PermissionDenied  # an expert does not take another expert's report
        before = fresh.assigned_to
        fresh.assigned_to = expert
        fresh.save(update_fields=["assigned_to", "updated_at"])
        record(
            actor=actor,
            action="assign",
            obj=fresh,
            centre=fresh.centre,
            changes={"assigned_to": [_person(before), _person(expert)]},
        )
    report.assigned_to = fresh.assigned_to
    return report


def _person(user):
    return (user.get_full_name() or user.username) if user else ""


def return_report(report, *, actor, comment, notes=None):
    """Return a submitted report for correction; `notes` is {criterion code or "": text} on the last version."""
    if not can_review(actor):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write why the report is returned for correction.")})
    with transaction.atomic():
        fresh = _locked(report)
        if not fresh.can_be_reviewed():
            raise TransitionNotAllowed(_("Only a submitted report can be returned for correction."))
        criteria = {c.code: c for c in fresh.framework.criteria.all()}
        notes = {str(k or ""): (v or "").strip() for k, v in (notes or {}).items()}
        unknown = [code for code in notes if code and code not in criteria]
        if unknown:
            raise ValidationError(
                {"notes": _("There is no criterion %(codes)s.") % {"codes": ", ".join(sorted(unknown))}}
            )
        ReviewNote.objects.bulk_create(
            ReviewNote(
                report=fresh,
                submission_id=fresh.last_submission_id,
                criterion=criteria.get(code),
                text=text,
                author=actor,
            )
            for code, text in notes.items()
            if text
        )
        fresh.status = Status.RETURNED
        fresh.return_comment = comment
        fresh.lock_version += 1
        fresh.save(update_fields=["status", "return_comment", "lock_version", "updated_at"])
        record(
            actor=actor,
            action="return",
            obj=fresh,
            centre=fresh.centre,
            from_state=Status.SUBMITTED,
            to_state=Status.RETURNED,
            changes={"notes": {k: v for k, v in notes.items() if v}},
            message=comment,
        )
        _notify("on_returned", fresh)
    _sync(report, fresh)
    return report
