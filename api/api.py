"""The JSON API, version 1 (django-ninja). One router per app, in the app's own `api.py`.

Authentication: `Authorization: Bearer <token>` (api.auth.TokenAuth) or the web session. Every
request acts as its user with exactly that user's rights (centres/access.py); a token further
narrows them to its scopes. Errors are RFC 9457 problem documents (api.problems).
v1 only grows: a breaking change goes to /api/v2/.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from activity.api import router as activity_router
from analysis.api import router as analysis_router
from api.auth import AUTH
from api.parsing import SafeJsonParser
from api.problems import Problem, problem_response, render
from centres.access import agency_required
from centres.api import router as centres_router
from control.api import router as control_router
from frameworks.api import router as frameworks_router
from public.api import router as public_router
from reports.api import router as reports_router
from surveys.api import router as surveys_router

# RFC 9110's reason phrases: django-ninja takes them from Python's `http` module, whose wording
# changed between versions (413 is "Request Entity Too Large" before 3.13), so the published schema
# would depend on the interpreter that rendered it.
REASON_PHRASES = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    422: "Unprocessable Content",
    428: "Precondition Required",
    429: "Too Many Requests",
}


class VetQualityAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Problems are documented as application/problem+json, the type they are served with."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                for code, response in operation.get("responses", {}).items():
                    if int(code) in REASON_PHRASES:
                        response["description"] = REASON_PHRASES[int(code)]
                    content = response.get("content", {})
                    if str(code).startswith("4") and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


api = VetQualityAPI(
    title="VETQuality API",
    version="1",
    description="The JSON API of VETQuality, version 1: see docs/api.md (tokens, pagination, errors, idempotency).",
    urls_namespace="api",
    auth=AUTH,
    parser=SafeJsonParser(),
    # Swagger UI from django-ninja's own static files (no CDN), for logged-in agency users only;
    # centres' developers have docs/api.md and the committed schema api/openapi.json.
    docs_url="/docs",
    docs_decorator=agency_required,
)
api.add_router("/frameworks", frameworks_router)
api.add_router("/centres", centres_router)
api.add_router("/reports", reports_router)
api.add_router("/activity", activity_router)
api.add_router("/surveys", surveys_router)
api.add_router("/analysis", analysis_router)
api.add_router("/control", control_router)
api.add_router("/public", public_router)


def _path(loc):
    parts = [str(p) for p in loc if p not in ("body", "payload")]
    return "/" + "/".join(parts)


@api.exception_handler(Problem)
def _problem(request, exc):
    return render(exc)


@api.exception_handler(ValidationError)
def _validation(request, exc):
    errors = [{"path": _path(e.get("loc", [])), "message": e.get("msg", "")} for e in exc.errors]
    return problem_response(400, _("Invalid request"), _("Some values are not valid."), errors)


@api.exception_handler(DjangoValidationError)
def _django_validation(request, exc):
    if hasattr(exc, "error_dict"):
        errors = [{"path": f"/{field}", "message": m} for field, msgs in exc.message_dict.items() for m in msgs]
    else:
        errors = [{"path": "/", "message": m} for m in exc.messages]
    return problem_response(400, _("Invalid request"), _("Some values are not valid."), errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem_response(401, _("Not authenticated"), _("Log in or send a valid Bearer token."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return problem_response(403, _("Forbidden"), str(exc) or _("You may not do this."))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(404, _("Not found"), _("There is no such object, or you may not see it."))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if isinstance(exc.__cause__, Problem):  # ninja wraps the body parser's refusals; answer with ours
        return render(exc.__cause__)
    return problem_response(exc.status_code, str(exc), str(exc))


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return problem_response(413, _("Request body too large"), _("The request body is too large."))
