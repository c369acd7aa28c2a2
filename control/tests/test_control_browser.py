"""A control from plan to close in a real browser.

Rank, plan, order, checklist, protocol, objection, fulfilment, close.
"""

import datetime as dt

import pytest

from control import timers
from control.models import Control, State
from inputs import samples


def logout(page):
    page.click("header form[action*='logout'] button")
    page.wait_for_load_state()


def iso(day):
    return day.isoformat()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_control_goes_from_plan_to_close(browser_page, browser_login, erin, dora):
    page = browser_page
    today = timers.today()
    centre = dora.centre

    # 1. The expert ranks the centres of 2024, ticks one and plans its control.
    browser_login(page, erin)
    page.goto(f"{page.base_url}/control/ranking/?year=2024")
    page.wait_for_selector(f"#centre-{centre.licence_number}")
    assert "Никога не е проверяван" in page.inner_text(f"#centre-{centre.licence_number}")
    page.check(f"#c{centre.pk}")
    page.click("#plan-controls")
    page.wait_for_selector("#control-state")
    assert page.inner_text("#control-state") == "Предстояща"
    page.shot("control-01-planned")

    # 2. The order: inspectors, the term of the check, the period reviewed.
    page.click("#step-order")
    page.fill("#id_order_number", "РД-09-321")
    page.fill("#id_ordered_on", iso(today - dt.timedelta(days=14)))
    page.fill("#id_check_from", iso(today - dt.timedelta(days=12)))
    page.fill("#id_check_to", iso(today - dt.timedelta(days=2)))
    page.click("#save-order")
    page.wait_for_selector("#step-start")
    assert page.inner_text("#control-state") == "Възложена със заповед"

    # 3. The inspection: every item ДА but the first, which is НЕ with a comment; then a finding on it.
    page.click("#step-start")
    page.wait_for_selector("#save-checklist")
    yes = page.locator("input[type=radio][value='ДА']")
    for i in range(yes.count()):
        yes.nth(i).check()
    first = page.locator(".checklist-item").first
    first.locator("input[type=radio][value='НЕ']").check()
    first.locator("textarea").fill("Правилникът не е актуализиран.")
    page.click("#save-checklist")
    page.wait_for_selector(".message-success")
    page.select_option("#id_item", index=1)
    page.select_option("#id_klass", "irregularity")
    page.fill("#id_text", "Правилникът не е актуализиран след промяната на ЗПОО.")
    page.fill("#id_recommendation", "Актуализирайте правилника.")
    page.fill("#id_deadline", iso(today + dt.timedelta(days=20)))
    page.click("#add-finding")
    page.wait_for_selector(".message-success")
    page.shot("control-02-checklist")

    # 4. The protocol, with a remedy deadline two months on; then its delivery.
    page.goto(f"{page.base_url}/control/{Control.objects.get().pk}/")
    page.fill("#id_protocol_number", "КП-77")
    page.fill("#id_check_ended_on", iso(today - dt.timedelta(days=2)))
    page.fill("#id_protocol_on", iso(today - dt.timedelta(days=1)))
    page.fill("#id_remedy_deadline", iso(timers.add_months(today - dt.timedelta(days=1), 2)))
    page.click("#step-protocol")
    page.wait_for_selector("#step-deliver")
    page.click("#step-deliver")
    page.wait_for_selector("text=Срок за възражение")
    assert "остават" in page.inner_text(".lead")
    logout(page)

    # 5. The centre's director objects, with a file.
    browser_login(page, dora)
    page.goto(f"{page.base_url}/control/")
    page.get_by_role("link", name=centre.name).click()
    page.click("#step-object")
    page.fill("#id_text", "Не сме съгласни: правилникът е обновен през миналия месец.")
    page.set_input_files(
        "#id_files", files=[{"name": "становище.pdf", "mimeType": "application/pdf", "buffer": samples.pdf_bytes()}]
    )
    page.click("#submit-objection")
    page.wait_for_selector(".message-success")
    assert "становище.pdf" in page.content()
    logout(page)

    # 6. The expert opens the remedy period; the centre reports on the recommendation.
    browser_login(page, erin)
    page.goto(f"{page.base_url}/control/{Control.objects.get().pk}/")
    page.click("#step-remedy")
    page.wait_for_selector("text=Отстраняване на нередовности")
    logout(page)
    browser_login(page, dora)
    page.goto(f"{page.base_url}/control/{Control.objects.get().pk}/")
    page.click("#step-fulfil")
    page.check("input[type=radio][value='yes']")
    page.fill("textarea", "Правилникът е актуализиран и утвърден със заповед.")
    page.click("#submit-fulfilment")
    page.wait_for_selector(".message-success")
    logout(page)

    # 7. The expert marks it fulfilled and closes the control with the inspectors' report.
    browser_login(page, erin)
    page.goto(f"{page.base_url}/control/{Control.objects.get().pk}/")
    page.click("[id^='mark-yes-']")
    page.wait_for_selector("#step-close")
    page.fill("#id_report_text", "Нередовността е отстранена в срок.")
    page.click("#step-close")
    page.wait_for_selector(".message-success")
    assert page.inner_text("#control-state") == "Приключила"
    page.shot("control-03-closed")
    assert Control.objects.get().state == State.CLOSED
