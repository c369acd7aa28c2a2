"""Consistency rules of the activity information, as pure functions over plain values.

The same rules guard the web form, the XLSX upload and the report's pre-submission checks, so a
number that the form refuses cannot slip in through a file. Each problem names the field it
belongs to, so the caller can attach it to a form field, a spreadsheet cell or a report anchor.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from activity.models import CourseKind

HOURS_RANGE = (1, 2000)
PRICE_RANGE = (Decimal(0), Decimal(20000))

COURSE_COUNTS = (
    "enrolled",
    "enrolled_women",
    "enrolled_men",
    "certified",
    "certified_women",
    "certified_men",
    "certified_validation",
    "vulnerable",
    "vulnerable_certified",
    "disadvantaged",
    "early_leavers",
    "continuing",
    "not_completed",
    "dropped_out",
    "exam_admitted",
    "exam_passed",
)
TRAINER_FIELDS = ("trainers_total", "trainers_trained_internal", "trainers_trained_external", "trainer_training_hours")
FOLLOW_UP_FIELDS = (
    "graduates_followed_up",
    "graduates_placed_6m",
    "graduates_employed",
    "graduates_employed_in_occupation",
    "graduates_in_learning",
    "graduates_unknown",
)
CLIENT_FIELDS = (
    "clients_total",
    "clients_bulgaria",
    "clients_other_eu",
    "clients_third_country",
    "clients_learners",
    "clients_non_learners",
    "clients_employed",
    "clients_unemployed",
    "clients_registered",
    "clients_not_registered",
    "referred_self",
    "referred_labour_office",
    "referred_school",
    "referred_employer",
    "referred_other",
)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def _given(values, *fields):
    return all(values.get(f) is not None for f in fields)


def _negatives(values, fields):
    return [
        Problem(f, _("Must not be negative."))
        for f in fields
        if isinstance(values.get(f), (int, Decimal)) and values[f] < 0
    ]


def _not_more(values, smaller, larger, message):
    if _given(values, smaller, larger) and values[smaller] > values[larger]:
        return [Problem(smaller, message)]
    return []


def _split_adds_up(values, total, parts, message):
    if _given(values, total, *parts) and sum(values[p] for p in parts) != values[total]:
        return [Problem(parts[0], message)]
    return []


def course_problems(values, year):
    """Problems of one course row (a dict of field → value; None where the value is unknown)."""
    problems = _negatives(values, (*COURSE_COUNTS, "hours", "price"))
    if problems:
        return problems  # the comparisons below would only repeat the same complaint
    problems += _not_more(values, "certified", "enrolled", _("Certified cannot be more than enrolled."))
    problems += _not_more(
        values, "exam_admitted", "enrolled", _("Admitted to the examination cannot be more than enrolled.")
    )
    problems += _not_more(
        values, "exam_passed", "exam_admitted", _("Passed the examination cannot be more than admitted to it.")
    )
    problems += _not_more(
        values, "certified_validation", "certified", _("Certified through validation cannot be more than certified.")
    )
    problems += _not_more(
        values, "vulnerable", "enrolled", _("Trainees from vulnerable groups cannot be more than enrolled.")
    )
    problems += _not_more(
        values, "vulnerable_certified", "vulnerable", _("Certified vulnerable trainees cannot be more than them.")
    )
    problems += _not_more(
        values, "disadvantaged", "enrolled", _("Trainees in a disadvantaged position cannot be more than enrolled.")
    )
    problems += _not_more(values, "early_leavers", "enrolled", _("Early school leavers cannot be more than enrolled."))
    problems += _split_adds_up(
        values, "enrolled", ("enrolled_women", "enrolled_men"), _("Women and men must add up to the enrolled total.")
    )
    problems += _split_adds_up(
        values,
        "certified",
        ("certified_women", "certified_men"),
        _("Women and men must add up to the certified total."),
    )
    outcomes = ("certified", "continuing", "not_completed", "dropped_out")
    if _given(values, "enrolled", *outcomes) and sum(values[f] for f in outcomes) > values["enrolled"]:
        problems.append(
            Problem(
                "dropped_out",
                _("Certified, continuing, not completed and dropped out together cannot be more than enrolled."),
            )
        )
    hours = values.get("hours")
    if hours is not None and not HOURS_RANGE[0] <= hours <= HOURS_RANGE[1]:
        problems.append(Problem("hours", _("Hours must be between %(low)s and %(high)s.") % _bounds(HOURS_RANGE)))
    price = values.get("price")
    if price is not None and not PRICE_RANGE[0] <= price <= PRICE_RANGE[1]:
        problems.append(
            Problem("price", _("The price must be between %(low)s and %(high)s BGN.") % _bounds(PRICE_RANGE))
        )
    if values.get("kind") == CourseKind.DEGREE and values.get("degree") is None:
        problems.append(Problem("degree", _("A course for a qualification degree needs the degree (1–4).")))
    degree = values.get("degree")
    if degree is not None and not 1 <= degree <= 4:
        problems.append(Problem("degree", _("The qualification degree is 1, 2, 3 or 4.")))
    problems += _date_problems(values, year)
    return problems


def _bounds(pair):
    return {"low": pair[0], "high": pair[1]}


def _date_problems(values, year):
    start, end = values.get("start_date"), values.get("end_date")
    if start is None or end is None:
        return []
    if end < start:
        return [Problem("end_date", _("The course cannot end before it starts."))]
    if end < dt.date(year, 1, 1) or start > dt.date(year, 12, 31):
        return [Problem("start_date", _("The course must run at least partly in %(year)s.") % {"year": year})]
    return []


def cpo_header_problems(values):
    problems = _negatives(values, (*TRAINER_FIELDS, *FOLLOW_UP_FIELDS))
    if problems:
        return problems
    too_many_trained = _("Trained trainers cannot be more than trainers in total.")
    problems += _not_more(values, "trainers_trained_internal", "trainers_total", too_many_trained)
    problems += _not_more(values, "trainers_trained_external", "trainers_total", too_many_trained)
    problems += _not_more(
        values, "graduates_placed_6m", "graduates_followed_up", _("Cannot be more than the graduates followed up.")
    )
    problems += _not_more(
        values, "graduates_employed_in_occupation", "graduates_employed", _("Cannot be more than those employed.")
    )
    outcomes = ("graduates_employed", "graduates_in_learning", "graduates_unknown")
    present = [values[f] for f in outcomes if values.get(f) is not None]
    if values.get("graduates_followed_up") is not None and sum(present) > values["graduates_followed_up"]:
        problems.append(
            Problem(
                "graduates_employed",
                _("Employed, in further learning and unknown together cannot be more than the graduates followed up."),
            )
        )
    return problems


def cipo_header_problems(values):
    problems = _negatives(values, (*CLIENT_FIELDS, "clients_average_age"))
    if problems:
        return problems
    problems += _split_adds_up(
        values,
        "clients_total",
        ("clients_bulgaria", "clients_other_eu", "clients_third_country"),
        _("Clients by nationality must add up to the clients in total."),
    )
    problems += _split_adds_up(
        values,
        "clients_total",
        ("clients_learners", "clients_non_learners"),
        _("Learners and those not in learning must add up to the clients in total."),
    )
    problems += _split_adds_up(
        values,
        "clients_total",
        ("clients_registered", "clients_not_registered"),
        _("Registered and not registered at the labour office must add up to the clients in total."),
    )
    if _given(values, "clients_total", "clients_employed", "clients_unemployed") and (
        values["clients_employed"] + values["clients_unemployed"] > values["clients_total"]
    ):
        problems.append(
            Problem("clients_employed", _("Employed and unemployed cannot be more than the clients in total."))
        )
    age = values.get("clients_average_age")
    if age is not None and not 5 <= age <= 100:
        problems.append(Problem("clients_average_age", _("The average age must be between 5 and 100.")))
    return problems


def validation_problems(values):
    problems = _negatives(values, ("procedures", "persons", "documents_issued"))
    if problems:
        return problems
    return _not_more(
        values, "documents_issued", "persons", _("Documents issued cannot be more than persons validated.")
    )


# A trainee is at least 16 when the training starts; a margin of two years covers a course that
# began the year before and a birthday late in the year. Older than 100 is a typing error.
YOUNGEST_TRAINEE_AGE = 14
# Tables with one row per value: the fields that identify a row (the form and the XLSX reader
# both refuse a second row with the same values; the error goes on the first field).
ROW_KEYS = {
    "services": ("service",),
    "funding_rows": ("source",),
    "trainees_by_birth_year": ("birth_year", "sex", "degree"),
    "trainees_by_citizenship": ("citizenship",),
}
OLDEST_TRAINEE_AGE = 100


def trainee_count_problems(values):
    """Problems of a row that counts trainees enrolled and certified (by year of birth or citizenship)."""
    problems = _negatives(values, ("enrolled", "certified"))
    if problems:
        return problems
    return _not_more(values, "certified", "enrolled", _("Certified cannot be more than enrolled."))


def trainee_birth_year_problems(values, year):
    problems = trainee_count_problems(values)
    born = values.get("birth_year")
    if born is not None and not year - OLDEST_TRAINEE_AGE <= born <= year - YOUNGEST_TRAINEE_AGE:
        problems.append(
            Problem(
                "birth_year",
                _("A trainee in %(year)s is born between %(first)s and %(last)s.")
                % {"year": year, "first": year - OLDEST_TRAINEE_AGE, "last": year - YOUNGEST_TRAINEE_AGE},
            )
        )
    return problems
