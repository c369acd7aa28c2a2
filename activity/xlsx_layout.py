"""The activity XLSX template's layout: one sheet per table, its columns and their kinds.

`activity.xlsx` writes the template from it and reads filled ones back against it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activity import rules
from activity.models import (
    ActivityReport,
    Citizenship,
    Course,
    CourseKind,
    Funding,
    FundingRow,
    MaterialBase,
    Ownership,
    Service,
    ServiceRow,
    Sex,
    TraineeBirthYearRow,
    TraineeCitizenshipRow,
    ValidationRow,
)
from centres.models import CentreKind
from centres.regions import Region

INT, DECIMAL, DATE, CHOICE, PROFESSION, SPECIALTY, YES_NO = "int", "decimal", "date", "choice", "prof", "spec", "yesno"


@dataclass(frozen=True)
class Column:
    key: str
    kind: str = INT
    required: bool = True
    choices: type = None  # a TextChoices class for CHOICE columns
    default: object = None  # stored when the cell is empty and the column is optional


def _label(model, key):
    if key in ("profession", "specialty"):
        return _("Profession code") if key == "profession" else _("Specialty code")
    return str(model._meta.get_field(key).verbose_name).capitalize()


def _counts(*keys, required=False, default=0):
    return [Column(k, INT, required=required, default=default) for k in keys]


@dataclass(frozen=True)
class Sheet:
    key: str  # the row kind in services.replace_all, or "header"
    title: object  # lazy, the sheet's name
    model: type
    columns: tuple
    single_row: bool = False


COURSE_SHEET = Sheet(
    "courses",
    gettext_lazy("Courses"),
    Course,
    (
        Column("profession", PROFESSION),
        Column("specialty", SPECIALTY, required=False),
        Column("kind", CHOICE, choices=CourseKind),
        Column("degree", INT, required=False),
        Column("region", CHOICE, choices=Region),
        Column("start_date", DATE),
        Column("end_date", DATE),
        Column("hours", INT),
        Column("price", DECIMAL),
        Column("funding", CHOICE, choices=Funding),
        Column("enrolled", INT),
        *_counts("enrolled_women", "enrolled_men", default=None),
        Column("certified", INT, required=False, default=0),
        *_counts("certified_women", "certified_men", default=None),
        *_counts(
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
        ),
    ),
)
VALIDATION_SHEET = Sheet(
    "validations",
    gettext_lazy("Validation"),
    ValidationRow,
    (Column("profession", PROFESSION), *_counts("procedures", "persons", "documents_issued", required=True)),
)
BASE_SHEET = Sheet(
    "material_bases",
    gettext_lazy("Material base"),
    MaterialBase,
    (
        Column("profession", PROFESSION),
        Column("specialty", SPECIALTY, required=False),
        Column("ownership", CHOICE, choices=Ownership),
        Column("compliant", YES_NO),
    ),
)
BIRTH_YEAR_SHEET = Sheet(
    "trainees_by_birth_year",
    gettext_lazy("By year of birth"),
    TraineeBirthYearRow,
    (
        Column("birth_year", INT),
        Column("sex", CHOICE, choices=Sex),
        Column("degree", INT, required=False),
        *_counts("enrolled", "certified"),
    ),
)
CITIZENSHIP_SHEET = Sheet(
    "trainees_by_citizenship",
    gettext_lazy("By citizenship"),
    TraineeCitizenshipRow,
    (Column("citizenship", CHOICE, choices=Citizenship), *_counts("enrolled", "certified")),
)
CPO_HEADER_SHEET = Sheet(
    "header",
    gettext_lazy("Trainers and graduates"),
    ActivityReport,
    tuple(Column(k, INT, required=False) for k in (*rules.TRAINER_FIELDS, *rules.FOLLOW_UP_FIELDS)),
    single_row=True,
)
CIPO_HEADER_SHEET = Sheet(
    "header",
    gettext_lazy("Clients"),
    ActivityReport,
    (
        *(Column(k, INT, required=False) for k in rules.CLIENT_FIELDS),
        Column("clients_average_age", DECIMAL, required=False),
    ),
    single_row=True,
)
SERVICE_SHEET = Sheet(
    "services",
    gettext_lazy("Services"),
    ServiceRow,
    (Column("service", CHOICE, choices=Service), Column("clients", INT), Column("sessions", INT, False, default=0)),
)
FUNDING_SHEET = Sheet(
    "funding_rows",
    gettext_lazy("Funding"),
    FundingRow,
    (Column("source", CHOICE, choices=Funding), Column("amount", DECIMAL)),
)

SHEETS = {
    CentreKind.CPO: (
        CPO_HEADER_SHEET,
        COURSE_SHEET,
        VALIDATION_SHEET,
        BASE_SHEET,
        BIRTH_YEAR_SHEET,
        CITIZENSHIP_SHEET,
    ),
    CentreKind.CIPO: (CIPO_HEADER_SHEET, SERVICE_SHEET, FUNDING_SHEET),
}
INSTRUCTIONS_TITLE = gettext_lazy("Instructions")
LISTS_TITLE = gettext_lazy("Lists")

# What people write in a coded column besides the label or the code: accepted as that choice
# (lower-case keys; the reader lower-cases and collapses spaces first).
ALIASES = {
    Sex: {
        **dict.fromkeys(("ж", "ж.", "жена", "жени", "женски", "f", "female", "w", "woman", "women"), Sex.FEMALE),
        **dict.fromkeys(("м", "м.", "мъж", "мъже", "мъжки", "m", "male", "man", "men"), Sex.MALE),
    },
    Citizenship: {
        **dict.fromkeys(
            ("българия", "bg", "бг", "българин", "българка", "българско гражданство", "bulgaria", "bulgarian"),
            Citizenship.BULGARIAN,
        ),
        **dict.fromkeys(("ес", "eu", "друга държава от ес", "държава от ес", "гражданин на ес"), Citizenship.EU),
        **dict.fromkeys(("трета държава", "трети държави", "third country", "non-eu"), Citizenship.THIRD),
        **dict.fromkeys(("без гражданство", "лице без гражданство", "stateless"), Citizenship.STATELESS),
    },
}
