import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from audit.models import AuditEntry
from reports import services
from reports.deadlines import SOFIA
from reports.models import Status, Submission, SubmissionScore

from .conftest import YEAR, all_texts, complete_activity, fill


def test_submission_freezes_a_version_with_total_grade_and_scores(filled, dora):
    submission = services.submit_report(filled, actor=dora, declared=True)
    filled.refresh_from_db()
    assert filled.status == Status.SUBMITTED and filled.last_submission == submission
    assert (submission.number, submission.total, submission.grade) == (1, Decimal(100), "excellent")
    assert submission.texts == filled.texts
    assert submission.answers["2.10"]["points"] == "3"
    assert SubmissionScore.objects.filter(submission=submission).count() == 22
    entry = AuditEntry.objects.for_object(filled).get(action="submit")
    assert (entry.from_state, entry.to_state, entry.actor) == ("draft", "submitted", dora)


def test_an_incomplete_report_is_refused_with_its_gaps(draft, dora):
    with pytest.raises(services.ReportIncomplete) as error:
        services.submit_report(draft, actor=dora, declared=True)
    assert error.value.gaps[0].anchor == "section-1"
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not Submission.objects.exists()


@pytest.mark.parametrize("who", ["eddie", "vicky", "boris", "erin", "adam"])
def test_only_the_centres_director_submits(request, filled, who):
    with pytest.raises(PermissionDenied):
        services.submit_report(filled, actor=request.getfixturevalue(who), declared=True)


def test_submitting_twice_gives_one_submission_and_one_audit_entry(filled, dora):
    first = services.submit_report(filled, actor=dora, declared=True)
    second = services.submit_report(filled, actor=dora, declared=True)
    assert first.pk == second.pk
    assert Submission.objects.filter(report=filled).count() == 1
    assert AuditEntry.objects.for_object(filled).filter(action="submit").count() == 1


def test_an_approved_report_cannot_be_submitted_again(submitted, dora, erin):
    services.approve_report(submitted, actor=erin)
    with pytest.raises(services.TransitionNotAllowed):
        services.submit_report(submitted, actor=dora, declared=True)


def test_a_returned_report_is_resubmitted_as_version_two(submitted, dora, erin):
    services.return_report(submitted, actor=erin, comment="Допълнете.")
    services.save_draft(submitted, actor=dora, lock_version=submitted.lock_version, texts={"7": "Допълнено."})
    second = services.submit_report(submitted, actor=dora, declared=True)
    assert second.number == 2 and second.texts["7"] == "Допълнено."
    assert Submission.objects.get(report=submitted, number=1).texts["7"] != "Допълнено."


@pytest.mark.parametrize(
    ("moment", "on_time"),
    [
        (dt.datetime(YEAR + 1, 1, 31, 23, 59, 59, tzinfo=SOFIA), True),
        (dt.datetime(YEAR + 1, 2, 1, 0, 0, 0, tzinfo=SOFIA), False),
    ],
)
def test_server_time_decides_whether_a_submission_is_on_time(filled, dora, moment, on_time):
    with freeze_time(moment):
        submission = services.submit_report(filled, actor=dora, declared=True)
    assert submission.on_time is on_time
    assert submission.submitted_at == moment


def test_a_zero_value_report_submits_with_all_zero(draft, dora):
    services.save_draft(draft, actor=dora, lock_version=1, texts=all_texts(draft), zero_value=True)
    complete_activity(draft.centre)
    submission = services.submit_report(draft, actor=dora, declared=True)
    assert submission.zero_value is True
    assert submission.total == Decimal(0) and submission.grade == "unsatisfactory"
    assert set(SubmissionScore.objects.filter(submission=submission).values_list("points", flat=True)) == {Decimal(0)}


def test_a_cipo_report_is_filled_in_and_submitted_without_points_or_grade(cleo):
    report = services.open_report(cleo.centre, YEAR, actor=cleo)
    answers = {c.code: {"points": 1 if c.code != "3.1" else 0} for c in report.framework.criteria.all()}
    services.save_draft(report, actor=cleo, lock_version=1, texts=all_texts(report), answers=answers)
    complete_activity(cleo.centre)
    submission = services.submit_report(report, actor=cleo, declared=True)
    assert (submission.total, submission.grade, submission.zero_value) == (None, "", False)
    assert submission.answers["3.1"]["points"] == "0" and submission.answers["1.1"]["points"] == "1"
    scores = dict(SubmissionScore.objects.filter(submission=submission).values_list("criterion__code", "points"))
    assert scores["3.1"] == 0 and scores["1.2"] == 1


def test_a_yes_no_answer_other_than_yes_or_no_is_refused(cleo):
    report = services.open_report(cleo.centre, YEAR, actor=cleo)
    with pytest.raises(ValidationError, match="1.1"):
        services.save_draft(report, actor=cleo, lock_version=1, answers={"1.1": {"points": "0.5"}})


def test_the_fill_helper_and_submission_use_the_server_clock(draft, dora):
    fill(draft, dora)
    with freeze_time("2025-01-10 09:00:00"):
        submission = services.submit_report(draft, actor=dora, declared=True)
    assert submission.submitted_at == dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC)
