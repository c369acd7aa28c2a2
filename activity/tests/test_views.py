"""Pages of the activity information: three-rung permissions, other centres → 404, saving through the form."""

import pytest
from django.urls import reverse

from activity.forms import CPO_FORMSETS
from activity.models import ActivityReport, Course
from activity.tests.conftest import YEAR, course_values
from audit.models import AuditEntry
from frameworks.models import Framework
from reports.models import Report, Status


def pages(centre, year=YEAR):
    return [
        reverse("activity:centre", args=[centre.pk]),
        reverse("activity:edit", args=[centre.pk, year]),
        reverse("activity:template", args=[centre.pk, year]),
        reverse("activity:eqavet", args=[centre.pk]),
        reverse("activity:eqavet_chart", args=[centre.pk]),
    ]


def test_anonymous_is_sent_to_log_in(client, centre_a):
    for url in [reverse("activity:index"), *pages(centre_a)]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["dora", "vicky", "erin"])
def test_own_centre_and_agency_see_every_page(request, client_for, centre_a, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in pages(centre_a):
        assert client.get(url).status_code == 200, url


def test_another_centre_answers_404(client_for, boris, centre_a):
    client = client_for(boris)
    for url in pages(centre_a):
        assert client.get(url).status_code == 404, url


def test_a_user_without_role_is_refused(client_for, db):
    from accounts.models import User

    nobody = User.objects.create_user("nobody", password="x")
    assert client_for(nobody).get(reverse("activity:index")).status_code == 403


def test_centre_user_index_goes_to_own_centre(client_for, dora, centre_a):
    response = client_for(dora).get(reverse("activity:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("activity:centre", args=[centre_a.pk])


def test_agency_index_lists_activity(client_for, erin, activity_a, django_assert_max_num_queries):
    client = client_for(erin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("activity:index"))
    assert response.status_code == 200
    assert activity_a.centre.name in response.content.decode()


def test_a_future_year_is_404(client_for, dora, centre_a):
    assert client_for(dora).get(reverse("activity:edit", args=[centre_a.pk, 2999])).status_code == 404


def _management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def cpo_post(profession, **course_overrides):
    values = course_values(**course_overrides)
    data = {k: v for name in CPO_FORMSETS for k, v in _management(name, 1 if name == "courses" else 0).items()}
    data.update({"header-trainers_total": "6", "header-trainers_trained_internal": "4"})
    for key, value in values.items():
        data[f"courses-0-{key}"] = "" if value is None else str(value)
    data["courses-0-profession"] = str(profession.pk)
    return data


def test_director_saves_a_course_through_the_form(client_for, dora, centre_a, profession):
    url = reverse("activity:edit", args=[centre_a.pk, YEAR])
    response = client_for(dora).post(url, cpo_post(profession))
    assert response.status_code == 302
    activity = ActivityReport.objects.get(centre=centre_a, year=YEAR)
    assert activity.trainers_total == 6
    course = Course.objects.get(activity=activity)
    assert (course.enrolled, course.certified, course.profession) == (20, 18, profession)
    assert AuditEntry.objects.filter(action="activity.saved", object_id=str(activity.pk)).exists()


def test_an_inconsistent_course_is_refused_and_nothing_saved(client_for, dora, centre_a, profession):
    url = reverse("activity:edit", args=[centre_a.pk, YEAR])
    response = client_for(dora).post(url, cpo_post(profession, certified=25))
    assert response.status_code == 400
    assert "Завършилите не може да са повече от записаните." in response.content.decode()
    assert not ActivityReport.objects.filter(centre=centre_a).exists()


def test_add_more_rows_keeps_the_typed_data_and_saves_nothing(client_for, dora, centre_a, profession):
    url = reverse("activity:edit", args=[centre_a.pk, YEAR])
    data = cpo_post(profession, enrolled=33, certified=30)
    data["add"] = "courses"
    response = client_for(dora).post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="courses-TOTAL_FORMS" value="4"' in body
    assert 'name="courses-0-enrolled" value="33"' in body
    assert not ActivityReport.objects.exists()


@pytest.mark.parametrize("persona", ["vicky", "erin", "boris"])
def test_others_cannot_save(request, client_for, centre_a, profession, persona):
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("activity:edit", args=[centre_a.pk, YEAR]), cpo_post(profession)
    )
    assert response.status_code == (404 if persona == "boris" else 403)
    assert not ActivityReport.objects.exists()


def _report(centre, status):
    return Report.objects.create(
        centre=centre, year=YEAR, framework=Framework.objects.for_report("CPO", YEAR), status=status
    )


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED])
def test_activity_is_locked_with_a_submitted_report(client_for, dora, centre_a, profession, status):
    _report(centre_a, status)
    client = client_for(dora)
    url = reverse("activity:edit", args=[centre_a.pk, YEAR])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="courses-TOTAL_FORMS"' not in page.content.decode()
    assert client.post(url, cpo_post(profession)).status_code == 403
    assert not Course.objects.exists()


def test_activity_is_editable_again_when_the_report_is_returned(client_for, dora, centre_a, profession):
    _report(centre_a, Status.RETURNED)
    response = client_for(dora).post(reverse("activity:edit", args=[centre_a.pk, YEAR]), cpo_post(profession))
    assert response.status_code == 302
    assert Course.objects.count() == 1


def test_cipo_form_saves_clients_and_services(client_for, cleo, centre_c):
    data = {**_management("services", 1), **_management("funding_rows", 1)}
    data.update(
        {
            "header-clients_total": "40",
            "header-clients_bulgaria": "38",
            "header-clients_other_eu": "1",
            "header-clients_third_country": "1",
            "services-0-service": "counselling",
            "services-0-clients": "25",
            "services-0-sessions": "40",
            "funding_rows-0-source": "eu",
            "funding_rows-0-amount": "12000.50",
        }
    )
    response = client_for(cleo).post(reverse("activity:edit", args=[centre_c.pk, YEAR]), data)
    assert response.status_code == 302
    activity = ActivityReport.objects.get(centre=centre_c)
    assert activity.clients_total == 40
    assert activity.services.get().clients == 25
    assert str(activity.funding_rows.get().amount) == "12000.50"


def test_cipo_nationalities_that_do_not_add_up_are_refused(client_for, cleo, centre_c):
    data = {**_management("services"), **_management("funding_rows")}
    data.update(
        {
            "header-clients_total": "40",
            "header-clients_bulgaria": "30",
            "header-clients_other_eu": "1",
            "header-clients_third_country": "1",
        }
    )
    response = client_for(cleo).post(reverse("activity:edit", args=[centre_c.pk, YEAR]), data)
    assert response.status_code == 400
    assert not ActivityReport.objects.exists()


def test_summary_counts_are_computed_from_rows(client_for, vicky, activity_a, add_course):
    from activity.models import CourseKind

    add_course(activity_a, kind=CourseKind.DEGREE, certified=10, certified_validation=2, continuing=3, dropped_out=1)
    add_course(activity_a, kind=CourseKind.PART, degree=1, certified=7, certified_validation=1, not_completed=2)
    add_course(activity_a, kind=CourseKind.LEGAL, degree=None, certified=5)
    response = client_for(vicky).get(reverse("activity:edit", args=[activity_a.centre_id, YEAR]))
    summary = response.context["summary"]
    assert (summary["degree_obtained"], summary["degree_by_validation"]) == (10, 2)
    assert (summary["part_obtained"], summary["part_by_validation"]) == (7, 1)
    assert summary["legal_capacity"] == 5
    assert (summary["continuing"], summary["not_completed"], summary["dropped_out"]) == (3, 2, 1)
