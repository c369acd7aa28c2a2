"""The review page shows the year's activity information and survey results beside the report (Seen 1)."""

from django.urls import reverse

from activity.models import ActivityReport
from reports import services
from reports.tests.conftest import YEAR, fill


def url(report):
    return reverse("reports:review", args=[report.pk])


def test_the_review_shows_the_activity_information_and_links_to_it(client_for, erin, submitted):
    html = client_for(erin).get(url(submitted)).content.decode()
    assert 'id="year-activity"' in html and 'id="year-surveys"' in html
    assert reverse("activity:edit", args=[submitted.centre_id, YEAR]) in html
    assert reverse("surveys:centre_results", args=[submitted.centre_id, YEAR]) in html
    assert "въведена, пълна и непротиворечива" in html


def test_the_review_says_when_the_activity_information_is_missing(client_for, erin, submitted):
    # E.g. a report imported or submitted before the rule: the expert must see that the data is missing.
    ActivityReport.objects.filter(centre=submitted.centre, year=YEAR).delete()
    html = client_for(erin).get(url(submitted)).content.decode()
    assert "не е въведена" in html


def test_the_review_lists_the_levels_that_differ_from_the_data(client_for, erin, dora, draft, vulnerable_share_data):
    fill(draft, dora)
    draft.refresh_from_db()
    answers = {"1.5": {"points": 2, "comment": "", "disagreement_reason": "Имаме и други уязвими групи."}}
    services.save_draft(draft, actor=dora, lock_version=draft.lock_version, answers=answers)
    services.submit_report(draft, actor=dora, declared=True)
    response = client_for(erin).get(url(draft))
    codes = [item["criterion"].code for item in response.context["view"].disagreements]
    assert codes == ["1.5"]
    assert "Имаме и други уязвими групи." in response.content.decode()
