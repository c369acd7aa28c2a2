"""Three rungs: anonymous → login; wrong role, another body or an unpublished result → 403/404;
the right role → 200. A body sees only its sessions; a centre only its published results; the agency all."""

import pytest

from assessment import services
from assessment.tests.conftest import YEAR, run_session


@pytest.fixture
def finished(bella, planned_session):
    return run_session(bella, planned_session, lambda p, u, c: "4", lambda p, u, c: "5")


def test_anonymous_is_sent_to_log_in(client, finished):
    for url in (
        "/assessment/",
        f"/assessment/sessions/{finished.pk}/",
        "/assessment/findings/",
        "/assessment/samples/new/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_a_body_sees_only_its_own_sessions(client_for, finished, otto, bella):
    assert client_for(otto).get(f"/assessment/sessions/{finished.pk}/").status_code == 404
    assert finished.outcome_set.profession.name not in client_for(otto).get("/assessment/").content.decode()
    assert client_for(bella).get(f"/assessment/sessions/{finished.pk}/").status_code == 200
    assert client_for(otto).get(f"/assessment/sessions/{finished.pk}/participants/1/").status_code == 404


def test_a_body_has_no_findings_and_no_samples(client_for, bella, finished):
    assert client_for(bella).get("/assessment/findings/").status_code == 403
    assert client_for(bella).get("/assessment/samples/new/").status_code == 403
    assert client_for(bella).get(f"/assessment/samples/{finished.sample_id}/").status_code == 403


def test_a_centre_sees_its_results_only_after_publication(client_for, dora, erin, finished, centre_a, centre_b):
    client = client_for(dora)
    assert client.get(f"/assessment/sessions/{finished.pk}/").status_code == 404
    before = client.get(f"/assessment/findings/?year={YEAR}")
    assert before.status_code == 200 and before.context["report"].centre_rows == []
    services.publish_session(erin, session=finished)
    page = client.get(f"/assessment/sessions/{finished.pk}/").content.decode()
    own = finished.participants.filter(member__centre=centre_a).first().pseudonym
    other = finished.participants.filter(member__centre=centre_b).first().pseudonym
    assert own in page and other not in page
    rows = client.get(f"/assessment/findings/?year={YEAR}").context["report"].centre_rows
    assert {r.centre_id for r in rows} == {centre_a.pk}


def test_a_centre_cannot_change_or_publish(client_for, dora, finished):
    client = client_for(dora)
    assert client.post(f"/assessment/sessions/{finished.pk}/publish/").status_code in (403, 404)
    assert client.get("/assessment/samples/new/").status_code == 403
    assert client.get(f"/assessment/findings/pilot-report.docx?year={YEAR}").status_code == 403


def test_the_agency_sees_everything(client_for, erin, finished, centre_a, centre_b):
    client = client_for(erin)
    assert client.get(f"/assessment/sessions/{finished.pk}/").status_code == 200
    page = client.get(f"/assessment/findings/?year={YEAR}").content.decode()
    assert centre_a.name in page and centre_b.name in page
    assert client.get(f"/assessment/samples/{finished.sample_id}/").status_code == 200
    response = client.post(f"/assessment/sessions/{finished.pk}/publish/")
    assert response.status_code == 302
    finished.refresh_from_db()
    assert finished.published_at is not None


def test_a_centres_exports_hold_only_its_own_published_graduates(client_for, dora, erin, finished, centre_a, centre_b):
    import io
    import zipfile

    def xlsx_text():
        response = client_for(dora).get(f"/assessment/findings/export.xlsx?year={YEAR}")
        assert response.status_code == 200
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))

    own = finished.participants.filter(member__centre=centre_a).first().pseudonym
    other = finished.participants.filter(member__centre=centre_b).first().pseudonym
    assert own not in xlsx_text()  # nothing before publication
    services.publish_session(erin, session=finished)
    text = xlsx_text()
    assert own in text and other not in text and centre_b.name not in text
    csv = client_for(dora).get(f"/assessment/findings/export.csv?year={YEAR}").content.decode("utf-8-sig")
    assert centre_a.name in csv and centre_b.name not in csv
    assert client_for(dora).get(f"/assessment/findings/export.pdf?year={YEAR}").status_code == 404


def test_the_register_of_bodies(client, client_for, erin, bella, otto, dora, council, independent_centre, assessors):
    assert client.get("/assessment/bodies/").status_code == 302
    assert client_for(dora).get("/assessment/bodies/").status_code == 403
    own = client_for(bella).get("/assessment/bodies/").content.decode()
    assert council.name in own and independent_centre.name not in own and assessors[0].name in own
    everything = client_for(erin).get("/assessment/bodies/").content.decode()
    assert council.name in everything and independent_centre.name in everything
