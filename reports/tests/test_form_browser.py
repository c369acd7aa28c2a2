import pytest
from playwright.sync_api import expect

from inputs import samples
from reports import services

from .conftest import fill


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_choosing_levels_updates_the_summary_and_the_character_counter(
    browser_page, browser_login, dora, vulnerable_share_data
):
    page = browser_page
    report = services.open_report(dora.centre, 2024, actor=dora)
    browser_login(page, dora)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    page.check("#criterion-1\\.1-level-3")  # 3 points
    expect(page.locator("#score-summary .total")).to_have_text("3")
    page.check("#criterion-1\\.2-level-2")  # 1.5 points
    expect(page.locator("#score-summary .total")).to_have_text("4,5")
    page.fill("#section-1", "Цел")
    assert page.inner_text("#section-1-counter") == "3 от 4000 знака"
    page.check("#criterion-1\\.5-level-3")  # 2 points; the data supports 1
    assert page.is_visible("#criterion-1\\.5-reason")
    page.check("#criterion-1\\.5-level-2")
    assert not page.is_visible("#criterion-1\\.5-reason")
    page.check("#criterion-1\\.5-level-3")
    page.shot("report-form-desktop")
    page.get_by_role("button", name="Запис на черновата").click()
    page.wait_for_selector(".message-success")
    report.refresh_from_db()
    assert report.texts["1"] == "Цел"
    assert report.answers.get(criterion__code="1.2").points == 1.5


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_phone_layout_and_check_page(browser_page, browser_login, dora, vulnerable_share_data):
    page = browser_page
    report = services.open_report(dora.centre, 2024, actor=dora)
    fill(report, dora)
    services.save_draft(report, actor=dora, lock_version=report.lock_version, texts={"7": ""})
    browser_login(page, dora)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    page.shot("report-form-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{page.base_url}/reports/{report.pk}/check/")
    assert page.locator(".error-summary li").count() == 2
    page.shot("report-check-desktop")
    page.click(".error-summary a[href$='#criterion-1.5-reason']")
    page.wait_for_url("**#criterion-1.5-reason")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_enter_on_a_level_saves_and_deletes_no_file(browser_page, browser_login, dora):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports import evidence
    from reports.models import Evidence

    page = browser_page
    report = services.open_report(dora.centre, 2024, actor=dora)
    criterion = report.framework.criteria.get(code="1.1")
    pdf = SimpleUploadedFile("протокол.pdf", samples.pdf_bytes())
    evidence.add_evidence(report, criterion, pdf, actor=dora)
    browser_login(page, dora)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    page.check("#criterion-1\\.2-level-2")
    page.focus("#criterion-1\\.2-level-2")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message-success")
    assert Evidence.objects.filter(report=report).count() == 1
    assert report.answers.get(criterion__code="1.2").points == 1.5


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_autosave_keeps_what_is_typed_and_leaving_with_unsaved_changes_warns(browser_page, browser_login, dora):
    """Seen 3: a changed level was lost on following the sidebar's "Check and submit" link."""
    page = browser_page
    report = services.open_report(dora.centre, 2024, actor=dora)
    browser_login(page, dora)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    page.fill("#section-1", "Набрано без запис")
    expect(page.locator("#autosave-status")).to_contain_text("Запазено в")
    report.refresh_from_db()
    assert report.texts["1"] == "Набрано без запис"

    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    page.check("#criterion-1\\.1-level-3")
    page.click(".report-aside a[href$='/check/']")  # before the autosave's pause has passed
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/reports/{report.pk}/")
    # Once autosaved, leaving is silent and nothing is lost.
    expect(page.locator("#autosave-status")).to_contain_text("Запазено в")
    page.click(".report-aside a[href$='/check/']")
    page.wait_for_url("**/check/")
    assert dialogs == ["beforeunload"]
    assert report.answers.get(criterion__code="1.1").points == 3
