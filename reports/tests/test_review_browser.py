"""The review page in a real browser: the sidebar's score card holds its grade (Seen 6)."""

import pytest

from reports import services
from reports.tests.conftest import YEAR, all_texts, complete_activity


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_grade_stays_inside_the_sidebar_card(browser_page, browser_login, dora, erin):
    page = browser_page
    report = services.open_report(dora.centre, YEAR, actor=dora)
    complete_activity(dora.centre, YEAR)
    services.save_draft(report, actor=dora, lock_version=1, texts=all_texts(report), zero_value=True)
    services.submit_report(report, actor=dora, declared=True)  # 0 points: "Незадоволително"
    browser_login(page, erin)
    page.goto(f"{page.base_url}/reports/{report.pk}/review/")
    assert page.inner_text(".score-card .grade") == "Незадоволително"
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('.report-aside .card')]"
        ".filter(card => card.scrollWidth > card.clientWidth + 1).length"
    )
    page.shot("review-sidebar")
    assert overflow == 0
