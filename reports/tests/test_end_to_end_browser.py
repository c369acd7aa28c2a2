"""The whole workflow in a real browser: fill in, check, submit, return, correct, resubmit, approve."""

import pytest
from playwright.sync_api import expect

from reports import services
from reports.models import ReviewNote, Status
from reports.tests.conftest import complete_activity

YEAR = 2024


def logout(page):
    page.click("header form[action$='/logout/'] button, form[action*='logout'] button")
    page.wait_for_load_state()


def shown(points):
    return f"{points.normalize():f}".replace(".", ",")


def total_is(page, text):
    expect(page.locator("#score-summary .total")).to_have_text(text, timeout=10000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_report_goes_from_draft_to_approved_through_a_return(browser_page, browser_login, dora, erin):
    page = browser_page
    report = services.open_report(dora.centre, YEAR, actor=dora)
    complete_activity(dora.centre, YEAR)  # submitting needs the year's activity information
    framework = report.framework
    text_sections = [s.code for s in framework.sections.filter(kind="text")]
    criteria = list(framework.criteria.order_by("order"))

    # 1. The director fills in every section but the last, and every criterion at its highest level.
    browser_login(page, dora)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    for code in text_sections[:-1]:
        page.fill(f"#section-{code}", f"Текст на раздел {code}: центърът работи по годишен план за качество.")
    first_level = criteria[0].levels.order_by("order").first().points
    page.locator("#criterion-1\\.1 .level-radio").first.check()
    total_is(page, shown(first_level))
    page.shot("e2e-01-director-starts")
    for criterion in criteria:
        # One level at a time, as a person clicks: each choice's summary arrives before the next click.
        with page.expect_response(lambda r: r.url.endswith("/summary/")):
            page.locator(f"[id='criterion-{criterion.code}'] .level-radio").last.check()
    total_is(page, "100")
    assert page.inner_text("#score-summary .grade") == "Отлично"
    page.shot("e2e-02-all-criteria-total-and-grade")
    page.get_by_role("button", name="Запис на черновата").click()
    page.wait_for_selector(".message-success")

    # 2. Checking before submission lists the gap: the empty last section.
    page.click(".report-aside a[href$='/check/']")
    page.wait_for_selector("#gaps")
    gaps = page.locator("#gaps li").all_inner_texts()
    assert len(gaps) == 1 and f"Раздел {text_sections[-1]}" in gaps[0]
    page.shot("e2e-03-gaps-listed")

    # 3. The gap's link leads to the field; the director fills it, saves and submits.
    page.click("#gaps li a")
    page.wait_for_url(f"**#section-{text_sections[-1]}")
    page.fill(f"#section-{text_sections[-1]}", "Предлагаме обучение на преподавателите по дигитални умения.")
    page.get_by_role("button", name="Запис на черновата").click()
    page.wait_for_selector(".message-success")
    page.goto(f"{page.base_url}/reports/{report.pk}/check/")
    page.click("a.button[href$='/submit/']")
    page.shot("e2e-04-submit-confirmation")
    page.check("#id_declaration")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".message-success")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.last_submission.total == 100
    page.shot("e2e-05-submitted")
    logout(page)

    # 4. The expert finds it in the queue; returning without a comment is refused, then done with one.
    browser_login(page, erin)
    page.goto(f"{page.base_url}/reports/review/?status=submitted&year={YEAR}")
    page.click(f"a.button[href='/reports/{report.pk}/review/']")
    page.wait_for_selector("#decision")
    page.click("button[value=return]")
    page.wait_for_selector(".field-error #id_comment")
    assert "Напишете защо докладът се връща за корекция." in page.inner_text("#decision")
    page.shot("e2e-06-return-needs-a-comment")
    page.fill("#id_comment", "Обосновете по-подробно оценката по критерий 1.1.")
    page.click("[id='criterion-1.1'] summary")
    page.fill("#id_note_1_1", "Какви са доказателствата за най-високото равнище?")
    page.click("button[value=return]")
    page.wait_for_selector(".message-success")
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    assert ReviewNote.objects.get(report=report).criterion.code == "1.1"
    page.shot("e2e-07-returned")
    logout(page)

    # 5. The director sees the comment and the note, corrects 1.1 and section 1, and resubmits.
    browser_login(page, dora)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    feedback = page.inner_text("#review-feedback")
    assert "Обосновете по-подробно оценката по критерий 1.1." in feedback
    assert "Какви са доказателствата за най-високото равнище?" in feedback
    page.shot("e2e-08-director-sees-the-comment")
    page.locator("#criterion-1\\.1 .level-radio").first.check()
    total_is(page, shown(100 - criteria[0].max_points + first_level))
    page.click("[id='criterion-1.1'] details > summary")
    page.fill("#criterion-1\\.1-comment", "Коригирахме равнището според доказателствата.")
    page.fill("#section-1", "Текст на раздел 1: центърът обнови годишния си план за качество.")
    page.get_by_role("button", name="Запис на черновата").click()
    page.wait_for_selector(".message-success")
    page.goto(f"{page.base_url}/reports/{report.pk}/submit/")
    page.check("#id_declaration")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".message-success")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.last_submission.number == 2
    logout(page)

    # 6. The expert sees what changed since the returned version and approves.
    browser_login(page, erin)
    page.goto(f"{page.base_url}/reports/{report.pk}/review/")
    changes = page.inner_text("#changes")
    assert "Какво е променено от версия 1 към версия 2" in changes
    assert "1.1" in changes and "Коригирахме равнището според доказателствата." in changes
    assert "обнови" in changes
    page.shot("e2e-09-expert-sees-the-changes")
    page.fill("#id_comment", "Добра работа.")
    page.click("button[value=approve]")
    page.wait_for_selector("text=Да, одобрявам доклада")  # the confirmation step
    page.click("text=Да, одобрявам доклада")
    page.wait_for_selector(".message-success")
    report.refresh_from_db()
    assert report.status == Status.APPROVED and report.approval_comment == "Добра работа."
    page.shot("e2e-10-approved")
