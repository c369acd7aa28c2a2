"""The centre's record shows its controls and open recommendations ({% centre_controls %}): on the history
page, the review page and the centre's year page; a planned control stays the agency's."""

# ruff: noqa: F811  (the fixtures imported from control's and reports' conftest are used as parameters)
from django.urls import reverse

from control.models import State
from control.tests.conftest import planned, walk  # noqa: F401  (the planned fixture)
from reports.tests.conftest import draft, filled, submitted  # noqa: F401  (fixtures)

RECOMMENDATION = "Актуализирайте правилника."


def history(centre):
    return reverse("reports:history", args=[centre.pk])


def test_the_expert_sees_the_controls_and_open_recommendations_on_the_history_page(
    client_for, erin, planned, django_assert_max_num_queries
):
    walk(planned, erin, State.REMEDY)
    client = client_for(erin)
    with django_assert_max_num_queries(9):
        html = client.get(history(planned.centre)).content.decode()
    assert 'id="centre-controls"' in html and reverse("control:case", args=[planned.pk]) in html
    assert "Неизпълнени препоръки" in html and RECOMMENDATION in html


def test_the_centre_sees_its_controls_once_ordered(client_for, erin, dora, planned):
    assert 'id="centre-controls"' in client_for(erin).get(history(planned.centre)).content.decode()
    assert 'id="centre-controls"' not in client_for(dora).get(history(planned.centre)).content.decode()
    walk(planned, erin, State.INSPECTING)
    html = client_for(dora).get(history(planned.centre)).content.decode()
    assert reverse("control:case", args=[planned.pk]) in html


def test_findings_become_open_recommendations_with_the_protocol(client_for, erin, dora, planned):
    import datetime as dt

    from control import services, timers
    from control.models import Answer
    from control.tests.conftest import answer_all

    walk(planned, erin, State.INSPECTING)
    first = planned.checklist.items.order_by("order").first().code
    answer_all(planned, erin, overrides={first: {"answer": Answer.NO, "comment": "Не.", "data_missing": False}})
    services.add_finding(
        planned,
        actor=erin,
        item_code=first,
        klass="irregularity",
        text="Констатация в хода на проверката.",
        recommendation="Препоръка преди протокола.",
        deadline=timers.today() + dt.timedelta(days=10),
    )
    assert "Препоръка преди протокола." not in client_for(dora).get(history(planned.centre)).content.decode()
    type(planned).objects.filter(pk=planned.pk).update(state=State.PROTOCOL_ISSUED)
    assert "Препоръка преди протокола." in client_for(dora).get(history(planned.centre)).content.decode()


def test_another_centres_history_still_answers_404(client_for, erin, boris, planned):
    walk(planned, erin, State.REMEDY)
    assert client_for(boris).get(history(planned.centre)).status_code == 404


def test_a_fulfilled_recommendation_is_no_longer_open(client_for, erin, planned):
    walk(planned, erin, State.REMEDY)
    planned.findings.update(fulfilled=True)
    html = client_for(erin).get(history(planned.centre)).content.decode()
    assert 'id="centre-controls"' in html and RECOMMENDATION not in html


def test_the_review_page_shows_them_to_the_expert(client_for, erin, dora, submitted, planned):
    walk(planned, erin, State.REMEDY)
    html = client_for(erin).get(reverse("reports:review", args=[submitted.pk])).content.decode()
    assert 'id="centre-controls"' in html and RECOMMENDATION in html
    version = client_for(dora).get(reverse("reports:version", args=[submitted.pk, 1])).content.decode()
    assert 'id="centre-controls"' in version  # the centre's read-only version page has the same sidebar


def test_the_review_page_hides_a_planned_control_from_the_centre(client_for, erin, dora, submitted, planned):
    assert (
        'id="centre-controls"' in client_for(erin).get(reverse("reports:review", args=[submitted.pk])).content.decode()
    )
    version = client_for(dora).get(reverse("reports:version", args=[submitted.pk, 1])).content.decode()
    assert 'id="centre-controls"' not in version


def test_the_review_page_queries_do_not_grow_with_controls(
    client_for, erin, submitted, planned, django_assert_max_num_queries
):
    from control import services
    from control.models import ControlKind, ControlType

    walk(planned, erin, State.REMEDY)
    url = reverse("reports:review", args=[submitted.pk])
    client = client_for(erin)
    client.get(url)  # the session and the reauthentication stamp
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in (2022, 2023):
        # One open control at a time: the earlier one is closed (its findings no longer open), a new one follows.
        type(planned).objects.filter(centre=planned.centre).update(state=State.CLOSED)
        other = services.plan_controls(
            year, [planned.centre], actor=erin, kind=ControlKind.CURRENT, type=ControlType.THEMATIC
        )[0]
        walk(other, erin, State.REMEDY)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three) == len(one)


def test_the_centres_year_page_shows_them(client_for, erin, dora, planned):
    walk(planned, erin, State.REMEDY)
    html = client_for(dora).get(reverse("centre_year", args=[planned.centre.pk, planned.year])).content.decode()
    assert 'id="centre-controls"' in html and RECOMMENDATION in html
