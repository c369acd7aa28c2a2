"""A submission's stored totals always equal its scores, and exactly the report's last submitted
version is flagged `counted`, whatever sequence of submissions, returns and resubmissions made it.

National figures read these stored values instead of the scores (analysis.figures), so a
difference here would be a wrong national figure.
"""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frameworks.models import Criterion, Framework, SectionKind
from reports import services
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.models import Report, Status, Submission, SubmissionScore
from reports.tests.conftest import complete_activity

from .conftest import YEAR

# One report's life: each entry is a submitted version (its level choice per criterion, by index
# into the criterion's levels, or None: zero-value); between two versions the report is returned.
# `ends_returned` leaves the last version returned, still counted.
lives = st.lists(
    st.tuples(
        st.lists(st.lists(st.integers(0, 9), min_size=22, max_size=22) | st.none(), min_size=1, max_size=3),
        st.booleans(),
    ),
    min_size=1,
    max_size=3,
)


def answers_for(report, choice):
    criteria = list(report.framework.criteria.prefetch_related("levels"))
    if choice is None:
        return {}, True
    answers = {}
    for c, pick in zip(criteria, choice * 3, strict=False):
        levels = sorted(lv.points for lv in c.levels.all())
        answers[c.code] = {"points": levels[pick % len(levels)], "comment": "", "disagreement_reason": "Причина."}
    return answers, False


def texts_for(report):
    return {s.code: "Текст на раздела." for s in report.framework.sections.filter(kind=SectionKind.TEXT)}


def live(report, versions, ends_returned, director, expert):
    complete_activity(report.centre, report.year)  # submitting needs the year's activity information
    for n, choice in enumerate(versions):
        if n:
            services.return_report(report, actor=expert, comment="Коригирайте.")
        report.refresh_from_db()
        answers, zero = answers_for(report, choice)
        services.save_draft(
            report,
            actor=director,
            lock_version=report.lock_version,
            texts=texts_for(report),
            answers=answers,
            zero_value=zero,
        )
        services.submit_report(report, actor=director, declared=True)
    if ends_returned:
        services.return_report(report, actor=expert, comment="Още веднъж.")


def assert_stored_totals_equal_the_scores():
    last = dict(Report.objects.values_list("pk", "last_submission_id"))
    area_of = dict(Criterion.objects.values_list("pk", "area__code"))
    for submission in Submission.objects.select_related("report__framework"):
        assert submission.counted == (last[submission.report_id] == submission.pk), submission.pk
        scores = list(SubmissionScore.objects.filter(submission=submission).values_list("criterion_id", "points"))
        if not submission.report.framework.is_scored:
            assert submission.area_totals == {}
            continue
        expected = {}
        for criterion_id, points in scores:
            area = area_of[criterion_id]
            expected[area] = expected.get(area, Decimal(0)) + points
        assert {a: Decimal(v) for a, v in submission.area_totals.items()} == expected
        assert submission.total == sum(expected.values(), Decimal(0))
    counted_per_report = Submission.objects.counted().values_list("report_id", flat=True)
    assert sorted(counted_per_report) == sorted(pk for pk, sub in last.items() if sub)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lives=lives)
def test_stored_totals_always_equal_the_scores(lives, dora, boris, erin):
    Report.objects.all().delete()
    directors = [dora, boris]
    for n, (versions, ends_returned) in enumerate(lives):
        director = directors[n % 2]
        report = services.open_report(director.centre, YEAR - n // 2, actor=director)
        live(report, versions, ends_returned, director, erin)
    assert Report.objects.exclude(status__in=[Status.SUBMITTED, Status.RETURNED]).count() == 0
    assert_stored_totals_equal_the_scores()


def test_a_yes_no_framework_stores_no_area_totals(cleo, erin):
    report = services.open_report(cleo.centre, YEAR, actor=cleo)
    live(report, [[1] * 22, [0] * 22], False, cleo, erin)
    assert Submission.objects.filter(report=report).count() == 2
    assert_stored_totals_equal_the_scores()


def test_bulk_created_reports_are_counted_with_their_totals(centre_a, centre_b):
    framework = Framework.objects.get(code="CPO-2018")
    levels = {c.code: max(lv.points for lv in c.levels.all()) for c in framework.criteria.prefetch_related("levels")}
    import datetime as dt

    from reports.deadlines import SOFIA

    create_submitted_reports(
        [
            SubmittedEntry(centre=c, submitted_at=dt.datetime(YEAR + 1, 1, 5, tzinfo=SOFIA), points=levels)
            for c in (centre_a, centre_b)
        ],
        year=YEAR,
        framework=framework,
    )
    assert Submission.objects.counted().count() == 2
    assert_stored_totals_equal_the_scores()
