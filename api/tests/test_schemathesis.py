"""Property-based tests of the whole API with schemathesis, from the committed schema, as every kind of caller.

For each operation and each caller (anonymous, each centre role, another centre, expert, admin, a service
token), schemathesis generates valid and invalid requests and checks: no server error, every response
conforming to the schema (status codes, content types, bodies), and — for centre users — no other centre's
licence number in any answer.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import checks

from api import services
from api.management.commands.openapi_schema import SNAPSHOT
from api.tests.helpers import token_for
from reports import services as report_services

schema = schemathesis.openapi.from_path(str(SNAPSHOT))
schema.app = get_wsgi_application()

CALLERS = ["anonymous", "dora", "vicky", "boris", "erin", "service"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI handler, which closes the database connection after each request;
    inside a test's transaction that would end it (PostgreSQL). Django's own test client disconnects
    the same signal handlers the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(dora, boris, cleo, erin, adam):
    """Two CPO and a CIPO with reports, so that answers have something to leak if the rules were wrong."""
    for user in (dora, boris, cleo):
        report_services.open_report(user.centre, 2024, actor=user)
    return {"A": dora.centre, "B": boris.centre, "C": cleo.centre}


def headers_for(request, caller):
    if caller == "anonymous":
        return {}
    if caller == "service":
        _token, key = services.create_service_token(
            request.getfixturevalue("adam"), name="svc", scopes=["centres:read", "frameworks:read"]
        )
    else:
        key = token_for(request.getfixturevalue(caller))
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_holds_its_schema_for_every_caller(request, case, caller, world):
    headers = headers_for(request, caller)
    response = case.call(headers=headers)
    # Our rules are stricter than a JSON schema can say (control characters, the activity tables' consistency):
    # a schema-valid body may still be refused with a 400 problem, so "positive data acceptance" does not apply.
    excluded = [checks.positive_data_acceptance]
    if caller != "anonymous":
        # With our valid token in the headers, the "garbage credentials" schemathesis adds cannot win.
        excluded.append(checks.ignored_auth)
    case.validate_response(response, excluded_checks=excluded)
    assert response.status_code < 500
    if caller in ("dora", "vicky"):
        others = (world["B"].licence_number, world["C"].licence_number)
        assert not any(number in response.text for number in others), f"{caller} saw another centre's data"
