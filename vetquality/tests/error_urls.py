"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.urls import include, path


def forbidden(request):
    raise PermissionDenied


def bad(request):
    raise SuspiciousOperation("a malformed request")


def crash(request):
    raise RuntimeError("a bug")


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


urlpatterns = [
    path("test-403/", forbidden),
    path("test-400/", bad),
    path("test-500/", crash),
    path("test-db-down/", database_down),
    path("", include("vetquality.urls")),
]
