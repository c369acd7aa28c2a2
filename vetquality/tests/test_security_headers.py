"""Security headers on every page, no inline script or style in any template, API docs closed and local."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
# Rendered to PDF by WeasyPrint on the server, never sent to a browser as HTML.
PDF_ONLY = {
    "reports/templates/reports/documents/report.html",
    "analysis/templates/analysis/document.html",
    "control/templates/control/document.html",
    "assessment/templates/assessment/pilot_report.html",
}
# Data blocks (JSON, JSON-LD) are not scripts: browsers never run them, so the policy does not cover them.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def _templates():
    for path in ROOT.glob("*/templates/**/*.html"):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith(".venv") and relative not in PDF_ONLY:
            yield relative


@pytest.mark.parametrize("template", sorted(_templates()))
def test_no_inline_script_style_or_handler_in_any_template(template):
    text = (ROOT / template).read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not STYLE.search(text), "<style> or style="
    assert not HANDLER.search(text), "on*= handler"


@pytest.mark.parametrize("persona", [None, "dora", "erin"])
def test_every_html_page_carries_the_strict_policy(request, client, db, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_api_docs_are_for_agency_users_only(client, client_for, dora, erin):
    url = "/api/docs"
    assert client.get(url).status_code == 302
    assert client_for(dora).get(url).status_code == 403
    response = client_for(erin).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    # Nothing from another host; not the letters "cdn" anywhere (the random CSRF token may hold them).
    assert re.findall(r'(?:src|href)="(?:https?:)?//', page) == []
