import pytest
from reports import services

@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dbg(browser_page, browser_login, dora):
    page = browser_page
    logs = []
    page.on("console", lambda m: logs.append(("console", m.type, m.text)))
    page.on("requestfailed", lambda r: logs.append(("failed", r.url)))
    page.on("response", lambda r: logs.append(("resp", r.status, r.url)) if "summary" in r.url or r.status >= 400 else None)
    report = services.open_report(dora.centre, 2024, actor=dora)
    browser_login(page, dora)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    print(page.evaluate("typeof htmx"), page.evaluate("Array.from(document.scripts).map(s=>s.src)"))
    page.check("#criterion-1\\.1-level-3")
    page.wait_for_timeout(2000)
    print(page.inner_text("#score-summary"))
    for l in logs: print(l)
