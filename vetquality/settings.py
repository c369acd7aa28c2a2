"""The one settings module. Every knob is an environment variable; see README."""

import os
import sys
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from vetquality.env import ConfigError, env_bool, env_int, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = env_str("SECRET_KEY")
# A fresh clone runs `manage.py ...` with neither DEBUG nor SECRET_KEY set: that is development, with a
# warning. Production says DEBUG=0 (deploy/production.env.example) and then refuses to start without a
# key; the WSGI entry point (gunicorn) refuses the development defaults altogether (vetquality/wsgi.py).
DEVELOPMENT_DEFAULTS = os.environ.get("DEBUG") is None and not SECRET_KEY
DEBUG = env_bool("DEBUG", default=DEVELOPMENT_DEFAULTS)
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development)")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
    if DEVELOPMENT_DEFAULTS:
        sys.stderr.write(
            "VETQuality: neither DEBUG nor SECRET_KEY is set: running in development mode (DEBUG on, an insecure "
            "key). Set DEBUG=0 and SECRET_KEY for production.\n"
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "VETQuality")  # signs the e-mails

INSTALLED_APPS = [
    # Django's admin, for superusers only (vetquality/admin_site.py); agency admins use /administration/.
    "vetquality.admin_apps.AgencyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    # Two-factor authentication (TOTP and recovery codes): accounts/mfa.py.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "vetquality",
    "accounts",
    "audit",
    "frameworks",
    "centres",
    "reports",
    "activity",
    "analysis",
    "api",
    "ninja",  # its bundled Swagger UI static files (no CDN)
    "surveys",
    "control",
    "formatting",
    # django-ninja: only for its vendored Swagger UI static files (the API docs need no CDN).
    "assessment",
    # Input boundaries: numbers, text, dates, archives and files checked in one place per kind.
    "inputs",
    "public",
    "exports",
    # E-mail from requests goes out through the job queue (mailing/outbox.py).
    "mailing",
    "dbrouting",
    # The job queue (the Django tasks API; the database backend runs `manage.py db_worker`).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A strict Content-Security-Policy on every response (no inline scripts or styles anywhere).
    "csp.middleware.CSPMiddleware",
    "vetquality.headers.PermissionsPolicyMiddleware",
    "dbrouting.router.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "inputs.middleware.RefuseHostileQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout and absolute lifetime, then the second factor before anything else.
    "accounts.sessions.SessionTimeoutMiddleware",
    "accounts.mfa.MFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vetquality.urls"
WSGI_APPLICATION = "vetquality.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vetquality.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": parse_database_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"), BASE_DIR)}
# A read replica for the analysis, exports and public pages (dbrouting/router.py); without it every
# query goes to the primary. In tests the replica is a mirror of the test database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = parse_database_url(DATABASE_REPLICA_URL, BASE_DIR)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["dbrouting.router.ReplicaRouter"]
REPLICA_PATH_PREFIXES = ["/analysis/", "/api/analysis/", "/surveys/national/", "/surveys/export/", "/public/"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend first: a locked-out request is refused before any
    # password hash is computed.
    "axes.backends.AxesStandaloneBackend",
    # Then the limits per address (across usernames) and per account, in the shared cache.
    "accounts.throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "vetquality.redis_cache.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions read from Redis (every app server sees them), written through to the database, so a
    # restart of Redis, which keeps nothing on disk here, logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Local memory: counts and limits hold per process only — right for development and tests,
    # not for several workers (set REDIS_URL there).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions end after SESSION_IDLE_MINUTES without use and SESSION_ABSOLUTE_HOURS after log-in
# (accounts/sessions.py); sensitive actions need a password or code from the last REAUTH_MINUTES.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_ABSOLUTE_LIFETIME = env_int("SESSION_ABSOLUTE_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
REAUTH_MAX_AGE = env_int("REAUTH_MINUTES", 10, minimum=1) * 60
# Second factor: required for agency experts and administrators unless MFA_REQUIRED=0 (off by default
# only with DEBUG, so the demo logins work without a phone).
MFA_REQUIRED = env_bool("MFA_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "VETQuality"

# The client address behind the TLS proxy (accounts/client_ip.py): the number of proxies in front of
# the app (1 for the README's nginx); 0 trusts no forwarded header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS")
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 30, minimum=1)
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 20, minimum=1)
# E-mails per hour (accounts/throttle.py): password resets per client address and per e-mail address,
# invitations per invited address and per inviting administrator.
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10, minimum=1)
PASSWORD_RESETS_PER_EMAIL = env_int("PASSWORD_RESETS_PER_EMAIL", 3, minimum=1)
INVITATIONS_PER_EMAIL = env_int("INVITATIONS_PER_EMAIL", 3, minimum=1)
INVITATIONS_PER_ACCOUNT = env_int("INVITATIONS_PER_ACCOUNT", 100, minimum=1)

# Login throttling: lock the (username, IP) pair, not the username alone, so an
# attacker elsewhere cannot lock the real user out; the lock expires by itself.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = env_str(
    "AXES_HANDLER",
    "axes.handlers.cache.AxesCacheHandler" if REDIS_URL else "axes.handlers.database.AxesDatabaseHandler",
)
AXES_VERBOSE = False

# Jobs: run at once in the request (default, also in tests) or queued in the database for
# `manage.py db_worker` (TASKS_BACKEND=database), so a request never waits for 900 e-mails.
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.backend.DatabaseBackend",
}
_task_backend = env_str("TASKS_BACKEND", "immediate")
if _task_backend not in _TASK_BACKENDS:
    raise ConfigError(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)} (got {_task_backend!r})")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}
# Draw the analysis charts in the job queue after a report changes (analysis.predraw); pointless, and
# slow for the user who made the change, when "the queue" runs inside the request.
ANALYSIS_PREDRAW = env_bool("ANALYSIS_PREDRAW", _task_backend != "immediate")

# The API: requests per token and minute (shared cache), and the largest JSON body accepted.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 600, minimum=1)
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 2 * 1024 * 1024, minimum=1024)

LANGUAGE_CODE = "bg"
LANGUAGES = [("bg", _("Bulgarian")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app carries its own locale/
USE_I18N = True
FORMAT_MODULE_PATH = ["vetquality.formats"]
TIME_ZONE = "Europe/Sofia"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS: list = []
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Evidence files are never served from MEDIA_URL: views check access and stream them.
# Behind nginx: evidence downloads are handed to nginx's internal location (deploy/nginx-vetquality.conf).
EVIDENCE_X_ACCEL_PREFIX = env_str("EVIDENCE_X_ACCEL_PREFIX", "")
# Optional virus scan of uploads by clamd (a UNIX socket path or host:port); off when empty.
CLAMAV_SOCKET = env_str("CLAMAV_SOCKET", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VETQuality <noreply@navet.government.bg>")

SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's health check speaks plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Everything from this site only; images also as data: URIs (charts, QR codes). No inline script or
# style is allowed: scripts and styles are static files (a template test keeps it so).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
