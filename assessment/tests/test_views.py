"""The pages drive the services: drawing, planning, assigning, inviting, answering, marking."""

import datetime as dt

from assessment.models import Mark, ParticipantStatus, Sample, Session, SessionAssessor
from assessment.tests.conftest import YEAR, declare_clean


def test_the_agency_draws_a_sample_in_the_browser(client_for, erin, cohort):
    response = client_for(erin).post(
        "/assessment/samples/new/",
        {"year": YEAR, "source": "followup", "size": 8, "min_per_centre": 2, "seed": 11},
    )
    sample = Sample.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/samples/{sample.pk}/")
    page = client_for(erin).get(response["Location"]).content.decode()
    assert "11" in page and sample.members.first().pseudonym in page


def test_a_too_large_sample_is_a_clear_400(client_for, erin, cohort):
    response = client_for(erin).post(
        "/assessment/samples/new/", {"year": YEAR, "source": "followup", "size": 500, "min_per_centre": 2}
    )
    assert response.status_code == 400
    assert "по-голяма от съвкупността" in response.content.decode()
    assert not Sample.objects.exists()


def test_a_body_plans_a_session(client_for, bella, sample, cook):
    response = client_for(bella).post(
        "/assessment/sessions/new/",
        {"sample": sample.pk, "profession": cook.pk, "held_on": f"{YEAR + 1}-03-10", "place": "Бургас"},
    )
    session = Session.objects.get()
    assert response.status_code == 302 and session.place == "Бургас"


def test_assigning_an_assessor_with_a_recent_job_at_the_centre_is_refused(
    client_for, bella, assessors, sample, cook, centre_a
):
    from assessment import services

    session = services.plan_session(
        bella, body=assessors[0].body, sample=sample, profession=cook, held_on=dt.date(YEAR + 1, 3, 10), place="X"
    )
    declare_clean(bella, session, assessors[1])
    data = {"assessor": assessors[0].pk, f"worked_{centre_a.pk}": f"{YEAR}-01-31"}
    response = client_for(bella).post(f"/assessment/sessions/{session.pk}/assign/", data)
    assert response.status_code == 400
    assert "през последните 3 години" in response.content.decode()
    assert not SessionAssessor.objects.exists()
    assert session.declarations.filter(assessor=assessors[0], centre=centre_a).exists()  # the declaration stays
    ok = client_for(bella).post(f"/assessment/sessions/{session.pk}/assign/", {"assessor": assessors[1].pk})
    assert ok.status_code == 302 and SessionAssessor.objects.count() == 1


def test_the_graduate_declines_or_agrees_through_the_personal_link(client, bella, planned_session):
    from assessment import services

    services.invite(bella, session=planned_session, base_url="http://testserver")
    first, second = planned_session.participants.all()[:2]
    page = client.get(f"/assessment/invitation/{first.token}/")
    assert page.status_code == 200 and planned_session.place in page.content.decode()
    assert client.post(f"/assessment/invitation/{first.token}/", {"decline": "1"}).status_code == 200
    refused = client.post(f"/assessment/invitation/{second.token}/", {"accept": "1"})
    assert refused.status_code == 400 and "съгласете" in refused.content.decode()
    assert client.post(f"/assessment/invitation/{second.token}/", {"accept": "1", "consent": "on"}).status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ParticipantStatus.DECLINED, ParticipantStatus.ACCEPTED)
    assert client.get("/assessment/invitation/no-such-token/").status_code == 404


def test_marks_are_entered_per_graduate(client_for, bella, planned_session):
    from assessment import services

    services.invite(bella, session=planned_session, base_url="http://testserver")
    participant = planned_session.participants.first()
    services.respond(participant, accept=True, consent=True)
    assessor = planned_session.assignments.first().assessor
    units = list(planned_session.outcome_set.units.all())
    data = {"marker": assessor.pk} | {f"u{u.pk}_{c}": "4" for u in units for c in ("theory", "practice")}
    url = f"/assessment/sessions/{planned_session.pk}/participants/{participant.pk}/"
    assert client_for(bella).post(url, data).status_code == 302
    assert Mark.objects.filter(assessor=assessor).count() == 2 * len(units)
    again = client_for(bella).post(url, data)
    assert again.status_code == 400 and "вече е оценил" in again.content.decode()
    data[f"u{units[0].pk}_theory"] = "9"
    assert client_for(bella).post(url, data).status_code == 400  # not a choice on the scale


def test_after_the_session_the_link_only_says_it_is_over(client, bella, planned_session):
    from assessment.tests.conftest import run_session

    session = run_session(bella, planned_session, lambda p, u, c: "4", lambda p, u, c: "5")
    page = client.get(f"/assessment/invitation/{session.participants.first().token}/").content.decode()
    assert "Оценяването е приключило" in page and 'name="decline"' not in page
