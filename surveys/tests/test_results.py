from django.urls import reverse

from surveys.models import Campaign
from surveys.results import distribution

from .conftest import YEAR, answer, make_campaign, trainee_values


def test_distribution_counts_every_option_and_satisfaction_index(eddie):
    campaign = make_campaign(eddie, code="graduate")
    answer(campaign, {"employment": "occupation", "relevance": 5, "satisfaction": 4, "job_search": ["centre", "ads"]})
    answer(campaign, {"employment": "learning", "relevance": 2, "satisfaction": 5, "job_search": ["centre"]})
    answer(campaign, {"employment": "occupation", "relevance": 4, "satisfaction": 1, "comment": "Благодаря"})
    results = {r.code: r for r in distribution(Campaign.objects.filter(pk=campaign.pk))}
    employment = {row["value"]: row["count"] for row in results["employment"].rows}
    assert employment == {"occupation": 2, "other_job": 0, "learning": 1, "unemployed": 0, "other": 0}
    assert str(results["relevance"].satisfaction_index) == "66.666666"
    assert results["job_search"].total == 2
    assert {r["value"]: r["share"] for r in results["job_search"].rows}["centre"] == 100
    assert results["comment"].comments == 1


def test_campaign_results_page_says_too_few_answers_below_ten(eddie, client_for):
    campaign = make_campaign(eddie)
    for _ in range(9):
        answer(campaign, trainee_values(5))
    page = client_for(eddie).get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()
    assert "Недостатъчно отговори" in page
    assert "data:image/svg+xml" in page  # the centre still sees its own results (charts as images)
    answer(campaign, trainee_values(4))
    page = client_for(eddie).get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()
    assert "Недостатъчно отговори" not in page


def test_centre_results_query_count_does_not_grow_with_answers(eddie, client_for, django_assert_max_num_queries):
    for code in ("trainee", "graduate", "employer"):
        campaign = make_campaign(eddie, code=code, followup_months=12 if code == "graduate" else None)
        for _ in range(12):
            answer(campaign, trainee_values(4) if code == "trainee" else {"employment": "occupation", "skills": 4})
    client = client_for(eddie)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("surveys:centre_results", args=[eddie.centre_id, YEAR]))
    assert response.status_code == 200
    assert "Реализация на завършилите" in response.content.decode()


def test_national_view_by_region_hides_small_regions(eddie, boris, erin, client_for):
    plovdiv = make_campaign(eddie)
    for _ in range(10):
        answer(plovdiv, trainee_values(5))
    varna = make_campaign(boris)
    for _ in range(3):
        answer(varna, trainee_values(5))
    page = client_for(erin).get(reverse("surveys:national") + f"?questionnaire=trainee&year={YEAR}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Пловдив" in html and "Варна" in html
    assert "100,0\xa0%" in html  # the one Bulgarian percent format (formatting.numbers)
    assert html.count("Недостатъчно отговори") == 1
