"""The JSON API (django-ninja). Session authentication: the same login as the web pages.

Apps add their routers here; each endpoint checks its role itself (401 without a session,
403 for a user without the role).
"""

from ninja import NinjaAPI
from ninja.security import django_auth

from analysis.api import router as analysis_router
from centres.access import agency_required

# The docs (/api/docs) only for logged-in agency users; Swagger UI from ninja's own static files
# ("ninja" in INSTALLED_APPS), never from a CDN.
api = NinjaAPI(
    title="VETQuality API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_decorator=agency_required,
)
api.add_router("/analysis", analysis_router)
