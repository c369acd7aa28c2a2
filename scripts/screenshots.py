"""Take screenshots of pages as a user sees them (Bulgarian, desktop and phone widths).

    .venv/bin/python scripts/screenshots.py BASE_URL USER PASSWORD PATH [PATH ...]

Saves test-artifacts/shot-<user>-<path>-<width>.png. Uses Debian's Chromium.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(base, user, password, *paths):
    out = Path(__file__).resolve().parent.parent / "test-artifacts"
    out.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width, height in ((1280, 900), (390, 844)):
            context = browser.new_context(viewport={"width": width, "height": height}, locale="bg-BG")
            page = context.new_page()
            if user != "-":
                page.goto(base + "/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", password)
                page.click("main button[type=submit]")
            for path in paths:
                page.goto(base + path)
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                target = out / f"shot-{user}-{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
