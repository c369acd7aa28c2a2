import subprocess

import pytest

from analysis.tests import published_2024

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_in_a_browser_desktop_and_phone(browser_page, browser_login, erin, adam, tmp_path):
    published_2024.load(actor=adam)
    page = browser_page
    browser_login(page, erin)
    page.goto(page.base_url + "/analysis/2024/")
    assert page.locator("#table-centres").inner_text().count("853") == 1
    assert page.locator("figure.chart img").count() >= 10
    no_page_overflow = "document.documentElement.scrollWidth <= window.innerWidth + 1"
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.evaluate(no_page_overflow)  # every table fits its card at 1366 px
    page.shot("analysis-dashboard-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate(no_page_overflow)  # on a phone wide tables scroll inside their card, not the page
    page.shot("analysis-dashboard-phone")
    page.select_option("#id_region", "Варна")
    page.click("button:has-text('Покажи')")
    assert "Варна" in page.locator("h1").inner_text()
    response = page.request.get(page.base_url + "/analysis/2024/analysis.pdf")
    assert response.ok
    pdf = tmp_path / "analysis.pdf"
    pdf.write_bytes(response.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "6", str(pdf), "test-artifacts/analysis-pdf"], check=False
    )
