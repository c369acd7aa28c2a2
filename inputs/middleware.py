"""Refuse, with 400, a request whose address or query string carries control characters or is absurdly long.

Views read query parameters into database filters; on PostgreSQL a NUL byte in such a filter is
an error (a 500), on every database it is nonsense. One check here covers every view.
"""

from django.core.exceptions import BadRequest

from inputs.text import has_control_characters

MAX_QUERY_STRING = 16 * 1024


class RefuseHostileQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            raise BadRequest("query string too long")
        if has_control_characters(request.path):
            raise BadRequest("control characters in the path")
        for key, values in request.GET.lists():
            if has_control_characters(key) or any(has_control_characters(v) for v in values):
                raise BadRequest("control characters in the query string")
        return self.get_response(request)
