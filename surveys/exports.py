"""The anonymous answers of a questionnaire and year as a table for people: one row per response.

Made as an export job (the `exports` app writes the file; a million answers take longer than a
request may). Row 1 holds Bulgarian headers (the question as asked), row 2 the codes programs use;
a Likert answer is its number 1–5, a choice question gives its option's label with the option's
code in the next column, a multiple choice all of them joined by "; ". Rows carry the response
number (not any invitation), the centre, the date and the answers: there is no path from an
answer to an e-mail address in the schema, so none can leak into a file.

Two streams merged by response id (responses, and their answers in response order) keep memory
flat whatever the number of answers.
"""

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from centres.regions import Region
from exports.kinds import Table
from surveys.models import Answer, Question, QuestionType, Response

CHUNK = 5000
RESPONSE_FIELDS = [
    "id",
    "submitted_at",
    "campaign__centre__licence_number",
    "campaign__centre__name",
    "campaign__centre__region",
    "campaign__label",
    "campaign__version__number",
    "wave_months",
]
CODES = [
    "response",
    "submitted_on",
    "centre_licence",
    "centre",
    "region",
    "campaign",
    "version",
    "wave_months",
]


def allowed(user):
    return bool(user.is_authenticated and user.is_agency)


def describe(params):
    from surveys.models import Questionnaire

    questionnaire = Questionnaire.objects.get(code=params["questionnaire"])
    title = _("Anonymous answers: %(questionnaire)s, %(year)s") % {
        "questionnaire": questionnaire.title,
        "year": params["year"],
    }
    return title, f"survey-{questionnaire.code}-{params['year']}"


def _questions(questionnaire_code):
    """One question per code, the newest version's wording; option labels of every version."""
    by_code, labels = {}, {}
    for question in Question.objects.filter(version__questionnaire__code=questionnaire_code).order_by(
        "version__number", "order", "id"
    ):
        by_code[question.code] = question
        labels.setdefault(question.code, {}).update({str(o["value"]): o["label"] for o in question.options})
    return sorted(by_code.values(), key=lambda q: (q.order, q.id)), labels


def _headers(questions):
    people = [
        _("Response no."),
        _("Date"),
        _("Centre licence"),
        _("Centre"),
        _("Region"),
        _("Campaign"),
        _("Questionnaire version"),
        _("Months after completion"),
    ]
    codes = list(CODES)
    for q in questions:
        people.append(q.text)
        codes.append(q.code)
        if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            people.append(_("%(question)s (code)") % {"question": q.text})
            codes.append(f"{q.code}_code")
    return [people, codes]


def _filters(params):
    return {"campaign__version__questionnaire__code": params["questionnaire"], "campaign__year": int(params["year"])}


def _rows(params, questions, labels):
    regions = {value: str(label) for value, label in Region.choices}  # translated once, not per row
    days = {}  # submitted_at is a date at noon: few distinct values, each converted once
    where = _filters(params)
    responses = Response.objects.filter(**where).order_by("id").values_list(*RESPONSE_FIELDS)
    answers = iter(
        Answer.objects.filter(**{f"response__{k}": v for k, v in where.items()})
        .order_by("response_id", "id")
        .values_list("response_id", "question_code", "value")
        .iterator(chunk_size=CHUNK)
    )
    pending = next(answers, None)
    for response in responses.iterator(chunk_size=CHUNK):
        rid, submitted_at, licence, centre, region, campaign, version, wave = response
        given = {}
        while pending is not None and pending[0] < rid:  # an answer of a response outside the filter
            pending = next(answers, None)
        while pending is not None and pending[0] == rid:
            given.setdefault(pending[1], []).append(pending[2])
            pending = next(answers, None)
        day = days.get(submitted_at)
        if day is None:
            day = days[submitted_at] = localtime(submitted_at).strftime("%d.%m.%Y")
        row = [rid, day, licence, centre, regions.get(region, region), campaign, version, wave]
        for q in questions:
            values = given.get(q.code, [])
            if q.type == QuestionType.LIKERT:
                row.append(int(values[0]) if values and values[0].isdigit() else None)
            elif q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
                names = labels.get(q.code, {})
                row.append("; ".join(str(names.get(v, v)) for v in values))
                row.append("; ".join(values))
            else:
                row.append("; ".join(values))
        yield row


def table(params):
    questions, labels = _questions(params["questionnaire"])
    total = Response.objects.filter(**_filters(params)).count()
    return Table(headers=_headers(questions), rows=_rows(params, questions, labels), total=total, sheet=_("answers"))
