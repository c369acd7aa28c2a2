"""The response table carries only the indexes something reads: every answer writes each of them."""

import pytest
from django.db import connection

from surveys.models import Response


def _indexes():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Response._meta.db_table)
    return {name: c for name, c in constraints.items() if c["index"] or c["unique"]}


@pytest.mark.django_db
def test_the_nonce_has_its_unique_index_and_no_like_index():
    nonce = [c for c in _indexes().values() if c["columns"] == ["form_nonce"]]
    assert [c["unique"] for c in nonce] == [True]


@pytest.mark.django_db
def test_the_course_is_indexed_only_where_set():
    course = [name for name, c in _indexes().items() if c["columns"] == ["course_id"]]
    assert course == ["surveys_response_course_set"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", course)
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", course)
        (definition,) = cursor.fetchone()
    assert "IS NOT NULL" in definition.upper()
