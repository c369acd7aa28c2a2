"""The answer service's writes: one response, its answer rows, nothing half-saved."""

import pytest

from surveys import services
from surveys.models import Answer, Response

from .conftest import answer, trainee_values


def test_answer_rows_are_written_whatever_their_number(open_campaign):
    response = answer(open_campaign, trainee_values(4))
    question = open_campaign.version.questions.get(code="training")
    rows = [(question.pk, question.code, str(n % 5 + 1), n % 5 + 1) for n in range(250)]
    services._insert_answers(response.pk, rows)
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
