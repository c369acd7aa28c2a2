"""Self-assessment reports: list, one report (answers, texts, status, versions, review notes), and saving a
draft from a centre's own software through the same service as the form, with optimistic locking.

The report's `lock_version` is its ETag; a draft save must send it back in `If-Match` and gets 412 with
the conflicting fields when somebody saved in between. Submission stays in the browser: the director
confirms the declaration there.
"""

import datetime as dt
import functools
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connections
from django.db import router as db_router
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from api.auth import require
from api.pagination import page
from api.problems import Problem
from api.rendering import json_answer
from api.schemas import Page, responses
from centres.access import is_agency, is_centre_user, scope
from reports import services
from reports.models import Report

router = Router(tags=["reports"])


class ReportSummary(Schema):
    licence_number: str
    year: int
    framework: str
    status: str
    zero_value: bool
    version: int = Field(description="The lock version: send it as If-Match when saving a draft.")
    submitted_versions: int
    total: Decimal | None
    grade: str


class ReportPage(Page):
    items: list[ReportSummary]


class AnswerOut(Schema):
    points: Decimal | None
    comment: str
    disagreement_reason: str


class VersionOut(Schema):
    number: int
    submitted_at: dt.datetime
    on_time: bool
    total: Decimal | None
    grade: str


class NoteOut(Schema):
    version: int
    criterion: str | None
    text: str
    created_at: dt.datetime


class ReportDetail(ReportSummary):
    texts: dict[str, str]
    answers: dict[str, AnswerOut]
    versions: list[VersionOut]
    review_notes: list[NoteOut]
    return_comment: str


class AnswerIn(Schema):
    model_config = {"extra": "forbid"}
    points: Decimal | None = None
    comment: str = Field("", max_length=5000)
    disagreement_reason: str = Field("", max_length=5000)


class DraftIn(Schema):
    model_config = {"extra": "forbid"}
    texts: dict[str, str] | None = None
    answers: dict[str, AnswerIn] | None = None
    zero_value: bool | None = None


def _visible(request):
    return scope(Report.objects.all(), request.user).select_related("centre", "framework", "last_submission")


def _summary(r):
    last = r.last_submission
    return {
        "licence_number": r.centre.licence_number,
        "year": r.year,
        "framework": r.framework.code,
        "status": r.status,
        "zero_value": r.zero_value,
        "version": r.lock_version,
        "submitted_versions": last.number if last else 0,
        "total": last.total if last else None,
        "grade": last.grade if last else "",
    }


def _one(request, licence_number, year):
    report = _visible(request).filter(centre__licence_number=licence_number, year=year).first()
    if report is None:
        raise Http404
    return report


def _detail(report):
    """ReportDetail as plain values (api.rendering says why): three small queries after the report's."""
    answers = {
        code: {"points": points, "comment": comment, "disagreement_reason": reason}
        for code, points, comment, reason in report.answers.values_list(
            "criterion__code", "points", "comment", "disagreement_reason"
        )
    }
    submissions = list(
        report.submissions.order_by("number").values_list("pk", "number", "submitted_at", "on_time", "total", "grade")
    )
    numbers = {pk: number for pk, number, *_rest in submissions}
    notes = [
        {"version": numbers.get(submission_id, 0), "criterion": criterion, "text": text, "created_at": created_at}
        for submission_id, criterion, text, created_at in report.review_notes.values_list(
            "submission_id", "criterion__code", "text", "created_at"
        )
    ]
    return {
        **_summary(report),
        "texts": {str(k): str(v) for k, v in report.texts.items()},
        "answers": answers,
        "versions": [
            {"number": number, "submitted_at": at, "on_time": on_time, "total": total, "grade": grade}
            for _pk, number, at, on_time, total, grade in submissions
        ],
        "review_notes": notes,
        "return_comment": report.return_comment,
    }


@router.get("", response=responses(ReportPage), summary="List reports")
def list_reports(request, year: int | None = None, status: str = "", kind: str = "", cursor: str = "", limit: int = 50):
    require(request, "reports")
    queryset = _visible(request)
    if year is not None:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(centre__kind=kind)
    rows, next_cursor = page(queryset, ["year", "centre__licence_number"], cursor, limit)
    return json_answer({"next": next_cursor, "items": [_summary(r) for r in rows]})


# Every change to what the detail shows (a draft save, submitting, returning with notes, approving,
# reopening) bumps the report's lock_version in the same transaction, so (report, lock_version) names one
# content: its encoded answer is kept for a while, and a change is never served stale.
DETAIL_CACHE_SECONDS = 600


def _detail_key(pk, lock_version, updated_at):
    # updated_at too: after a database restore (or in tests) a pk and version can name other content.
    return f"api-report-detail:{pk}:{lock_version}:{str(updated_at).replace(' ', 'T')}"


