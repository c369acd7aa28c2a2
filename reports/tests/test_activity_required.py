"""Submission needs the year's activity information, complete and consistent (CPO and CIPO)."""

import pytest
from django.urls import reverse

from activity.models import ActivityReport
from reports import services
from reports.tests.conftest import YEAR, complete_activity, fill


def _gap_anchors(report):
    return [gap.anchor for gap in services.check_report(report)]


@pytest.mark.parametrize("who", ["dora", "cleo"])
def test_submit_is_refused_without_activity_information(request, who):
    director = request.getfixturevalue(who)
    report = fill(services.open_report(director.centre, YEAR, actor=director), director, activity=False)
    page = reverse("activity:edit", args=[director.centre_id, YEAR])
    assert page in _gap_anchors(report)
    with pytest.raises(services.ReportIncomplete) as refused:
        services.submit_report(report, actor=director, declared=True)
    assert any(gap.anchor == page for gap in refused.value.gaps)
    assert not report.submissions.exists()


def test_incomplete_activity_information_is_a_gap_per_missing_total(dora):
    report = fill(services.open_report(dora.centre, YEAR, actor=dora), dora, activity=False)
    ActivityReport.objects.create(centre=dora.centre, year=YEAR)
    page = reverse("activity:edit", args=[dora.centre_id, YEAR])
    anchors = _gap_anchors(report)
    assert f"{page}#id_header-trainers_total" in anchors
    assert f"{page}#id_header-graduates_followed_up" in anchors
    assert f"{page}#table-courses" in anchors


def test_a_zero_value_report_needs_no_course(dora):
    report = fill(services.open_report(dora.centre, YEAR, actor=dora), dora, activity=False, zero_value=True)
    ActivityReport.objects.create(centre=dora.centre, year=YEAR, trainers_total=0, graduates_followed_up=0)
    assert _gap_anchors(report) == []


def test_complete_activity_information_lets_the_report_be_submitted(cleo):
    report = fill(services.open_report(cleo.centre, YEAR, actor=cleo), cleo, activity=False)
    complete_activity(cleo.centre)
    assert services.submit_report(report, actor=cleo, declared=True).number == 1


def test_the_check_page_links_the_missing_activity_information(client_for, dora):
    report = fill(services.open_report(dora.centre, YEAR, actor=dora), dora, activity=False)
    html = client_for(dora).get(reverse("reports:check", args=[report.pk])).content.decode()
    assert f'href="{reverse("activity:edit", args=[dora.centre_id, YEAR])}"' in html
    assert "не е въведена" in html
