"""Opening a centre's report and saving its draft (with the three-way merge of a stale save).

open_report creates the draft with an empty answer per criterion; save_draft validates the
given texts and answers, merges with what somebody else saved meanwhile (reports.merging) or
refuses with StaleReport, and audits every save.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from formatting.numbers import format_number
from frameworks.models import Framework, SectionKind
from reports import merging
from reports.models import Answer, Report
from reports.services.common import ZERO, StaleReport, TransitionNotAllowed, _fmt, _locked, _sync, can_edit


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
