from django.urls import reverse

from surveys.models import Question, Questionnaire, QuestionnaireVersion
from surveys.results import distribution

from .conftest import answer, make_campaign, trainee_values


def _trainee():
    return Questionnaire.objects.get(code="trainee")


def test_bundled_questionnaires_are_loaded(db):
    assert set(Questionnaire.objects.values_list("code", flat=True)) == {"trainee", "graduate", "employer"}
    assert _trainee().current_version().questions.filter(code="admin_service", type="likert").exists()


def test_unanswered_version_is_edited_in_place(adam, client_for):
    question = _trainee().current_version().questions.get(code="trainers")
    response = client_for(adam).post(
        reverse("surveys:question_edit", args=[question.pk]),
        {f"q{question.pk}-text": "Преподавателите?", f"q{question.pk}-required": "on"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Преподавателите?"
    assert QuestionnaireVersion.objects.filter(questionnaire=_trainee()).count() == 1


def test_answered_version_is_frozen_and_an_edit_makes_a_new_version(adam, eddie, client_for):
    campaign = make_campaign(eddie)
    answer(campaign, trainee_values(5))
    old = campaign.version
    old.refresh_from_db()
    assert old.frozen
    question = old.questions.get(code="trainers")
    client = client_for(adam)
    client.post(reverse("surveys:question_edit", args=[question.pk]), {f"q{question.pk}-text": "Нов текст"})
    question.refresh_from_db()
    assert question.text != "Нов текст"
    new = _trainee().current_version()
    assert new.number == 2 and new.questions.get(code="trainers").text == "Нов текст"
    assert new.questions.count() == old.questions.count()
    # Results stay comparable by code across the two versions.
    later = make_campaign(eddie, label="по-късно")
    assert later.version == new
    answer(later, trainee_values(4))
    trainers = next(
        r for r in distribution(type(campaign).objects.filter(pk__in=[campaign.pk, later.pk])) if r.code == "trainers"
    )
    assert trainers.total == 2 and trainers.text == "Нов текст"


def test_admin_adds_a_choice_question_with_options(adam, client_for):
    version = _trainee().current_version()
    data = {
        "new-code": "source",
        "new-type": "single",
        "new-text": "Откъде научихте за курса?",
        "new-options": "web | От уебсайта\nfriends | От познати",
    }
    response = client_for(adam).post(reverse("surveys:question_add", args=[version.pk]), data)
    assert response.status_code == 302
    question = Question.objects.get(code="source")
    assert question.options == [{"value": "web", "label": "От уебсайта"}, {"value": "friends", "label": "От познати"}]


def test_choice_question_needs_two_options_and_a_unique_code(adam, client_for):
    version = _trainee().current_version()
    client = client_for(adam)
    url = reverse("surveys:question_add", args=[version.pk])
    one = client.post(url, {"new-code": "x", "new-type": "single", "new-text": "?", "new-options": "Само едно"})
    assert one.status_code == 400 and "поне два" in one.content.decode()
    dup = client.post(url, {"new-code": "trainers", "new-type": "likert", "new-text": "?"})
    assert dup.status_code == 400 and "вече има въпрос с този код" in dup.content.decode()
    assert version.questions.count() == 6
