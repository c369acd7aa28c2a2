"""The written (free-text) answers of a set of campaigns, for reading on the results page.

Anonymity: only the text is given — no time, no channel, no response id in the page — and texts are
sorted alphabetically, so their order says nothing about who answered when. Texts the agency hid
(they name a person) are left out for the centre and marked for the agency.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef

from centres.access import is_agency
from surveys.models import Answer, HiddenText, QuestionType

MAX_TEXTS = 300  # per question on one page; the rest are counted


def written_answers(campaigns, user):
    """{question code: {"texts": [{"id", "text", "hidden"}], "more": int}} visible to `user`."""
    agency = is_agency(user)
    answers = (
        Answer.objects.filter(response__campaign__in=campaigns, question__type=QuestionType.TEXT)
        .exclude(value="")
        .annotate(is_hidden=Exists(HiddenText.objects.filter(answer=OuterRef("pk"))))
    )
    if not agency:
        answers = answers.filter(is_hidden=False)
    by_code = defaultdict(lambda: {"texts": [], "more": 0})
    for row in answers.order_by("question_code", "value", "pk").values("pk", "question_code", "value", "is_hidden"):
        entry = by_code[row["question_code"]]
        if len(entry["texts"]) < MAX_TEXTS:
            entry["texts"].append(
                {"id": row["pk"] if agency else None, "text": row["value"], "hidden": row["is_hidden"]}
            )
        else:
            entry["more"] += 1
    return dict(by_code)


def attach(question_results, campaigns, user):
    """Give each text question of `question_results` its readable answers (.written)."""
    texts = written_answers(campaigns, user)
    for result in question_results:
        if result.type == QuestionType.TEXT:
            result.written = texts.get(result.code, {"texts": [], "more": 0})
    return question_results
