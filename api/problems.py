"""Errors in one shape: RFC 9457 problem details (`type`, `title`, `status`, `detail`, `errors`), in the
request's language (Accept-Language; Bulgarian by default)."""

from django.http import JsonResponse

PROBLEM_TYPE = "about:blank"


class Problem(Exception):
    def __init__(self, status, title, detail="", errors=None, headers=None, extra=None):
        super().__init__(detail or title)
        self.status = status
        self.title = str(title)
        self.detail = str(detail)
        self.errors = errors or []
        self.headers = headers or {}
        self.extra = extra or {}


def problem_response(status, title, detail="", errors=None, headers=None, extra=None):
    body = {"type": PROBLEM_TYPE, "title": str(title), "status": status, "detail": str(detail)}
    if errors:
        body["errors"] = [{"path": e.get("path", ""), "message": str(e.get("message", ""))} for e in errors]
    if extra:
        body.update(extra)
    response = JsonResponse(
        body, status=status, content_type="application/problem+json", json_dumps_params={"ensure_ascii": False}
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def render(problem):
    return problem_response(
        problem.status, problem.title, problem.detail, problem.errors, problem.headers, problem.extra
    )
