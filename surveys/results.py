"""Survey results computed in SQL: response counts, distributions per question, satisfaction index.

Everything takes a queryset of campaigns (one campaign, a centre's year, a whole questionnaire nationally),
so the same code serves the centre's page, the agency's view and the derived levels.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer, Campaign, Channel, Invitation, Question, QuestionType, Response
from surveys.thresholds import Sufficiency, percent

SATISFIED_FROM = 4  # "satisfied" = 4 or 5 on the 1–5 scale
LIKERT_LABELS = {
    1: _("1 — very dissatisfied"),
    2: _("2 — dissatisfied"),
    3: _("3 — neither"),
    4: _("4 — satisfied"),
    5: _("5 — very satisfied"),
}
# Graduate follow-up: the answers to "employment" that count as placed (EQAVET indicator 5).
EMPLOYMENT_CODE = "employment"
PLACED_VALUES = ("occupation", "other_job", "learning")
IN_OCCUPATION_VALUES = ("occupation",)


def campaigns_for(centre, year, kind):
    return Campaign.objects.filter(centre=centre, year=year, version__questionnaire__kind=kind)


def sufficiency(campaigns, responses=None):
    responses = responses if responses is not None else Response.objects.filter(campaign__in=campaigns)
    counts = responses.aggregate(total=Count("id"), personal=Count("id", filter=Q(channel=Channel.PERSONAL)))
    invited = Invitation.objects.filter(campaign__in=campaigns).count()
    return Sufficiency(answers=counts["total"], invited=invited, personal_answers=counts["personal"])


def satisfaction_counts(campaigns, codes=None, responses=None):
    """(answers of 4 or 5, all 1–5 answers) to the Likert questions `codes` (all Likert questions if None)."""
    responses = responses if responses is not None else Response.objects.filter(campaign__in=campaigns)
    answers = Answer.objects.filter(response__in=responses, number__isnull=False)
    if codes:
        answers = answers.filter(question_code__in=codes)
    counts = answers.aggregate(total=Count("id"), satisfied=Count("id", filter=Q(number__gte=SATISFIED_FROM)))
    return counts["satisfied"], counts["total"]


def placement_counts(campaigns, months=12, values=PLACED_VALUES):
    """(placed, answered) among follow-up responses of the given wave."""
    answers = Answer.objects.filter(
        response__campaign__in=campaigns, response__wave_months=months, question_code=EMPLOYMENT_CODE
    )
    counts = answers.aggregate(total=Count("id"), placed=Count("id", filter=Q(value__in=values)))
    return counts["placed"], counts["total"]


@dataclass
class QuestionResult:
    code: str
    text: str
    type: str
    rows: list = field(default_factory=list)  # [{"value", "label", "count", "share"}]
    total: int = 0
    satisfied: int = 0
    comments: int = 0

    @property
    def satisfaction_index(self):
        return percent(self.satisfied, self.total) if self.type == QuestionType.LIKERT else None


def _questions(campaigns):
    """The questions asked, one per code; where versions differ, the newest wording names it."""
    by_code = {}
    for question in (
        Question.objects.filter(version__campaigns__in=campaigns).distinct().order_by("version__number", "order", "id")
    ):
        by_code[question.code] = question
    return sorted(by_code.values(), key=lambda q: (q.order, q.id))


def distribution(campaigns):
    """Per question (compared across versions by code): counts of every value and the satisfaction index."""
    questions = _questions(campaigns)
    counts = {}
    for row in (
        Answer.objects.filter(response__campaign__in=campaigns)
        .exclude(question__type=QuestionType.TEXT)
        .values("question_code", "value")
        .annotate(n=Count("id"))
    ):
        counts.setdefault(row["question_code"], {})[row["value"]] = row["n"]
    comments = dict(
        Answer.objects.filter(response__campaign__in=campaigns, question__type=QuestionType.TEXT)
        .values_list("question_code")
        .annotate(n=Count("id"))
    )
    respondents = {
        # Several options per person: shares are of the people who answered the question.
        q.code: Answer.objects.filter(response__campaign__in=campaigns, question_code=q.code)
        .values("response")
        .distinct()
        .count()
        for q in questions
        if q.type == QuestionType.MULTIPLE
    }
    return build_results(questions, counts, comments, respondents)


def build_results(questions, counts, comments, respondents):
    """QuestionResults from {code: {value: n}}, {text code: n} and {multiple-choice code: people}."""
    results = []
    for question in questions:
        result = QuestionResult(question.code, question.text, question.type)
        values = counts.get(question.code, {})
        if question.type == QuestionType.TEXT:
            result.comments = comments.get(question.code, 0)
            results.append(result)
            continue
        if question.type == QuestionType.LIKERT:
            options = [(str(n), LIKERT_LABELS[n]) for n in range(1, 6)]
        else:
            options = [(str(o["value"]), o["label"]) for o in question.options]
        if question.type == QuestionType.MULTIPLE:
            result.total = respondents.get(question.code, 0)
        else:
            result.total = sum(values.values())
        for value, label in options:
            count = values.get(value, 0)
            result.rows.append({"value": value, "label": label, "count": count, "share": percent(count, result.total)})
        if question.type == QuestionType.LIKERT:
            result.satisfied = sum(values.get(str(n), 0) for n in range(SATISFIED_FROM, 6))
        results.append(result)
    return results
