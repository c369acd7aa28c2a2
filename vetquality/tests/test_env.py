import os
import subprocess
import sys
from pathlib import Path

import pytest

from vetquality.env import ConfigError, env_bool, env_int, env_list, env_str, parse_database_url

BASE = Path("/srv/vetquality")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", " yes ", "on"])
def test_env_bool_true_values(raw):
    assert env_bool("DEBUG", environ={"DEBUG": raw}) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off", ""])
def test_env_bool_false_values(raw):
    assert env_bool("DEBUG", default=True, environ={"DEBUG": raw}) is False


def test_env_bool_missing_takes_the_default():
    assert env_bool("DEBUG", default=True, environ={}) is True
    assert env_bool("DEBUG", environ={}) is False


@pytest.mark.parametrize("raw", ["2", "yes please", "tru"])
def test_env_bool_refuses_anything_else_naming_the_variable(raw):
    with pytest.raises(ConfigError, match=r"^DEBUG=.* is not a boolean"):
        env_bool("DEBUG", environ={"DEBUG": raw})


def test_env_int_reads_whole_numbers_and_defaults():
    assert env_int("EMAIL_PORT", 25, environ={"EMAIL_PORT": "587"}) == 587
    assert env_int("EMAIL_PORT", 25, environ={"EMAIL_PORT": " "}) == 25
    assert env_int("EMAIL_PORT", 25, environ={}) == 25


@pytest.mark.parametrize("raw", ["5.5", "five", "0x10"])
def test_env_int_refuses_non_integers_naming_the_variable(raw):
    with pytest.raises(ConfigError, match=r"^AXES_FAILURE_LIMIT=.* is not a whole number"):
        env_int("AXES_FAILURE_LIMIT", 5, environ={"AXES_FAILURE_LIMIT": raw})


def test_env_int_enforces_the_minimum():
    assert env_int("AXES_FAILURE_LIMIT", 5, environ={"AXES_FAILURE_LIMIT": "1"}, minimum=1) == 1
    with pytest.raises(ConfigError, match=r"^AXES_FAILURE_LIMIT='0' must be at least 1"):
        env_int("AXES_FAILURE_LIMIT", 5, environ={"AXES_FAILURE_LIMIT": "0"}, minimum=1)


def test_env_list_splits_on_commas_and_drops_blanks():
    environ = {"ALLOWED_HOSTS": " vq.navet.bg, ,www.vq.navet.bg ,"}
    assert env_list("ALLOWED_HOSTS", environ=environ) == ["vq.navet.bg", "www.vq.navet.bg"]
    assert env_list("ALLOWED_HOSTS", default=["x"], environ={}) == ["x"]
    assert env_list("ALLOWED_HOSTS", default=["x"], environ={"ALLOWED_HOSTS": ""}) == []


def test_env_str_default():
    assert env_str("SITE_URL", "http://a", environ={}) == "http://a"
    assert env_str("SITE_URL", "http://a", environ={"SITE_URL": "https://b"}) == "https://b"


def test_sqlite_relative_path_is_under_the_project():
    db = parse_database_url("sqlite:///db.sqlite3", BASE)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(BASE / "db.sqlite3")


def test_sqlite_absolute_path_is_kept():
    assert parse_database_url("sqlite:////var/lib/vq/db.sqlite3", BASE)["NAME"] == "/var/lib/vq/db.sqlite3"


def test_sqlite_without_a_file_is_refused():
    with pytest.raises(ConfigError, match="^DATABASE_URL=.*names no SQLite file"):
        parse_database_url("sqlite://", BASE)


def test_postgres_url_with_user_password_port_and_options():
    db = parse_database_url(
        "postgres://vq:p%40ss%2Fw@db.internal:6543/vetquality?sslmode=require&connect_timeout=5", BASE
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "vetquality",
        "vq",
        "p@ss/w",
        "db.internal",
        "6543",
    )
    assert db["OPTIONS"] == {"sslmode": "require", "connect_timeout": "5"}


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
def test_postgres_scheme_spellings_and_defaults(scheme):
    db = parse_database_url(f"{scheme}://localhost/vq", BASE)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["PORT"], db["OPTIONS"]) == ("vq", "", "", "", {})


def test_postgres_without_a_database_name_is_refused():
    with pytest.raises(ConfigError, match="^DATABASE_URL=.*names no database"):
        parse_database_url("postgres://u:p@localhost:5432/", BASE)


def test_unknown_scheme_is_refused():
    with pytest.raises(ConfigError, match="^DATABASE_URL=.*unsupported scheme 'mysql'"):
        parse_database_url("mysql://u@localhost/vq", BASE)


def _import_settings(**env):
    clean = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, "-c", "import vetquality.settings"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_fresh_clone_runs_in_development_mode_with_a_warning():
    result = _import_settings()
    assert result.returncode == 0
    assert "development mode" in result.stderr


def test_the_wsgi_server_refuses_the_development_defaults():
    clean = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", "import vetquality.wsgi"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "WSGI server needs DEBUG=0 and SECRET_KEY" in result.stderr


def test_manage_py_works_on_a_fresh_clone():
    clean = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_settings_import_with_a_secret_key_or_in_debug():
    assert _import_settings(SECRET_KEY="x" * 50).returncode == 0
    assert _import_settings(DEBUG="1").returncode == 0


def test_a_bad_value_stops_settings_naming_the_variable():
    result = _import_settings(SECRET_KEY="x" * 50, AXES_FAILURE_LIMIT="many")
    assert result.returncode != 0
    assert "AXES_FAILURE_LIMIT='many' is not a whole number" in result.stderr


def test_sqlite_with_a_host_is_refused():
    with pytest.raises(ConfigError, match="^DATABASE_URL=.*has no host"):
        parse_database_url("sqlite://db.sqlite3", BASE)
