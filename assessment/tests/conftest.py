"""Fixtures for independent assessment: professions with outcomes, graduates of centres A and B, a
body of each kind with assessors, and a helper that walks a session to finished marks."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.models import Role
from activity.models import ActivityReport, Course, CourseKind, Funding, Profession
from assessment import services
from assessment.models import (
    Affiliation,
    AssessmentBody,
    Assessor,
    BodyKind,
    BodyMembership,
    Component,
    OutcomeSet,
    ParticipantStatus,
)
from conftest import make_user
from surveys.models import Graduate

YEAR = 2024
COOK, WELDER = "811070", "521110"


def make_course(centre, profession_code, certified=10, exam_admitted=10, exam_passed=9, year=YEAR):
    activity, _ = ActivityReport.objects.get_or_create(centre=centre, year=year)
    return Course.objects.create(
        activity=activity,
        profession=Profession.objects.get(code=profession_code),
        kind=CourseKind.DEGREE,
        degree=2,
        region=centre.region,
        start_date=dt.date(year, 2, 1),
        end_date=dt.date(year, 6, 30),
        hours=600,
        price=Decimal("900.00"),
        funding=Funding.OWN,
        enrolled=certified,
        certified=certified,
        exam_admitted=exam_admitted,
        exam_passed=exam_passed,
    )


def make_graduates(centre, course, count, consent=True, start=0):
    return [
        Graduate.objects.create(
            centre=centre,
            email=f"grad{start + i}.{centre.licence_number}@example.bg",
            name=f"Иван Петров {start + i}",
            course=course,
            course_label=str(course),
            completed_on=dt.date(YEAR, 6, 30),
            consent=consent,
        )
        for i in range(count)
    ]


@pytest.fixture
def cook(db):
    return Profession.objects.get(code=COOK)


@pytest.fixture
def cohort(centre_a, centre_b):
    """Cooks: 8 of A (2 without consent) and 4 of B; welders: 3 of A."""
    course_a = make_course(centre_a, COOK, exam_admitted=10, exam_passed=9)
    course_b = make_course(centre_b, COOK, exam_admitted=4, exam_passed=4)
    weld_a = make_course(centre_a, WELDER, certified=3, exam_admitted=3, exam_passed=3)
    return {
        "a": make_graduates(centre_a, course_a, 6) + make_graduates(centre_a, course_a, 2, consent=False, start=6),
        "b": make_graduates(centre_b, course_b, 4),
        "weld_a": make_graduates(centre_a, weld_a, 3, start=20),
    }


@pytest.fixture
def council(cook):
    body = AssessmentBody.objects.create(name="Секторен съвет „Туризъм“", kind=BodyKind.SECTOR_COUNCIL)
    body.professions.add(cook)
    return body


@pytest.fixture
def independent_centre(db):
    body = AssessmentBody.objects.create(
        name="Център за независимо оценяване „Мерило“", kind=BodyKind.INDEPENDENT_CENTRE
    )
    from assessment.models import ProfessionalField

    body.fields.add(ProfessionalField.objects.get(code="811"), ProfessionalField.objects.get(code="521"))
    return body


def make_assessor(body, name, affiliation, professions):
    assessor = Assessor.objects.create(
        body=body,
        name=name,
        qualification="Магистър, 15 години практика",
        affiliation=affiliation,
        organisation="Фирма",
    )
    assessor.professions.add(*professions)
    return assessor


@pytest.fixture
def assessors(council, cook):
    return [
        make_assessor(council, "Мария Георгиева", Affiliation.EMPLOYER, [cook]),
        make_assessor(council, "Петър Стоянов", Affiliation.TRADE_UNION, [cook]),
    ]


@pytest.fixture
def bella(council):
    """A user of the sector council."""
    user = make_user("bella", Role.ASSESSMENT_BODY)
    BodyMembership.objects.create(user=user, body=council)
    return user


@pytest.fixture
def otto(independent_centre):
    """A user of the independent assessment centre."""
    user = make_user("otto", Role.ASSESSMENT_BODY)
    BodyMembership.objects.create(user=user, body=independent_centre)
    return user


@pytest.fixture
def sample(erin, cohort):
    return services.draw_sample(erin, year=YEAR, source="followup", size=10, min_per_centre=3, seed=7)


def declare_clean(actor, session, assessor):
    for centre in services.session_centres(session):
        services.declare(actor=actor, session=session, assessor=assessor, centre=centre)


@pytest.fixture
def planned_session(bella, council, sample, cook, assessors):
    session = services.plan_session(
        bella, body=council, sample=sample, profession=cook, held_on=dt.date(YEAR + 1, 3, 10), place="София"
    )
    for assessor in assessors:
        declare_clean(bella, session, assessor)
        services.assign_assessor(bella, session=session, assessor=assessor)
    return session


def all_marks(session, value_for):
    """{(unit, component): value} over the session's units, value_for(unit_index, component) → value."""
    units = list(session.outcome_set.units.all())
    return {(u, c): value_for(i, c) for i, u in enumerate(units) for c in Component.values}


def run_session(actor, session, first, second, agreed=None):
    """Invite, everybody agrees, two assessors mark (first/second: fn(participant, unit_index, component)),
    agreed = first unless given; finish."""
    services.invite(actor, session=session, base_url="http://testserver")
    a1, a2 = (a.assessor for a in session.assignments.order_by("id"))
    agreed = agreed or first
    for participant in session.participants.select_related("member"):
        services.respond(participant, accept=True, consent=True)
        participant.status = ParticipantStatus.ACCEPTED
        for assessor, fn in ((a1, first), (a2, second)):
            services.record_marks(
                actor,
                session=session,
                participant=participant,
                assessor=assessor,
                marks=all_marks(session, lambda u, c, fn=fn, p=participant: fn(p, u, c)),
            )
        services.record_marks(
            actor,
            session=session,
            participant=participant,
            marks=all_marks(session, lambda u, c, p=participant: agreed(p, u, c)),
        )
    services.finish_session(actor, session=session)
    return session


@pytest.fixture
def outcome_cook(cook):
    return OutcomeSet.objects.get(profession=cook)


@pytest.fixture
def finished_cooks(bella, erin, council, cook, assessors, cohort, centre_a):
    """All 10 cooks assessed: half of centre A's 6 fail the practice of the first unit (its own exams: 9 of 10);
    B's 4 all pass."""
    sample = services.draw_sample(erin, year=YEAR, source="followup", size=13, min_per_centre=3, seed=5)
    session = services.plan_session(
        bella, body=council, sample=sample, profession=cook, held_on=dt.date(YEAR + 1, 3, 10), place="Пловдив"
    )
    for assessor in assessors:
        declare_clean(bella, session, assessor)
        services.assign_assessor(bella, session=session, assessor=assessor)
    failing = set(session.participants.filter(member__centre=centre_a).order_by("pk").values_list("pk", flat=True)[:3])

    def agreed(participant, unit, component):
        return "2" if participant.pk in failing and unit == 0 and component == "practice" else "5"

    return run_session(bella, session, agreed, lambda p, u, c: "4", agreed)
