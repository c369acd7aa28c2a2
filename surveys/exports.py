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

import datetime as dt

from django.db.models import CharField
from django.db.models.functions import Cast
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


def _plan(questions, labels):
    """Per question: its code, how its cells are made (0 Likert, 1 choice, 2 text) and its option labels."""
    plan = []
    for q in questions:
        if q.type == QuestionType.LIKERT:
            plan.append((q.code, 0, None))
        elif q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            plan.append((q.code, 1, {value: str(label) for value, label in labels.get(q.code, {}).items()}))
        else:
            plan.append((q.code, 2, None))
    return plan


def _day_of_hour(hour):
    """'YYYY-MM-DD HH' in UTC as the Sofia date people read: Sofia's offset is whole hours and it
    changes on a full UTC hour, so every instant of one UTC hour falls on the same local day."""
    instant = dt.datetime.fromisoformat(hour + ":00").replace(tzinfo=dt.UTC)
    return localtime(instant).strftime("%d.%m.%Y")


def _rows(params, questions, labels):
    regions = {value: str(label) for value, label in Region.choices}  # translated once, not per row
    plan = _plan(questions, labels)
    days = {}  # the UTC hour -> the local date: a few thousand hours a year, each converted once
    where = _filters(params)
    # submitted_at as the database's own text (UTC: Django keeps the connection in UTC) rather than a
    # datetime: parsing a datetime and converting it to Sofia time per row was a quarter of the export,
    # and every submission instant is distinct, so only its hour can be cached.
    responses = (
        Response.objects.filter(**where)
        .order_by("id")
        .annotate(stamp=Cast("submitted_at", CharField()))
        .values_list("id", "stamp", *RESPONSE_FIELDS[2:])
    )
    answers = iter(
        Answer.objects.filter(**{f"response__{k}": v for k, v in where.items()})
        .order_by("response_id", "id")
        .values_list("response_id", "question_code", "value")
        .iterator(chunk_size=CHUNK)
    )
    pending = next(answers, None)
    for rid, stamp, licence, centre, region, campaign, version, wave in responses.iterator(chunk_size=CHUNK):
        given = {}
        while pending is not None and pending[0] < rid:  # an answer of a response outside the filter
            pending = next(answers, None)
        while pending is not None and pending[0] == rid:
            values = given.get(pending[1])
            if values is None:
                given[pending[1]] = [pending[2]]
            else:
                values.append(pending[2])
            pending = next(answers, None)
        hour = stamp[:13]
        day = days.get(hour)
        if day is None:
            day = days[hour] = _day_of_hour(hour)
        row = [rid, day, licence, centre, regions.get(region, region), campaign, version, wave]
        for code, kind, names in plan:
            values = given.get(code)
            if kind == 0:
                row.append(int(values[0]) if values and values[0].isdigit() else None)
            elif values is None:
                row += ("", "") if kind == 1 else ("",)
            elif kind == 1:
                row.append("; ".join([names.get(v, v) for v in values]))
                row.append("; ".join(values))
            else:
                row.append("; ".join(values))
        yield row


def table(params):
    questions, labels = _questions(params["questionnaire"])
    total = Response.objects.filter(**_filters(params)).count()
    return Table(headers=_headers(questions), rows=_rows(params, questions, labels), total=total, sheet=_("answers"))
