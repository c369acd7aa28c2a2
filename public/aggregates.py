"""The grouped queries behind the published snapshot: one GROUP BY per kind of figure, whatever the
number of centres. Only (centre, year) pairs with an approved report are kept (public.rules)."""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from activity.models import ActivityReport, Course, ValidationRow
from reports.models import Status, SubmissionScore
from surveys.models import Answer, Channel, Invitation, QuestionnaireKind, Response
from surveys.results import SATISFIED_FROM

# The Likert questions each published satisfaction rests on (as surveys.derived uses them).
SATISFACTION_CODES = {
    QuestionnaireKind.TRAINEE: None,  # every Likert question of the trainees' questionnaire
    QuestionnaireKind.GRADUATE: ("satisfaction",),
    QuestionnaireKind.EMPLOYER: ("skills", "partnership"),
}


def area_points():
    """{(centre id, year): {area code: points}} of the approved versions: one GROUP BY."""
    rows = (
        SubmissionScore.objects.filter(
            submission__report__status=Status.APPROVED,
            submission__report__last_submission_id=F("submission_id"),
        )
        .values_list("submission__report__centre_id", "submission__report__year", "criterion__area__code")
        .annotate(points=Sum("points"))
        .order_by()
    )
    result = {}
    for centre_id, year, area, points in rows:
        result.setdefault((centre_id, year), {})[area] = Decimal(points or 0)
    return result


def courses(published_years):
    """{(centre, year): [(profession id, specialty id, enrolled, certified, by validation)]}: one GROUP BY."""
    rows = (
        Course.objects.values_list("activity__centre_id", "activity__year", "profession_id", "specialty_id")
        .annotate(
            enrolled=Coalesce(Sum("enrolled"), 0),
            certified=Coalesce(Sum("certified"), 0),
            validated=Coalesce(Sum("certified_validation"), 0),
        )
        .order_by()
    )
    result = {}
    for centre_id, year, profession_id, specialty_id, enrolled, certified, validated in rows:
        if (centre_id, year) in published_years:
            result.setdefault((centre_id, year), []).append(
                (profession_id, specialty_id, enrolled, certified, validated)
            )
    return result


def headers(published_years):
    rows = ActivityReport.objects.values_list(
        "centre_id", "year", "graduates_followed_up", "graduates_employed", "graduates_in_learning"
    )
    return {
        (c, y): (followed, employed, learning)
        for c, y, followed, employed, learning in rows
        if (c, y) in published_years
    }


def validations(published_years):
    rows = (
        ValidationRow.objects.values_list("activity__centre_id", "activity__year")
        .annotate(persons=Coalesce(Sum("persons"), 0))
        .order_by()
    )
    return {(c, y): persons for c, y, persons in rows if (c, y) in published_years}


def surveys(published_years):
    """{(centre, year): {kind: [answers, personal answers, invited, satisfied, likert answers]}}: three GROUP BYs."""
    result = {}

    def slot(centre_id, year, kind):
        return result.setdefault((centre_id, year), {}).setdefault(kind, [0, 0, 0, 0, 0])

    kind_path = "campaign__version__questionnaire__kind"
    for centre_id, year, kind, total, personal in (
        Response.objects.values_list("campaign__centre_id", "campaign__year", kind_path)
        .annotate(total=Count("id"), personal=Count("id", filter=Q(channel=Channel.PERSONAL)))
        .order_by()
    ):
        if (centre_id, year) in published_years:
            counts = slot(centre_id, year, kind)
            counts[0], counts[1] = total, personal
    for centre_id, year, kind, invited in (
        Invitation.objects.values_list("campaign__centre_id", "campaign__year", kind_path)
        .annotate(n=Count("id"))
        .order_by()
    ):
        if (centre_id, year) in published_years:
            slot(centre_id, year, kind)[2] = invited
    answer_kind = "response__" + kind_path
    for centre_id, year, kind, code, satisfied, total in (
        Answer.objects.filter(number__isnull=False)
        .values_list("response__campaign__centre_id", "response__campaign__year", answer_kind, "question_code")
        .annotate(satisfied=Count("id", filter=Q(number__gte=SATISFIED_FROM)), total=Count("id"))
        .order_by()
    ):
        codes = SATISFACTION_CODES.get(kind)
        if (centre_id, year) in published_years and (codes is None or code in codes):
            counts = slot(centre_id, year, kind)
            counts[3] += satisfied
            counts[4] += total
    return result
