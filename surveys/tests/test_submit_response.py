"""The answer service's writes: one response, its answer rows, nothing half-saved."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys import services, storing
from surveys.models import Answer, Response

from .conftest import answer, make_campaign, trainee_values


def test_answer_rows_are_written_whatever_their_number(open_campaign):
    response = answer(open_campaign, trainee_values(4))
    question = open_campaign.version.questions.get(code="training")
    rows = [(question.pk, question.code, str(n % 5 + 1), n % 5 + 1) for n in range(250)]
    storing.insert_answers(response.pk, rows)
    stored = Answer.objects.filter(response=response, question_code="training")
    assert stored.count() == 251
    assert sorted(stored.values_list("number", flat=True))[-1] == 5


def test_every_answer_is_stored_with_its_code_value_and_number(open_campaign):
    response = answer(open_campaign, {"training": 5, "trainers": 1, "materials": 3})
    rows = set(response.answers.values_list("question_code", "value", "number"))
    assert rows == {("training", "5", 5), ("trainers", "1", 1), ("materials", "3", 3)}
    assert all(a.question.code == a.question_code for a in response.answers.select_related("question"))


def test_reused_nonce_stores_nothing_more(open_campaign):
    questions = list(open_campaign.version.questions.all())
    cleaned = {f"q_{code}": value for code, value in trainee_values(4).items()}
    services.submit_response(open_campaign, questions, cleaned, nonce="same-form")
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(open_campaign, questions, cleaned, nonce="same-form")
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 5


def test_a_frozen_versions_open_answers_are_stored_whole_or_not_at_all(open_campaign):
    # Once a version is frozen, PostgreSQL stores an open-link response and its answers in one
    # statement; the result must be the same as the transaction's on every database.
    questions = list(open_campaign.version.questions.all())
    open_campaign.version.frozen = True
    cleaned = {f"q_{c}": v for c, v in {**trainee_values(2), "materials": 5, "comment": "Добре"}.items()}
    response = services.submit_response(open_campaign, questions, cleaned, nonce="frozen-form")
    stored = Response.objects.get()
    assert (response.pk, stored.channel, stored.form_nonce) == (stored.pk, "open", "frozen-form")
    assert stored.submitted_at.hour == response.submitted_at.hour
    assert set(stored.answers.values_list("question_code", "value", "number")) == {
        ("training", "2", 2),
        ("trainers", "2", 2),
        ("materials", "5", 5),
        ("organisation", "2", 2),
        ("admin_service", "2", 2),
        ("comment", "Добре", None),
    }
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(open_campaign, questions, cleaned, nonce="frozen-form")
    assert (Response.objects.count(), Answer.objects.count()) == (1, 6)  # and the transaction still works


def _answer_open(campaign, nonce):
    questions = list(campaign.version.questions.all())
    cleaned = {f"q_{code}": value for code, value in trainee_values(4).items()}
    return services.submit_response(campaign, questions, cleaned, nonce=nonce)


def _drop_this_connection_on_the_server():
    """As when PostgreSQL restarts or a firewall drops an idle connection: the server ends our backend."""
    import psycopg

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    params = {**connection.get_connection_params()}
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.health_check_done = False  # as at the start of the next request


@pytest.fixture
def health_checks(monkeypatch):
    """How often the connection's health check (a `SELECT 1` round trip, not logged as a query) ran."""
    calls = []
    real = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: calls.append(1) or real())
    return calls


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_open_answer_on_a_dropped_connection_is_stored_once_on_a_new_one(eddie):
    if connection.vendor != "postgresql":
        pytest.skip("the single-statement answer (and its retry) is PostgreSQL's")
    campaign = make_campaign(eddie)
    _answer_open(campaign, "first")  # freezes the version: the next answers take the one-statement path
    campaign.version.frozen = True
    _drop_this_connection_on_the_server()
    _answer_open(campaign, "after-the-drop")
    assert Response.objects.filter(form_nonce="after-the-drop").count() == 1
    assert Answer.objects.filter(response__form_nonce="after-the-drop").count() == 5


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_healthy_connection_answers_without_a_health_check_and_a_reused_nonce_is_refused(eddie, health_checks):
    if connection.vendor != "postgresql":
        pytest.skip("the single-statement answer is PostgreSQL's")
    campaign = make_campaign(eddie)
    _answer_open(campaign, "first")
    campaign.version.frozen = True
    questions = list(campaign.version.questions.all())
    cleaned = {f"q_{code}": value for code, value in trainee_values(4).items()}
    health_checks.clear()
    connection.health_check_done = False  # a new request
    with CaptureQueriesContext(connection) as queries:
        services.submit_response(campaign, questions, cleaned, nonce="second")
    assert len(queries) == 1 and queries[0]["sql"].startswith("WITH r AS (INSERT")
    assert health_checks == []  # the statement was the check
    connection.health_check_done = False
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(campaign, questions, cleaned, nonce="second")
    assert health_checks == [1]  # the refusal asked whether the connection still works: it did
    assert Response.objects.filter(form_nonce="second").count() == 1


@pytest.mark.django_db(transaction=True)
def test_other_requests_keep_their_health_check(eddie, health_checks):
    campaign = make_campaign(eddie)
    health_checks.clear()
    connection.health_check_done = False
    list(campaign.version.questions.all())
    assert health_checks == ([1] if connection.vendor == "postgresql" else [])
