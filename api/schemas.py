from ninja import Schema


class Page(Schema):
    """A page of a list: `next` is the cursor of the following page, null on the last."""

    next: str | None


class ProblemError(Schema):
    path: str
    message: str


class ProblemOut(Schema):
    """RFC 9457 problem details, served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemError] | None = None


# Every endpoint documents the problems it may answer with, so a client (and schemathesis) knows them.
PROBLEM_CODES = frozenset({400, 401, 403, 404, 409, 412, 413, 428, 429})
PROBLEMS = {PROBLEM_CODES: ProblemOut}


def responses(ok_schema, status=200):
    return {status: ok_schema, **PROBLEMS}
