"""Planning, assessors and their declarations, invitations, marks and the session's transitions."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from assessment import services
from assessment.models import Affiliation, Mark, ParticipantStatus, SessionAssessor, SessionState
from assessment.tests.conftest import WELDER, YEAR, all_marks, declare_clean, make_assessor, run_session
from audit.models import AuditEntry


@pytest.fixture
def session(bella, council, sample, cook):
    return services.plan_session(
        bella, body=council, sample=sample, profession=cook, held_on=dt.date(YEAR + 1, 3, 10), place="София"
    )


def test_a_session_takes_the_sampled_graduates_of_its_profession(session, sample, cook):
    expected = sample.members.filter(profession=cook).count()
    assert session.participants.count() == expected > 0
    assert session.state == SessionState.PLANNED
    assert AuditEntry.objects.filter(action="assessment_session_planned", object_id=str(session.pk)).exists()


def test_a_body_plans_only_professions_it_covers(bella, council, sample):
    from activity.models import Profession

    with pytest.raises(services.Refused, match="не обхваща"):
        services.plan_session(
            bella,
            body=council,
            sample=sample,
            profession=Profession.objects.get(code=WELDER),
            held_on=dt.date(YEAR + 1, 3, 1),
            place="София",
        )


def test_another_bodys_user_cannot_plan(otto, council, sample, cook):
    with pytest.raises(PermissionDenied):
        services.plan_session(
            otto, body=council, sample=sample, profession=cook, held_on=dt.date(2025, 3, 1), place="X"
        )


def test_an_assessor_without_the_profession_is_refused(bella, council, session):
    from activity.models import Profession

    outsider = make_assessor(council, "Димитър Колев", Affiliation.EMPLOYER, [Profession.objects.get(code=WELDER)])
    declare_clean(bella, session, outsider)
    with pytest.raises(services.Refused, match="не може да оценява по професията"):
        services.assign_assessor(bella, session=session, assessor=outsider)
    assert not SessionAssessor.objects.exists()


def test_an_assessor_who_worked_for_the_centre_within_three_years_is_refused(bella, session, assessors, centre_a):
    assessor = assessors[0]
    declare_clean(bella, session, assessor)
    services.declare(
        actor=bella,
        session=session,
        assessor=assessor,
        centre=centre_a,
        worked_for_centre_until=session.held_on - dt.timedelta(days=365 * 2),
    )
    with pytest.raises(services.Refused, match="последните 3 години"):
        services.assign_assessor(bella, session=session, assessor=assessor)
    assert not SessionAssessor.objects.exists()
    # The declaration itself is kept, with its date.
    declaration = session.declarations.get(assessor=assessor, centre=centre_a)
    assert declaration.declared_on is not None


def test_work_for_the_centre_longer_ago_is_no_bar(bella, session, assessors, centre_a):
    assessor = assessors[0]
    declare_clean(bella, session, assessor)
    services.declare(
        actor=bella,
        session=session,
        assessor=assessor,
        centre=centre_a,
        worked_for_centre_until=session.held_on - dt.timedelta(days=365 * 3 + 2),
    )
    services.assign_assessor(bella, session=session, assessor=assessor)
    assert session.assignments.count() == 1


def test_a_declared_conflict_and_a_missing_declaration_are_refused(bella, session, assessors, centre_b):
    with pytest.raises(services.Refused, match="не е подал"):
        services.assign_assessor(bella, session=session, assessor=assessors[0])
    declare_clean(bella, session, assessors[1])
    services.declare(actor=bella, session=session, assessor=assessors[1], centre=centre_b, other_interest=True)
    with pytest.raises(services.Refused, match="конфликт на интереси"):
        services.assign_assessor(bella, session=session, assessor=assessors[1])
    assert not SessionAssessor.objects.exists()


def test_invitations_need_two_assessors_one_from_an_employer(bella, council, session, cook, assessors):
    declare_clean(bella, session, assessors[1])
    services.assign_assessor(bella, session=session, assessor=assessors[1])
    with pytest.raises(services.Refused, match="поне 2"):
        services.invite(bella, session=session)
    union = make_assessor(council, "Стефан Илиев", Affiliation.TRADE_UNION, [cook])
    declare_clean(bella, session, union)
    services.assign_assessor(bella, session=session, assessor=union)
    with pytest.raises(services.Refused, match="работодател"):
        services.invite(bella, session=session)
    session.refresh_from_db()
    assert session.state == SessionState.PLANNED


def test_graduates_get_a_personal_link_and_may_decline(bella, planned_session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.invite(bella, session=planned_session, base_url="http://testserver")
    assert sent == planned_session.participants.count() == len(mail.outbox)
    participant = planned_session.participants.first()
    assert any(participant.token in m.body for m in mail.outbox)
    services.respond(participant, accept=False)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.DECLINED
    with pytest.raises(services.Refused, match="съгласете"):
        services.respond(participant, accept=True, consent=False)


@pytest.fixture
def marking(bella, planned_session):
    services.invite(bella, session=planned_session, base_url="http://testserver")
    participant = planned_session.participants.first()
    services.respond(participant, accept=True, consent=True)
    participant.refresh_from_db()
    first, second = (a.assessor for a in planned_session.assignments.order_by("id"))
    return planned_session, participant, first, second


def test_a_mark_outside_the_scale_is_refused_and_nothing_saved(bella, marking):
    session, participant, first, _second = marking
    marks = all_marks(session, lambda u, c: "4")
    marks[next(iter(marks))] = "7"  # the cook's scale is 2–6
    with pytest.raises(services.Refused, match="не е от скалата"):
        services.record_marks(bella, session=session, participant=participant, assessor=first, marks=marks)
    assert not Mark.objects.exists()


def test_the_same_assessor_cannot_mark_a_unit_twice(bella, marking):
    session, participant, first, _second = marking
    services.record_marks(
        bella, session=session, participant=participant, assessor=first, marks=all_marks(session, lambda u, c: "4")
    )
    with pytest.raises(services.Refused, match="вече е оценил"):
        services.record_marks(
            bella, session=session, participant=participant, assessor=first, marks=all_marks(session, lambda u, c: "5")
        )
    assert set(Mark.objects.values_list("value", flat=True)) == {"4"}


def test_the_agreed_mark_comes_after_both_independent_marks(bella, marking):
    session, participant, first, second = marking
    services.record_marks(
        bella, session=session, participant=participant, assessor=first, marks=all_marks(session, lambda u, c: "4")
    )
    with pytest.raises(services.Refused, match="след независимите оценки"):
        services.record_marks(
            bella, session=session, participant=participant, marks=all_marks(session, lambda u, c: "4")
        )
    services.record_marks(
        bella, session=session, participant=participant, assessor=second, marks=all_marks(session, lambda u, c: "5")
    )
    services.record_marks(bella, session=session, participant=participant, marks=all_marks(session, lambda u, c: "4"))
    assert Mark.objects.filter(assessor__isnull=True).count() == 12


def test_a_graduate_who_did_not_agree_cannot_be_marked(bella, marking):
    session, participant, first, _second = marking
    other = session.participants.exclude(pk=participant.pk).first()
    with pytest.raises(services.Refused, match="не е дал"):
        services.record_marks(
            bella, session=session, participant=other, assessor=first, marks=all_marks(session, lambda u, c: "4")
        )


def test_a_full_session_finishes_and_the_agency_publishes_it(bella, erin, planned_session):
    session = run_session(bella, planned_session, lambda i, u, c: "4", lambda i, u, c: "5")
    assert session.state == SessionState.FINISHED
    with pytest.raises(PermissionDenied):
        services.publish_session(bella, session=session)
    services.publish_session(erin, session=session)
    session.refresh_from_db()
    assert session.state == SessionState.PUBLISHED and session.published_at
    actions = set(AuditEntry.objects.filter(object_id=str(session.pk)).values_list("action", flat=True))
    assert {"assessment_session_invited", "assessment_session_finished", "assessment_session_published"} <= actions


def test_a_session_with_missing_agreed_marks_cannot_finish(bella, marking):
    session, *_ = marking
    with pytest.raises(services.Refused, match="Липсват"):
        services.finish_session(bella, session=session)


def test_a_graduate_with_recorded_marks_can_no_longer_decline(bella, marking):
    session, participant, first, _second = marking
    services.record_marks(
        bella, session=session, participant=participant, assessor=first, marks=all_marks(session, lambda u, c: "4")
    )
    with pytest.raises(services.Refused, match="вече са записани"):
        services.respond(participant, accept=False)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ACCEPTED