YEAR_MAX = 32767  # Report.year is a PositiveSmallIntegerField
# Distinct stand-ins, within each field's range (out of range, the ORM would compile "no rows" instead).
_SENTINELS = {"licence": "\u2063licence", "year": 31_987, "centre": 123_456_789}


@functools.cache
def _key_parts_statement(own_centre_only):
    """The ORM's SQL for a report's key parts, compiled once per process with the parameters' order:
    compiling the query anew took a third of a read whose answer is kept."""
    queryset = Report.objects.filter(centre__licence_number=_SENTINELS["licence"], year=_SENTINELS["year"])
    if own_centre_only:
        queryset = queryset.filter(centre_id=_SENTINELS["centre"])
    sql, params = queryset.order_by().values_list("pk", "lock_version", "updated_at")[:1].query.sql_with_params()
    names = {value: name for name, value in _SENTINELS.items()}
    return sql, [names[p] for p in params]


def _key_parts(user, licence_number, year):
    """(pk, lock_version, updated_at) of the report `user` may see, else None; the rule is centres.access's."""
    if not 0 <= year <= YEAR_MAX:  # the column's range: the raw statement gets no ORM bounds check
        return None
    if is_agency(user):
        sql, order = _key_parts_statement(False)
    elif is_centre_user(user):
        sql, order = _key_parts_statement(True)
    else:
        return None
    values = {"licence": licence_number, "year": year, "centre": user.centre_id}
    with connections[db_router.db_for_read(Report)].cursor() as cursor:
        cursor.execute(sql, [values[name] for name in order])
        return cursor.fetchone()


@router.get("/{licence_number}/{int:year}", response=responses(ReportDetail), summary="One report")
def get_report(request, licence_number: str, year: int):
    require(request, "reports")
    # Access first, and only the key's parts (no joins for the answer, no model): the cache holds
    # content, not permission, and the encoded answer is usually there.
    found = _key_parts(request.user, licence_number, year)
    if found is None:
        raise Http404
    pk, lock_version, updated_at = found
    body = cache.get(_detail_key(pk, lock_version, updated_at))
    if body is None:
        report = _visible(request).get(pk=pk)
        body = json_answer(_detail(report)).content
        # Under the key just read: the raw updated_at (a string on SQLite), so the next read finds it.
        cache.set(_detail_key(pk, report.lock_version, updated_at), body, DETAIL_CACHE_SECONDS)
        lock_version = report.lock_version
    return HttpResponse(body, content_type="application/json", headers={"ETag": f'"{lock_version}"'})


def _if_match(request):
    value = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    if not value:
        raise Problem(428, _("Precondition required"), _("Send the report's version (its ETag) in If-Match."))
    if not value.isdigit() or len(value) > 9:
        raise Problem(400, _("Invalid If-Match"), _("If-Match must be the report's ETag."))
    return int(value)


@router.put("/{licence_number}/{int:year}/draft", response=responses(ReportDetail), summary="Save a report draft")
def save_draft(request, response: HttpResponse, licence_number: str, year: int, payload: DraftIn):
    """Idempotent: the same body saved again changes nothing (the version then stays the same)."""
    require(request, "reports", write=True)
    report = _one(request, licence_number, year)
    lock_version = _if_match(request)
    answers = None
    if payload.answers is not None:
        answers = {code: a.dict() for code, a in payload.answers.items()}
    try:
        services.save_draft(
            report,
            actor=request.user,
            lock_version=lock_version,
            texts=payload.texts,
            answers=answers,
            zero_value=payload.zero_value,
        )
    except ValidationError as invalid:
        errors = [{"path": _json_path(k), "message": m} for k, msgs in invalid.message_dict.items() for m in msgs]
        raise Problem(400, _("Invalid draft"), _("Some values are not valid."), errors=errors) from None
    except services.StaleReport as stale:
        raise Problem(
            412,
            _("The report was changed by somebody else"),
            _("Read the report again and re-apply your changes."),
            errors=[{"path": _json_path(c.anchor), "message": str(c.label)} for c in stale.conflicts],
            extra={"current_version": stale.current_lock_version},
        ) from None
    response["ETag"] = f'"{report.lock_version}"'
    return _detail(report)


def _json_path(anchor):
    """The form's field names ("criterion-1.1-comment", "section-2") as JSON paths of the draft body."""
    if anchor.startswith("section-"):
        return "/texts/" + anchor.removeprefix("section-")
    if anchor.startswith("criterion-"):
        rest = anchor.removeprefix("criterion-")
        for suffix, field in (("-comment", "comment"), ("-reason", "disagreement_reason")):
            if rest.endswith(suffix):
                return f"/answers/{rest.removesuffix(suffix)}/{field}"
        return f"/answers/{rest}/points"
    return "/" + anchor
