"""The `make run` banner names the address the server really listens on."""

from io import StringIO

from django.core.management import call_command

from accounts.models import Role
from conftest import make_user


def banner(**options):
    out = StringIO()
    call_command("demo_logins", stdout=out, **options)
    return out.getvalue()


def test_the_banner_shows_the_address_given(db):
    make_user("director", Role.EXPERT)
    text = banner(address="127.0.0.1:8101")
    assert "http://127.0.0.1:8101" in text and ":8000" not in text


def test_the_banner_follows_the_port_variable(db, monkeypatch):
    make_user("director", Role.EXPERT)
    monkeypatch.setenv("PORT", "8163")
    assert "http://127.0.0.1:8163" in banner()


def test_the_makefile_passes_its_port_to_the_banner():
    from pathlib import Path

    from django.conf import settings

    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert "demo_logins --address 127.0.0.1:$(PORT)" in makefile
