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
