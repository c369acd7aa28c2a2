"""The publication rules: what the public pages, the open data and the API may show. The one place.

Every public figure passes through a function here and comes back as a `Shown`: either a value, or
the plain-words reason it cannot be shown ("по-малко от 5", "твърде малко отговори"), never a blank
or a zero standing in for "unknown".

The rules:
1. Only approved reports are published: never a draft, a submitted-but-unreviewed or a returned one.
   A centre's year becomes public when its report is approved: its grade and total, its activity
   figures and its survey results for that year (`published_reports`, `is_published`).
2. A revoked licence is shown as revoked with its date, and the centre has no current grade
   (`licence_status`, `current_grade`); its approved past reports stay in its record.
3. Survey-based figures only where surveys.thresholds allows (≥ 10 answers; ≥ 50 % of those invited
   by personal link) — the surveys app's rule, reused, never copied (`survey_share`).
4. Counts of people below 5 are shown as "по-малко от 5", a share of fewer than 5 people is not
   given, and a breakdown never exposes a small group, not even by subtraction (`people_count`,
   `people_share`, `breakdown`). Counts of centres or reports are not people and are shown as they are.
5. No personal data: only the fields in PUBLIC_CENTRE_FIELDS leave the building; no trainee,
   graduate, inspector or user name or e-mail is ever read by the public app.
6. Follow-up control outcomes in plain words once a control is closed (`control_outcome`).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from reports.models import Report, Status
from surveys.thresholds import MIN_ANSWERS, MIN_RESPONSE_RATE, Sufficiency, percent

MIN_PEOPLE = 5

# The centre's fields the public may see: the register's public part. The e-mail is the centre's
# official contact address from the register, not a person's.
PUBLIC_CENTRE_FIELDS = (
    "id",
    "licence_number",
    "name",
    "kind",
    "region",
    "municipality",
    "address",
    "website",
    "email",
    "licensed_on",
    "licence_revoked_on",
    "iso_9001",
)

FEWER_THAN_5 = _("fewer than 5")
TOO_FEW_ANSWERS = _("too few answers")
TOO_FEW_INVITED_ANSWERED = _("too few of those invited answered")
TOO_FEW_PEOPLE = _("too few people to give a share")
NOT_REPORTED = _("not reported")
NO_APPROVED_REPORT = _("no approved report yet")
NO_SURVEY = _("no survey in this year")
NO_CLOSED_CONTROL = _("no closed follow-up control")


@dataclass(frozen=True)
class Shown:
    """A public figure: `value` when it may be shown, else `reason` in plain words."""

    value: object = None
    reason: str = ""

    @property
    def shown(self):
        return self.value is not None

    def note(self):
        return "" if self.shown else str(self.reason)


def hidden(reason):
    return Shown(None, reason)


# ---------------------------------------------------------------- 1. approved reports only
def published_reports():
    """The reports the public may see: approved, with the version the agency approved."""
    return Report.objects.filter(status=Status.APPROVED, last_submission__isnull=False)


def is_published(report):
    return report is not None and report.status == Status.APPROVED and report.last_submission_id is not None


# ---------------------------------------------------------------- 2. licence
@dataclass(frozen=True)
class LicenceStatus:
    active: bool
    revoked_on: object = None  # date

    @property
    def label(self):
        if self.active:
            return _("licence in force")
        return _("licence revoked on %(date)s") % {"date": date_format(self.revoked_on, "j E Y")}


def licence_status(licensed_on, revoked_on, today):
    active = licensed_on <= today and (revoked_on is None or revoked_on > today)
    return LicenceStatus(active=active, revoked_on=None if active else revoked_on)


def current_grade(licence, last_approved):
    """The grade of the last approved report, unless the licence is revoked.

    `last_approved` is (year, grade code, grade name) or None.
    """
    if not licence.active and licence.revoked_on is not None:
        return hidden(licence.label)
    if last_approved is None:
        return hidden(NO_APPROVED_REPORT)
    return Shown(last_approved)


# ---------------------------------------------------------------- 3. surveys
def survey_share(sufficiency, part, whole):
    """A share from survey answers, only where surveys.thresholds allows it."""
    if sufficiency is None or not sufficiency.answers:
        return hidden(NO_SURVEY)
    if not sufficiency.enough:
        if sufficiency.answers < MIN_ANSWERS:
            return hidden(TOO_FEW_ANSWERS)
        return hidden(TOO_FEW_INVITED_ANSWERED)
    value = percent(part, whole)
    return Shown(value) if value is not None else hidden(TOO_FEW_ANSWERS)


def survey_rule_text():
    return _(
        "at least %(answers)s answers and, where people were invited by personal link, "
        "at least %(rate)s %% of them answered"
    ) % {"answers": MIN_ANSWERS, "rate": MIN_RESPONSE_RATE}


def sufficiency(answers, invited=0, personal_answers=0):
    return Sufficiency(answers=answers, invited=invited, personal_answers=personal_answers)


# ---------------------------------------------------------------- 4. small numbers of people
def people_count(n):
    if n is None:
        return hidden(NOT_REPORTED)
    if n < MIN_PEOPLE:
        return hidden(FEWER_THAN_5)
    return Shown(int(n))


def people_share(part, whole):
    """part ÷ whole in per cent, where the whole counts people: none for fewer than 5 of them."""
    if whole is None or part is None:
        return hidden(NOT_REPORTED)
    if whole < MIN_PEOPLE:
        return hidden(TOO_FEW_PEOPLE)
    return Shown(percent(part, whole))


def breakdown(counts):
    """{key: count} of people → {key: Shown}, never revealing a small group.

    Groups below 5 are hidden; if exactly one group is hidden, the next smallest is hidden too,
    so the hidden one cannot be worked out by subtracting the others from a published total.
    """
    shown = {key: people_count(n) for key, n in counts.items()}
    small = [key for key, figure in shown.items() if not figure.shown]
    if len(small) == 1:
        others = [key for key, n in counts.items() if key not in small and n is not None]
        if others:
            smallest = min(others, key=lambda key: (counts[key], str(key)))
            shown[smallest] = hidden(_("not shown: small group"))
    return shown


# ---------------------------------------------------------------- 6. follow-up control
@dataclass(frozen=True)
class ControlOutcome:
    year: int
    text: str  # e.g. "проверена през 2025 г.: без нарушения"


CHECKED_CLEAN = _("checked in %(year)s: no breaches")
CHECKED_REMEDIED = _("checked in %(year)s: irregularities removed")
_with_year = lazy(lambda message, year: str(message) % {"year": year}, str)


def control_outcome(centre_id):
    """The outcome of the centre's last CLOSED follow-up control, as a `Shown` of ControlOutcome.

    In plain words: "проверен през 2025 г.: без нарушения" when the control found nothing, "… с
    отстранени нередовности" when its findings were remedied and the case closed. Never an open or
    escalated control's findings (only closed cases count). The public cache is bumped by the
    control's audit entry (public.signals.PUBLIC_ACTIONS lists "close_control").
    """
    return control_outcomes([centre_id])[centre_id]


def control_outcomes(centre_ids):
    """{centre id: Shown(ControlOutcome) | hidden(NO_CLOSED_CONTROL)} in one query."""
    from django.db.models import Count

    from control.models import Control, State

    outcomes = {centre_id: hidden(NO_CLOSED_CONTROL) for centre_id in centre_ids}
    closed = (
        Control.objects.filter(centre_id__in=centre_ids, state=State.CLOSED)
        .annotate(findings_count=Count("findings"))
        .order_by("centre_id", "-check_to", "-id")
        .values("centre_id", "check_to", "protocol_on", "year", "findings_count")
    )
    for row in closed:
        if outcomes[row["centre_id"]].shown:
            continue  # the first row of a centre is its latest closed control
        day = row["check_to"] or row["protocol_on"]
        year = day.year if day else row["year"]
        message = CHECKED_REMEDIED if row["findings_count"] else CHECKED_CLEAN
        # Lazy: the snapshot is shared by both languages; the sentence is made when a page shows it.
        outcomes[row["centre_id"]] = Shown(ControlOutcome(year, _with_year(message, year)))
    return outcomes


def as_decimal(value):
    return None if value is None else Decimal(value)
