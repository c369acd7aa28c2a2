"""The committed OpenAPI document is the API's contract: any change to the API shows up as a diff to review."""

from api.management.commands.openapi_schema import SNAPSHOT, current_schema, render


def test_the_committed_schema_matches_the_code(db):
    assert SNAPSHOT.read_text(encoding="utf-8") == render(current_schema()), (
        "The API changed: run `make openapi`, review api/openapi.json and commit it."
    )


def test_every_operation_has_a_summary_and_a_tag(db):
    for path, methods in current_schema()["paths"].items():
        for method, operation in methods.items():
            assert operation.get("summary") and operation.get("tags"), f"{method} {path}"


def test_response_descriptions_do_not_depend_on_the_python_version(db):
    # Python 3.12 calls 413 "Request Entity Too Large", 3.13 "Content Too Large": the schema uses RFC 9110's.
    from api.api import REASON_PHRASES

    for path, methods in current_schema()["paths"].items():
        for method, operation in methods.items():
            for code, response in operation["responses"].items():
                assert response["description"] == REASON_PHRASES[int(code)], f"{method} {path} {code}"
