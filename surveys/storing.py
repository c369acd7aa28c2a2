"""How a response's answers are written: the rows, and the statements that store them.

The public form is the system's hot path (`bench/bench_survey_form.py`): these are plain statements
built from the models' metadata, because preparing model instances cost more than the writes.
"""

from functools import cache, lru_cache

from django.db import DatabaseError, connection

from surveys.models import Answer, QuestionType, Response


def answer_rows(questions, cleaned):
    """(question id, question code, value, number) for each answer row of a validated answer form's
    cleaned data: a multiple-choice question gives one row per option chosen."""
    rows = []
    for question in questions:
        value = cleaned.get(f"q_{question.code}")
        if value in (None, "", []):
            continue
        if question.type == QuestionType.LIKERT:
            rows.append((question.pk, question.code, str(value), int(value)))
        elif question.type == QuestionType.MULTIPLE:
            rows.extend((question.pk, question.code, v, None) for v in value)
        else:
            rows.append((question.pk, question.code, str(value).strip(), None))
    return rows


# The columns `insert_answers` writes: the response, then answer_rows' four values.
ANSWER_COLUMNS = ("response", "question", "question_code", "value", "number")


def insert_answers(response_id, rows):
    """The response's answers in multi-row INSERTs. On the public form (the hot path) bulk_create's
    per-object preparation cost more than the statement; the values are plain ids, text and numbers."""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 100):
            chunk = rows[start : start + 100]
            cursor.execute(_answers_sql(len(chunk)), [v for row in chunk for v in (response_id, *row)])


@lru_cache(maxsize=128)
def _answers_sql(count):
    """The INSERT of `count` answer rows, built once per process and count."""
    q = connection.ops.quote_name
    fields = [Answer._meta.get_field(name) for name in ANSWER_COLUMNS]
    head = f"INSERT INTO {q(Answer._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) VALUES "  # noqa: S608 (model metadata only; values are parameters)
    return head + ", ".join(["(%s, %s, %s, %s, %s)"] * count)


# The columns `insert_response_with_answers` writes for the response.
RESPONSE_COLUMNS = ("campaign", "channel", "submitted_at", "wave_months", "course", "form_nonce")
_ANSWER_CASTS = ("bigint", "varchar", "varchar", "smallint")  # question id, code, value, number


def insert_response(response):
    """The response's row (its `pk` set), without the model's save: no signal listens to responses,
    and the save's preparation was an eighth of an answer's cost on SQLite."""
    params = [f.get_db_prep_save(getattr(response, f.attname), connection) for f in _response_fields()]
    with connection.cursor() as cursor:
        cursor.execute(_response_sql(connection.features.can_return_columns_from_insert), params)
        response.pk = cursor.fetchone()[0] if connection.features.can_return_columns_from_insert else cursor.lastrowid
    response._state.adding = False
    return response


@cache
def _response_sql(returning):
    q = connection.ops.quote_name
    fields = _response_fields()
    return (
        f"INSERT INTO {q(Response._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) "  # noqa: S608 (model metadata only; values are parameters)
        f"VALUES ({', '.join(['%s'] * len(fields))})" + (f" RETURNING {q('id')}" if returning else "")
    )


def insert_response_with_answers(response, rows):
    """PostgreSQL, open link: the response and its answers in ONE statement (an INSERT in a CTE).

    Profiled on PostgreSQL, a POST spent most of its time in round trips: BEGIN, the response's
    INSERT, the answers' INSERT, COMMIT. One statement is atomic by itself, so in autocommit it is
    one round trip; a reused nonce still fails it whole (unique violation), writing nothing.
    """
    params = [f.get_db_prep_save(getattr(response, f.attname), connection) for f in _response_fields()]
    values = [*params, *(v for row in rows for v in row)]
    response.pk = _one_statement(_response_with_answers_sql(len(rows)), values, repeatable=bool(response.form_nonce))
    response._state.adding = False
    return response


@cache
def _response_fields():
    return tuple(Response._meta.get_field(name) for name in RESPONSE_COLUMNS)


@lru_cache(maxsize=64)
def _response_with_answers_sql(answers):
    """The statement for a response with `answers` rows, built once per process and count: building
    it from the models' metadata cost a third as much as running it."""
    q = connection.ops.quote_name
    fields = _response_fields()
    answer_fields = [Answer._meta.get_field(name) for name in ANSWER_COLUMNS]
    values = ", ".join(
        "(" + ", ".join(f"%s::{cast}" for cast in _ANSWER_CASTS) + ")" if n == 0 else "(%s, %s, %s, %s)"
        for n in range(answers)
    )
    return (
        f"WITH r AS (INSERT INTO {q(Response._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) "  # noqa: S608 (model metadata only; values are parameters)
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {q('id')}) "
        f"INSERT INTO {q(Answer._meta.db_table)} ({', '.join(q(f.column) for f in answer_fields)}) "
        f"SELECT r.{q('id')}, v.question, v.code, v.value, v.number FROM r, (VALUES {values}) "
        f"AS v(question, code, value, number) RETURNING {q('response_id')}"
    )


def _one_statement(sql, params, *, repeatable):
    """Run one autocommitted statement and return its first value, without the health check's round trip.

    With CONN_HEALTH_CHECKS Django sends `SELECT 1` before a request's first statement, so that a
    connection the server dropped is replaced instead of failing the request; for an answer that is a
    second round trip beside its only statement. Here the statement is the check: when it fails on a
    connection that turns out to be unusable, it runs once more on a new connection. That is safe only
    for a `repeatable` statement, one that cannot store twice: an open-link answer carries its unique
    nonce, so if the first try did commit before the connection broke, the second fails as a duplicate.
    """
    checked = not repeatable or connection.in_atomic_block or connection.connection is None
    if not checked:
        connection.health_check_done = True  # this request's check: the statement below
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]
    except DatabaseError:
        if checked or connection.is_usable():
            raise
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
