"""Reads of the analysis, exports and public pages go to a read replica when one is configured.

DATABASE_REPLICA_URL adds the "replica" database; ReplicaReadsMiddleware marks GET and HEAD requests
to the paths in REPLICA_PATH_PREFIXES (the national analysis, survey results and exports, the public
pages: read-heavy and never writing what they then read) and ReplicaRouter sends their reads there.
Every write, and every other page, uses the primary; without a replica everything does. A replica a
few seconds behind is fine for those pages: they show submitted, settled data.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
# Who is logged in, their session, second factor and throttling state always come from the primary:
# a replica a moment behind would log a person out right after logging in.
PRIMARY_ONLY_APPS = {
    "sessions",
    "auth",
    "accounts",
    "otp_totp",
    "otp_static",
    "axes",
    "contenttypes",
    "django_tasks_db",
}
_use_replica = contextvars.ContextVar("use_replica", default=False)


def replica_configured():
    return REPLICA in settings.DATABASES


class reads_from_replica:
    """Context manager (and the middleware's tool): reads inside go to the replica when there is one."""

    def __enter__(self):
        self._token = _use_replica.set(True)
        return self

    def __exit__(self, *exc):
        _use_replica.reset(self._token)
        return False


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get() and model._meta.app_label not in PRIMARY_ONLY_APPS and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefixes = tuple(getattr(settings, "REPLICA_PATH_PREFIXES", ()))
        if request.method in ("GET", "HEAD") and prefixes and request.path.startswith(prefixes):
            with reads_from_replica():
                return self.get_response(request)
        return self.get_response(request)
