"""On a phone, without an account: find the centres training a profession in a region, open one,
compare two, and download the open data."""

import pytest

from conftest import make_centre
from public.tests import factories as f


@pytest.fixture
def plovdiv_hairdressers(db):
    centres = []
    for i, (name, fraction) in enumerate((("Алфа", "1"), ("Бета", "0.75"), ("Гама", "0.6"))):
        centre = make_centre(f"20081210{i}", f"ЦПО „{name}“ ЕООД", region="Пловдив")
        f.report(centre, 2024, fraction=f.Decimal(fraction))
        f.activity(centre, 2024, courses=((814010, 20 + i, 15),), followed=20, placed=14 + i)
        centres.append(centre)
    elsewhere = make_centre("200812199", "ЦПО „Делта“ ЕООД", region="Варна")
    f.report(elsewhere, 2024)
    f.activity(elsewhere, 2024, courses=((814010, 30, 20),))
    return centres


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_on_a_phone_finds_compares_and_downloads(browser_page, plovdiv_hairdressers):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base_url + "/")
    page.fill("#q", "алфа")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    assert "Намерен е 1 център" in page.inner_text("main")

    page.goto(page.base_url + "/centres/")
    page.select_option("#region", "Пловдив")
    page.select_option("#profession", "814010")
    page.click("text=Покажи центровете")
    page.wait_for_load_state()
    assert "Намерени са 3 центъра" in page.inner_text("main")
    assert "Делта" not in page.inner_text("main")
    # Nothing wider than the screen but the tables (which scroll inside their own box).
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.click("text=ЦПО „Бета“ ЕООД")
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Бета" in main and "Добро" in main
    page.shot("public-phone-profile")
    page.go_back()

    page.click("li:has(a:text('ЦПО „Алфа“ ЕООД')) >> text=Добавяне към сравнението")
    page.wait_for_load_state()
    page.click("li:has(a:text('ЦПО „Гама“ ЕООД')) >> text=Добавяне към сравнението")
    page.wait_for_load_state()
    page.click("text=Сравнете избраните 2 центъра")
    page.wait_for_load_state()
    table = page.inner_text("table.compare")
    assert "Алфа" in table and "Гама" in table and "Бета" not in table
    assert page.locator("td.best").count() >= 1
    page.shot("public-phone-compare")

    page.click("nav >> text=Отворени данни")
    with page.expect_download() as download:
        page.click("text=CSV за Excel")
    path = download.value.path()
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    assert "Алфа" in text and "Гама" in text
