import pytest

from surveys import services
from surveys.models import Answer, Invitation

from .conftest import make_campaign


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_answering_on_a_phone(browser_page, eddie):
    campaign = make_campaign(eddie, mode="personal")
    invitation = services.generate_links(eddie, campaign, 1)[0]
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/s/{invitation.token}/")
    assert eddie.centre.name in page.content()
    # Sending with one question unanswered: the error summary links to it, nothing is stored.
    for code in ("training", "trainers", "materials", "organisation"):
        page.check(f"input[name=q_{code}][value='5']", force=True)
    page.click("button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    page.shot("surveys-public-form-error-phone")
    assert not Answer.objects.exists()
    page.get_by_label("4 — удовлетворен(а)").nth(4).check()
    page.fill("textarea[name=q_comment]", "Повече практика")
    page.click("button[type=submit]")
    page.wait_for_url(f"{page.base_url}/s/thanks/")
    assert "Благодарим Ви!" in page.content()
    page.shot("surveys-public-thanks-phone")
    assert Answer.objects.filter(question_code="admin_service", number=4).count() == 1
    assert Invitation.objects.get().answered_at is not None
    page.goto(f"{page.base_url}/s/{invitation.token}/")
    assert "Тази връзка вече е използвана" in page.content()
