"""Autosave of drafts (HTMX): saves what is typed, says when, refuses rather than overwrite others' changes."""

import pytest
from django.urls import reverse

from reports import services
from reports.tests.test_form_view import _post_data


def url(report):
    return reverse("reports:autosave", args=[report.pk])


def test_anonymous_is_sent_to_login(client, draft):
    response = client.post(url(draft), _post_data(draft))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_centre_gets_404_and_a_viewer_403(client_for, boris, vicky, draft):
    assert client_for(boris).post(url(draft), _post_data(draft)).status_code == 404
    assert client_for(vicky).post(url(draft), _post_data(draft)).status_code == 403


def test_autosave_saves_the_draft_and_says_when(client_for, eddie, draft):
    response = client_for(eddie).post(url(draft), _post_data(draft, text_1="Набрано"))
    assert response.status_code == 200 and response["X-Autosaved"] == "1"
    html = response.content.decode()
    assert "Запазено в " in html
    assert 'name="lock_version" value="2" id="id_lock_version" hx-swap-oob="true"' in html
    draft.refresh_from_db()
    assert draft.texts["1"] == "Набрано" and draft.lock_version == 2


def test_autosave_never_overwrites_a_save_made_meanwhile(client_for, dora, eddie, draft):
    stale = _post_data(draft, text_5="Дора")
    services.save_draft(draft, actor=eddie, lock_version=1, texts={"1": "Еди"})
    response = client_for(dora).post(url(draft), stale)
    assert response["X-Autosaved"] == "0" and "Запис на черновата" in response.content.decode()
    draft.refresh_from_db()
    assert draft.texts == {"1": "Еди"}


def test_an_invalid_autosave_saves_nothing_and_says_so(client_for, dora, draft):
    response = client_for(dora).post(url(draft), _post_data(draft, **{"points_1.1": "7"}))
    assert response.status_code == 200 and response["X-Autosaved"] == "0"
    draft.refresh_from_db()
    assert draft.lock_version == 1


@pytest.mark.parametrize("method", ["get", "put"])
def test_only_post(client_for, dora, draft, method):
    assert getattr(client_for(dora), method)(url(draft)).status_code == 405


def test_the_form_carries_the_autosave_and_leave_warning_without_inline_script(client_for, dora, draft):
    html = client_for(dora).get(reverse("reports:form", args=[draft.pk])).content.decode()
    assert f'hx-post="{url(draft)}"' in html and 'id="autosave-status"' in html
    assert "reports/report-form.js" in html
    assert "<script>" not in html and " onclick=" not in html
