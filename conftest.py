"""Shared fixtures: named test personas and a browser driving Debian's Chromium.

Personas (centre A is a CPO in Пловдив, centre B another CPO, centre C a CIPO):
  dora    — director of A        eddie — editor of A        vicky — viewer of A
  boris   — director of B        cleo  — director of C (CIPO)
  erin    — agency expert        adam  — agency admin
"""

import datetime as dt
import os
import shutil

import pytest

from accounts.models import Role, User
from centres.models import Centre, CentreKind

PASSWORD = "correct-horse-battery-9"


def make_centre(licence, name, kind=CentreKind.CPO, region="Пловдив", **extra):
    return Centre.objects.create(
        licence_number=licence,
        name=name,
        kind=kind,
        region=region,
        municipality=extra.pop("municipality", region),
        licensed_on=extra.pop("licensed_on", dt.date(2015, 3, 1)),
        email=extra.pop("email", f"{licence}@example.bg"),
        **extra,
    )


def make_user(username, role, centre=None):
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.bg",
        first_name=username.capitalize(),
        role=role,
        centre=centre,
    )


@pytest.fixture
def centre_a(db):
    return make_centre("200812001", "ЦПО „Алфа“ ЕООД")


@pytest.fixture
def centre_b(db):
    return make_centre("200812002", "ЦПО „Бета“ ООД", region="Варна")


@pytest.fixture
def centre_c(db):
    return make_centre("300112001", "ЦИПО „Гама“", kind=CentreKind.CIPO, region="Русе")


@pytest.fixture
def dora(centre_a):
    return make_user("dora", Role.DIRECTOR, centre_a)


@pytest.fixture
def eddie(centre_a):
    return make_user("eddie", Role.EDITOR, centre_a)


@pytest.fixture
def vicky(centre_a):
    return make_user("vicky", Role.VIEWER, centre_a)


@pytest.fixture
def boris(centre_b):
    return make_user("boris", Role.DIRECTOR, centre_b)


@pytest.fixture
def cleo(centre_c):
    return make_user("cleo", Role.DIRECTOR, centre_c)


@pytest.fixture
def erin(db):
    return make_user("erin", Role.EXPERT)


@pytest.fixture
def adam(db):
    return make_user("adam", Role.ADMIN)


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as that user (no password hashing round trip)."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture
def mail_queue(settings):
    """A job queue that only records what is enqueued, as the database backend does before its worker
    runs: a test sees what a request queued; mailing.tests.queue.run_queued then plays the worker."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.fixture(autouse=True)
def _redis_when_required(request):
    """Tests marked `redis` start from an empty cache; with REQUIRE_REDIS set (CI's Redis step) they
    fail, loudly, unless the cache really is a reachable Redis: a run that silently fell back to the
    in-process cache would prove nothing about the production set-up."""
    if request.node.get_closest_marker("redis") is None:
        return
    from django.conf import settings
    from django.core.cache import cache

    if os.environ.get("REQUIRE_REDIS"):
        backend = settings.CACHES["default"]["BACKEND"]
        if not backend.endswith("RedisCache"):
            pytest.fail(f"REQUIRE_REDIS is set but the cache is {backend}: set REDIS_URL")
        try:
            cache._cache.get_client(write=True).ping()
        except Exception as error:  # noqa: BLE001 — any failure to reach Redis is the message
            pytest.fail(f"Redis at {settings.REDIS_URL} cannot be reached: {error}")
    # Redis keeps keys between tests (and ids repeat in rolled-back transactions).
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _urls_loaded_before_any_frozen_clock():
    """Import every view module (through the URLconf) at the start: a pydantic schema (the API's) built
    for the first time inside freezegun's freeze_time would see its fake date class and fail."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


@pytest.fixture(autouse=True)
def _bulgarian_and_isolated_media(settings, tmp_path):
    settings.LANGUAGE_CODE = "bg"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: it outlives each test's rolled-back transaction, and a page or
    version cached by the previous test would describe rows that no longer exist (the register version,
    the API's pages, counters). So is what this process keeps (the public survey form's campaigns, the
    frameworks' structure)."""
    from django.core.cache import cache

    from frameworks import structure
    from surveys import lookup

    cache.clear()
    lookup.forget_here()
    structure.forget_here()


# ---------------------------------------------------------------- browser tests
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = os.path.join(os.path.dirname(__file__), "test-artifacts")


@pytest.fixture(scope="session")
def _playwright_browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium); CI runs these tests")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses
    # to run inside one unless told that it is safe (the loop is Playwright's, not ours).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_playwright_browser, live_server):
    """A fresh page (desktop size, Bulgarian) against the live server; .shot(name) saves a screenshot."""
    # Under the site's own strict CSP, as a user's browser runs it: a script the policy blocks fails the test.
    # (So no wait_for_function with a string, which the policy's no-eval forbids: use expect(locator).)
    context = _playwright_browser.new_context(viewport={"width": 1280, "height": 900}, locale="bg-BG")
    page = context.new_page()
    page.base_url = live_server.url
    os.makedirs(ARTIFACTS, exist_ok=True)

    def shot(name):
        page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)

    page.shot = shot
    yield page
    context.close()


@pytest.fixture
def browser_login():
    def login(page, user):
        page.goto(page.base_url + "/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]:has-text('Вход')")
        page.wait_for_url(page.base_url + "/")

    return login
