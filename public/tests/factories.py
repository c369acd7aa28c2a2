"""Rows for the public app's tests, written as the system writes them (real models, no mocks)."""

import datetime as dt
from decimal import Decimal

from activity.models import ActivityReport, Course, CourseKind, Funding, Profession
from centres.models import CentreKind
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Report, Status
from surveys.models import Answer, Campaign, CampaignMode, Channel, Invitation, Questionnaire, Response

YEAR = 2024


def report(centre, year=YEAR, status=Status.APPROVED, fraction=Decimal(1)):
    """A submitted report of `year` with every criterion at `fraction` of its maximum, left in `status`."""
    framework = Framework.objects.for_report(centre.kind, year)
    points = {c.code: (c.max_points * fraction).quantize(Decimal("0.5")) for c in framework.criteria.all()}
    if centre.kind == CentreKind.CIPO:
        points = {c.code: c.max_points for c in framework.criteria.all()}
    entry = SubmittedEntry(centre, dt.datetime(year + 1, 1, 20, 10, tzinfo=SOFIA), points, status=status)
    (created,) = create_submitted_reports([entry], year=year, framework=framework)
    return Report.objects.select_related("last_submission").get(pk=created.pk)


def profession(code="814010", name="Фризьор"):
    return Profession.objects.get_or_create(code=code, defaults={"name": name})[0]


def activity(centre, year=YEAR, courses=((814010, 20, 15),), followed=None, placed=None):
    """Activity information with one course per (profession code, enrolled, certified)."""
    header = ActivityReport.objects.create(
        centre=centre, year=year, graduates_followed_up=followed, graduates_employed=placed, graduates_in_learning=0
    )
    for code, enrolled, certified in courses:
        Course.objects.create(
            activity=header,
            profession=profession(str(code), f"Професия {code}"),
            kind=CourseKind.DEGREE,
            degree=2,
            region=centre.region,
            start_date=dt.date(year, 2, 1),
            end_date=dt.date(year, 6, 30),
            hours=300,
            price=Decimal(500),
            funding=Funding.OWN,
            enrolled=enrolled,
            certified=certified,
        )
    return header


def survey(centre, year=YEAR, kind="trainee", answers=10, satisfied=8, invited=0, personal=None):
    """A campaign with `answers` responses (the first `satisfied` of them rating 5, the rest 2) and
    `invited` personal invitations, `personal` of the responses having come through them."""
    questionnaire = Questionnaire.objects.filter(kind=kind).first()
    version = questionnaire.current_version()
    likert = version.questions.filter(type="likert").first()
    codes = {"graduate": "satisfaction", "employer": "skills"}
    if kind in codes:
        likert = version.questions.get(code=codes[kind])
    campaign = Campaign.objects.create(
        centre=centre,
        version=version,
        label=f"{kind} {year}",
        year=year,
        opens_on=dt.date(year, 11, 1),
        closes_on=dt.date(year, 12, 15),
        mode=CampaignMode.PERSONAL if invited else CampaignMode.OPEN,
    )
    personal = answers if personal is None and invited else (personal or 0)
    Invitation.objects.bulk_create(Invitation(campaign=campaign, email=f"p{i}@example.bg") for i in range(invited))
    for i in range(answers):
        channel = Channel.PERSONAL if i < personal else Channel.OPEN
        response = Response.objects.create(campaign=campaign, channel=channel)
        value = 5 if i < satisfied else 2
        Answer.objects.create(
            response=response, question=likert, question_code=likert.code, value=str(value), number=value
        )
    return campaign
