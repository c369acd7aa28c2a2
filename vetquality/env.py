"""Small parsers for environment variables that fail loudly on bad values.

A typo in production configuration must stop the process at start-up with a
message naming the variable, never fall back silently to a default.
"""

import os
from urllib.parse import parse_qs, unquote, urlparse


class ConfigError(Exception):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, environ=os.environ):
    return environ.get(name, default)


def env_bool(name, default=False, environ=os.environ):
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use one of 1/0, true/false, yes/no, on/off)")


def env_int(name, default, environ=os.environ, minimum=None):
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum}")
    return value


def env_list(name, default=(), environ=os.environ):
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url, base_dir):
    """Turn DATABASE_URL into a Django DATABASES entry.

    Supported: sqlite:///relative/or/absolute.db and postgres(ql)://user:pass@host:port/name.
    """
    parsed = urlparse(url)
    scheme = parsed.scheme
    if scheme == "sqlite":
        # sqlite:///db.sqlite3 is relative to the project, sqlite:////abs/db.sqlite3 absolute:
        # the third slash ends the (empty) host, whatever follows is the path as written.
        path = unquote(parsed.path)
        if parsed.netloc:
            raise ConfigError(
                f"DATABASE_URL={url!r}: a SQLite URL has no host (use sqlite:///file or sqlite:////abs/file)"
            )
        path = path[1:] if path.startswith("/") else path
        if not path:
            raise ConfigError(f"DATABASE_URL={url!r} names no SQLite file")
        name = path if os.path.isabs(path) else str(base_dir / path)
        return sqlite_database(name)
    if scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ConfigError(f"DATABASE_URL={url!r} names no database")
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ConfigError(f"DATABASE_URL={url!r}: unsupported scheme {scheme!r} (use sqlite:// or postgres://)")


def sqlite_database(name):
    # WAL lets readers proceed during a write; IMMEDIATE takes the write lock at
    # BEGIN so that two writers queue instead of failing with "database is locked".
    # Persistent connections: opening one costs more than a whole cheap request (Django registers
    # its SQL functions and the PRAGMAs run on every open), so a connection lives for a minute.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "CONN_MAX_AGE": 60,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }
