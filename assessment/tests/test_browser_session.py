"""In the browser: a body assigns its assessors (one refused for a recent job at the centre), invites,
marks a graduate; the agency reads the findings with their charts."""

import datetime as dt

import pytest

from assessment import services
from assessment.models import SessionAssessor
from assessment.tests.conftest import YEAR, all_marks


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_body_assigns_assessors_and_the_agency_reads_the_gap(
    browser_page, browser_login, bella, erin, council, sample, cook, assessors, centre_a
):
    session = services.plan_session(
        bella, body=council, sample=sample, profession=cook, held_on=dt.date(YEAR + 1, 3, 10), place="Габрово"
    )
    page = browser_page
    browser_login(page, bella)
    page.goto(f"{page.base_url}/assessment/sessions/{session.pk}/")
    page.select_option("select[name=assessor]", str(assessors[0].pk))
    page.fill(f"input[name=worked_{centre_a.pk}]", f"{YEAR}-05-01")
    page.click("button:has-text('Декларирай и определи')")
    assert page.locator(".error-summary").is_visible()
    assert "през последните 3 години" in page.content()
    page.shot("assessment-assign-refused")
    assert not SessionAssessor.objects.exists()
    for assessor in assessors:
        page.select_option("select[name=assessor]", str(assessor.pk))
        page.fill(f"input[name=worked_{centre_a.pk}]", "")
        page.click("button:has-text('Декларирай и определи')")
        assert "е определен(а)" in page.content()
    page.click("button:has-text('Покани завършилите')")
    assert "Завършилите са поканени." in page.content()

    session.refresh_from_db()
    for participant in session.participants.all():
        services.respond(participant, accept=True, consent=True)
        participant.refresh_from_db()
        for assessor, value in ((assessors[0], "5"), (assessors[1], "4")):
            services.record_marks(
                bella,
                session=session,
                participant=participant,
                assessor=assessor,
                marks=all_marks(session, lambda u, c, v=value: v),
            )
        services.record_marks(
            bella, session=session, participant=participant, marks=all_marks(session, lambda u, c: "5")
        )
    page.goto(f"{page.base_url}/assessment/sessions/{session.pk}/")
    page.click("button:has-text('Приключи сесията')")
    assert "Сесията е приключена." in page.content()

    page.context.clear_cookies()
    browser_login(page, erin)
    page.goto(f"{page.base_url}/assessment/sessions/{session.pk}/")
    page.click("button:has-text('Публикувай резултатите за центровете')")
    page.goto(f"{page.base_url}/assessment/findings/?year={YEAR}")
    assert page.locator("img.chart").count() == 2
    assert centre_a.name in page.content()
    page.shot("assessment-findings")
    session.refresh_from_db()
    assert session.published_at is not None
