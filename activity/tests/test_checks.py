"""Inconsistent activity data is a gap that blocks the report's submission, pointing to the activity page."""

from django.urls import reverse

from activity.checks import activity_gaps
from activity.tests.conftest import YEAR
from frameworks.models import Framework
from reports.checks import run_checks
from reports.models import Report


def report_for(centre):
    return Report.objects.create(centre=centre, year=YEAR, framework=Framework.objects.for_report(centre.kind, YEAR))


def test_consistent_activity_gives_no_gap(centre_a, activity_a, add_course):
    activity_a.trainers_total = activity_a.graduates_followed_up = 0
    activity_a.save()
    add_course(activity_a)
    assert activity_gaps(report_for(centre_a)) == []


def test_no_activity_is_a_gap_linking_to_the_activity_page(centre_a):
    (gap,) = activity_gaps(report_for(centre_a))
    assert gap.anchor == reverse("activity:edit", args=[centre_a.pk, YEAR])


def test_an_inconsistent_course_is_a_gap_linking_to_it(centre_a, activity_a, add_course):
    activity_a.trainers_total = activity_a.graduates_followed_up = 0
    activity_a.save()
    course = add_course(activity_a, certified=25)
    gaps = run_checks(report_for(centre_a))
    mine = [g for g in gaps if g.anchor.startswith("/activity/")]
    assert mine
    assert {g.anchor for g in mine} == {reverse("activity:edit", args=[centre_a.pk, YEAR]) + f"#course-{course.pk}"}
    assert any("Завършилите не може да са повече от записаните." in g.message for g in mine)


def test_inconsistent_header_is_a_gap(centre_a, activity_a, add_course):
    activity_a.trainers_total = 2
    activity_a.trainers_trained_internal = 3
    activity_a.graduates_followed_up = 0
    activity_a.save()
    add_course(activity_a)
    (gap,) = activity_gaps(report_for(centre_a))
    assert gap.anchor.endswith("#id_header-trainers_trained_internal")


def test_cipo_client_totals_are_checked(centre_c):
    from activity.models import ActivityReport

    ActivityReport.objects.create(
        centre=centre_c, year=YEAR, clients_total=5, clients_learners=4, clients_non_learners=4
    )
    assert len(activity_gaps(report_for(centre_c))) == 1
