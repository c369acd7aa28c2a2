"""Load the bundled questionnaires (surveys/data/*.json) into an empty database.

A questionnaire that exists already is left alone: the agency may have edited it since.
"""

import json
from pathlib import Path

from django.db import transaction

from surveys.models import Question, Questionnaire, QuestionnaireVersion

BUNDLED_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load(data):
    questionnaire, created = Questionnaire.objects.get_or_create(
        code=data["code"], defaults={"kind": data["kind"], "title": data["title"], "purpose": data.get("purpose", "")}
    )
    if not created:
        return questionnaire
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    Question.objects.bulk_create(
        Question(
            version=version,
            code=q["code"],
            text=q["text"],
            type=q["type"],
            required=q.get("required", True),
            order=index,
            options=q.get("options", []),
        )
        for index, q in enumerate(data["questions"], start=1)
    )
    return questionnaire


def load_bundled():
    for path in sorted(BUNDLED_DIR.glob("*.json")):
        load(json.loads(path.read_text(encoding="utf-8")))
