"""Refuse, with 400, a request whose address or query string carries control characters or is absurdly long.

Views read query parameters into database filters; on PostgreSQL a NUL byte in such a filter is
an error (a 500), on every database it is nonsense. One check here covers every view.
"""

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inputs.text import has_control_characters

MAX_QUERY_STRING = 16 * 1024
TOO_LONG = gettext_lazy("The query string is too long.")
CONTROL_IN_PATH = gettext_lazy("The address contains control characters.")
CONTROL_IN_QUERY = gettext_lazy("The query string contains control characters.")


class RefuseHostileQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self._problem(request)
        if problem is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            # The API answers every error as an RFC 9457 problem document, this one too.
            body = {"type": "about:blank", "title": _("Invalid request"), "status": 400, "detail": str(problem)}
            return JsonResponse(body, status=400, content_type="application/problem+json")
        raise BadRequest(str(problem))

    @staticmethod
    def _problem(request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return TOO_LONG
        if has_control_characters(request.path):
            return CONTROL_IN_PATH
        for key, values in request.GET.lists():
            if has_control_characters(key) or any(has_control_characters(v) for v in values):
                return CONTROL_IN_QUERY
        return None
