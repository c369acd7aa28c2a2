"""In Chromium: the open link's copy button puts the link on the clipboard; the public form switches language."""

import pytest

from .conftest import make_campaign


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_copying_the_open_link_and_switching_the_public_form_to_english(browser_page, browser_login, eddie):
    campaign = make_campaign(eddie)
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_login(page, eddie)
    page.goto(f"{page.base_url}/surveys/campaigns/{campaign.pk}/")
    button = page.locator("button[data-copy=open-url]")
    assert button.is_visible()  # shown by the script; hidden without JavaScript
    button.click()
    page.wait_for_selector(".copy-status:has-text('Копирано')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/s/open/{campaign.open_token}/")
    page.shot("surveys-open-link-copied")

    page.goto(copied)
    page.click("a[hreflang=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("button[type=submit]").inner_text() == "Send my answers"
    page.click("a[hreflang=bg]")
    assert page.locator("html").get_attribute("lang") == "bg"
