from decimal import Decimal

import pytest
from django.urls import reverse

from reports import services
from reports.models import Answer, Report, Status

from .conftest import fill


def _url(report):
    return reverse("reports:form", args=[report.pk])


def _post_data(report, **overrides):
    """What the browser posts for the report as saved, with overrides."""
    report.refresh_from_db()
    data = {"lock_version": report.lock_version}
    for code, text in report.texts.items():
        data[f"text_{code}"] = text
    for answer in report.answers.select_related("criterion"):
        code = answer.criterion.code
        if answer.points is not None:
            data[f"points_{code}"] = format(answer.points.normalize(), "f")
        data[f"comment_{code}"] = answer.comment
        data[f"reason_{code}"] = answer.disagreement_reason
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(_url(draft))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_centres_report_is_404_for_every_method(client_for, boris, draft, method):
    response = getattr(client_for(boris), method)(_url(draft))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["dora", "eddie", "vicky", "erin"])
def test_the_centres_users_and_the_agency_see_the_report(client_for, request, filled, who):
    response = client_for(request.getfixturevalue(who)).get(_url(filled))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Популяризиране на предлаганото обучение" in html
    assert ('name="points_1.1"' in html) is (who in ("dora", "eddie"))


@pytest.mark.parametrize("who", ["vicky", "erin"])
def test_viewers_and_the_agency_cannot_post_the_form(client_for, request, draft, who):
    response = client_for(request.getfixturevalue(who)).post(_url(draft), _post_data(draft, text_1="x"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.texts == {}


def test_an_editor_saves_the_draft(client_for, eddie, draft):
    data = _post_data(draft, **{"text_1": "Цел на центъра", "points_2.10": "1.5", "comment_2.10": "Проект X"})
    response = client_for(eddie).post(_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.texts["1"] == "Цел на центъра" and draft.lock_version == 2
    assert draft.answers.get(criterion__code="2.10").points == Decimal("1.5")


def test_extra_fields_cannot_set_status_totals_grade_or_centre(client_for, dora, draft, centre_b):
    data = _post_data(
        draft,
        text_1="x",
        status="approved",
        centre=centre_b.pk,
        centre_id=centre_b.pk,
        total="100",
        grade="excellent",
        year="2020",
        last_submission="1",
        return_comment="hacked",
    )
    assert client_for(dora).post(_url(draft), data).status_code == 302
    report = Report.objects.get(pk=draft.pk)
    assert (report.status, report.centre_id, report.year, report.return_comment) == ("draft", dora.centre_id, 2024, "")
    assert report.last_submission is None


def test_a_level_that_does_not_exist_is_refused_field_by_field(client_for, dora, draft):
    response = client_for(dora).post(_url(draft), _post_data(draft, **{"points_2.10": "2", "text_1": "x"}))
    assert response.status_code == 400
    assert 'href="#criterion-2.10"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.texts == {} and draft.lock_version == 1


def test_a_stale_save_is_refused_and_the_users_input_is_kept(client_for, dora, eddie, draft):
    stale = _post_data(draft, text_1="Текстът на Дора", **{"points_1.1": "3"})
    services.save_draft(draft, actor=eddie, lock_version=1, texts={"1": "Текстът на Еди"})
    response = client_for(dora).post(_url(draft), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Текстът на Еди" in html and "Текстът на Дора" in html  # theirs vs yours
    assert '<textarea id="section-1" name="text_1"' in html and ">Текстът на Дора</textarea>" in html
    assert 'value="3" checked' in html
    assert 'name="lock_version" value="2"' in html  # saving again keeps the user's values
    draft.refresh_from_db()
    assert draft.texts == {"1": "Текстът на Еди"}
    assert draft.answers.get(criterion__code="1.1").points is None


def test_a_submitted_or_approved_report_refuses_form_posts(client_for, dora, erin, submitted):
    for status in (Status.SUBMITTED, Status.APPROVED):
        submitted.refresh_from_db()
        assert submitted.status == status
        response = client_for(dora).post(_url(submitted), _post_data(submitted, text_1="промяна"))
        assert response.status_code == 403
        submitted.refresh_from_db()
        assert submitted.texts["1"] != "промяна"
        if status == Status.SUBMITTED:
            services.approve_report(submitted, actor=erin)


def test_zero_value_checkbox_zeroes_the_points(client_for, dora, draft):
    response = client_for(dora).post(_url(draft), _post_data(draft, zero_value="on"))
    assert response.status_code == 302
    assert set(Answer.objects.filter(report=draft).values_list("points", flat=True)) == {Decimal(0)}


def test_the_summary_fragment_adds_up_the_chosen_levels(client_for, dora, draft):
    url = reverse("reports:summary", args=[draft.pk])
    response = client_for(dora).post(
        url, {"points_1.1": "3", "points_1.2": "1.5", "points_2.1": "6"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="total">10,5</span>' in html
    assert "4,5 / 20" in html and "6 / 65" in html
    draft.refresh_from_db()
    assert draft.lock_version == 1  # nothing saved


def test_the_summary_shows_the_grade_when_complete(client_for, dora, filled):
    response = client_for(dora).get(_url(filled))
    assert '<span class="total">100</span>' in response.content.decode()
    assert "Отлично" in response.content.decode()


def test_summary_endpoint_permissions(client, client_for, boris, draft):
    url = reverse("reports:summary", args=[draft.pk])
    assert client.post(url).status_code == 302
    assert client_for(boris).post(url).status_code == 404


def test_derived_level_is_shown_with_its_basis_and_the_disagreement(client_for, dora, draft, vulnerable_share_data):
    fill(draft, dora)
    html = client_for(dora).get(_url(draft)).content.decode()
    assert "Данните ви подкрепят равнище: 1 т. (12 от 80 курсисти = 15%)" in html
    assert 'data-derived="1"' in html
    reason_box = html.split('id="criterion-1.5-reason"')[0].rsplit('<div class="disagreement', 1)[1]
    assert "hidden" not in reason_box.split(">")[0]


def test_comparison_with_last_year(client_for, dora, draft, submitted):
    this_year = services.open_report(dora.centre, 2025, actor=dora)
    services.save_draft(this_year, actor=dora, lock_version=1, answers={"1.1": {"points": Decimal("1.5")}})
    html = client_for(dora).get(_url(this_year)).content.decode()
    assert "Сравнено с подадения ви доклад за 2024" in html
    assert '<td class="num change-down">-1,5</td>' in html


def test_no_report_last_year_is_said(client_for, dora, draft):
    assert "Няма доклад за миналата година" in client_for(dora).get(_url(draft)).content.decode()
