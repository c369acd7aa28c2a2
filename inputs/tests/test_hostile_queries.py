"""Every URL pattern, asked with hostile query strings by an anonymous visitor, a centre user and an
agency admin, answers something other than a 500 (the test client re-raises a view's exception)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from reports.models import Report

HOSTILE = [
    "\x00",
    "a\x00b",
    "99999999999999999999999999999",
    "-1",
    "123",
    "0",
    "1e400",
    "NaN",
    "٣",
    "x" * 10_000,
    "'; DROP TABLE x; --",
]
PARAMS = ["q", "year", "page", "region", "kind", "questionnaire", "status", "state", "next", "format", "sort"]
SKIPPED_PREFIXES = ("django-admin/", "i18n/", "static/")


def _routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _fill(route, ids):
    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "int":
            return str(2025 if name == "year" else ids.get(name, ids["pk"]))
        if name == "fmt":
            return "csv"
        if name == "code":
            return "CPO-2018"
        return "x"

    route = route.lstrip("^").rstrip("$")
    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def all_paths(ids):
    paths = set()
    for route in _routes(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or "(?P" in route or "\\" in route:
            continue
        paths.add(_fill(route, ids))
    return sorted(paths)


@pytest.fixture
def objects(centre_a, dora):
    from frameworks.models import Framework

    framework = Framework.objects.for_report("CPO", 2025)
    report = Report.objects.create(centre=centre_a, year=2025, framework=framework) if framework else None
    return {"pk": report.pk if report else centre_a.pk, "centre_id": centre_a.pk, "centre_pk": centre_a.pk}


@pytest.mark.parametrize("persona", ["anonymous", "dora", "adam"])
def test_no_url_answers_500_to_hostile_query_strings(request, client, objects, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona), backend="django.contrib.auth.backends.ModelBackend")
    failures = []
    for path in all_paths(objects):
        for hostile in HOSTILE:
            query = dict.fromkeys(PARAMS, hostile)
            try:
                response = client.get(path, query)
            except Exception as exc:  # the test client re-raises what the view raised
                failures.append(f"{path} {hostile[:20]!r}: {type(exc).__name__}: {str(exc)[:120]}")
                continue
            if response.status_code >= 500:
                failures.append(f"{path} {hostile[:20]!r}: {response.status_code}")
    assert not failures, "\n".join(failures[:60])


def test_a_nul_in_the_query_string_is_a_400(client, db):
    assert client.get("/centres/", {"q": "\x00"}).status_code == 400
