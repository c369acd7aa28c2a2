import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import AuditEntry
from reports import services
from reports.forms import points_value
from reports.models import ReviewNote, Status
from reports.tests.conftest import full_answers


def url(report):
    return reverse("reports:review", args=[report.pk])


def test_anonymous_is_sent_to_login(client, submitted):
    response = client.get(url(submitted))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("who", ["dora", "eddie", "boris"])
def test_centre_users_cannot_open_the_review(client_for, request, submitted, who):
    assert client_for(request.getfixturevalue(who)).get(url(submitted)).status_code == 403


def test_the_expert_sees_the_whole_report_read_only_with_note_fields(client_for, erin, submitted):
    response = client_for(erin).get(url(submitted))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Центърът работи по годишен план за качество." in html
    assert "Отлично" in html and "100 / 100" in html
    for criterion in submitted.framework.criteria.all():
        assert f'id="criterion-{criterion.code}"' in html
        assert f'name="note_{criterion.code.replace(".", "_")}"' in html
    assert 'value="approve"' in html and 'value="return"' in html
    assert 'name="points_' not in html  # nothing of the centre's answers is editable here


def test_the_review_shows_the_derived_level_and_the_centres_reason(
    client_for, erin, dora, draft, vulnerable_share_data
):
    answers = full_answers(draft)
    answers["1.5"]["disagreement_reason"] = "Данните не включват дистанционните курсове."
    services.save_draft(draft, actor=dora, lock_version=draft.lock_version, answers=answers)
    from reports.tests.conftest import fill

    fill(draft, dora)
    services.save_draft(draft, actor=dora, lock_version=draft.lock_version, answers=answers)
    services.submit_report(draft, actor=dora, declared=True)
    html = client_for(erin).get(url(draft)).content.decode()
    assert "12 от 80 курсисти" in html
    assert "Данните не включват дистанционните курсове." in html


def test_a_draft_has_nothing_to_review(client_for, erin, draft):
    response = client_for(erin).get(url(draft))
    assert response.status_code == 302 and response["Location"] == reverse("reports:form", args=[draft.pk])


def test_the_expert_approves_after_a_confirmation_with_a_comment(
    client_for, dora, erin, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    """Seen 6: approval discarded the typed comment, had no confirmation step."""
    client = client_for(erin)
    data = {"action": "approve", "lock_version": submitted.lock_version, "comment": "Отличен доклад."}
    response = client.post(url(submitted), data)
    assert response.status_code == 200  # the confirmation, nothing changed yet
    assert "Отличен доклад." in response.content.decode() and 'name="confirmed"' in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(submitted), {**data, "confirmed": "True"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED and submitted.approval_comment == "Отличен доклад."
    mail = next(m for m in mailoutbox if "одобрен" in m.subject)
    assert "Отличен доклад." in mail.body
    entry = AuditEntry.objects.for_object(submitted).get(action="approve")
    assert entry.message == "Отличен доклад."
    html = client_for(dora).get(reverse("reports:form", args=[submitted.pk])).content.decode()
    assert "Отличен доклад." in html  # shown to the centre


def test_an_agency_admin_reopens_an_approved_report_with_a_reason(client_for, erin, adam, submitted):
    services.approve_report(submitted, actor=erin)
    reopen = reverse("reports:reopen", args=[submitted.pk])
    assert client_for(erin).post(reopen, {"reason": "Грешка."}).status_code == 403
    client = client_for(adam)
    client.post(reopen, {"reason": ""})
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert client.post(reopen, {"reason": "Одобрен по грешка."}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    entry = AuditEntry.objects.for_object(submitted).get(action="reopen")
    assert (entry.actor, entry.message, entry.from_state, entry.to_state) == (
        adam,
        "Одобрен по грешка.",
        "approved",
        "submitted",
    )


def test_experts_take_reports_and_the_admin_assigns_them(client_for, erin, adam, submitted):
    assign = reverse("reports:assign", args=[submitted.pk])
    assert client_for(erin).post(assign, {"take": "1"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.assigned_to == erin
    # An expert cannot hand a report to somebody else; the admin can.
    with pytest.raises(PermissionDenied):
        services.assign_report(submitted, actor=erin, expert=adam)
    client_for(adam).post(assign, {"expert": adam.pk})
    submitted.refresh_from_db()
    assert submitted.assigned_to == adam
    assert AuditEntry.objects.for_object(submitted).filter(action="assign").count() == 2
    assert "Възложен на" in client_for(erin).get(url(submitted)).content.decode()


def test_returning_without_a_comment_is_refused_field_by_field(client_for, erin, submitted):
    response = client_for(erin).post(url(submitted), {"action": "return", "comment": "  ", "note_1_1": "Пазя се."})
    assert response.status_code == 400
    form = response.context["form"]
    assert "comment" in form.errors
    html = response.content.decode()
    assert "Пазя се." in html  # what the expert typed is kept
    assert 'class="form-row field-error"' in html
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and not ReviewNote.objects.exists()


def test_the_expert_returns_with_a_comment_and_notes_and_the_centre_sees_them(
    client_for, erin, dora, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(erin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(submitted),
            {"action": "return", "comment": "Обосновете точките по 2.10.", "note_2_10": "Кои проекти?"},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    assert [(n.criterion.code, n.text) for n in ReviewNote.objects.all()] == [("2.10", "Кои проекти?")]
    mail = next(m for m in mailoutbox if "върнат" in m.subject)
    assert "Обосновете точките по 2.10." in mail.body and "Кои проекти?" in mail.body
    html = client_for(dora).get(reverse("reports:form", args=[submitted.pk])).content.decode()
    assert "Обосновете точките по 2.10." in html and "Кои проекти?" in html


def test_a_report_no_longer_waiting_is_not_changed_by_a_stale_form(client_for, erin, submitted):
    services.approve_report(submitted, actor=erin)
    response = client_for(erin).post(url(submitted), {"action": "return", "comment": "Късно"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED


def _resubmit_with_changes(report, dora, erin):
    services.return_report(report, actor=erin, comment="Допълнете раздел 1.", notes={"1.1": "Повече подробности."})
    report.refresh_from_db()
    answers = full_answers(report)
    first = report.framework.criteria.get(code="1.1")
    lower = [lv.points for lv in first.levels.all() if lv.points != first.max_points][0]
    answers["1.1"]["points"] = lower
    services.save_draft(
        report,
        actor=dora,
        lock_version=report.lock_version,
        texts={"1": "Центърът работи по обновен годишен план за качество."},
        answers=answers,
    )
    services.submit_report(report, actor=dora, declared=True)
    return lower


def test_after_resubmission_the_expert_sees_what_changed(client_for, erin, dora, submitted):
    lower = _resubmit_with_changes(submitted, dora, erin)
    response = client_for(erin).get(url(submitted))
    html = response.content.decode()
    assert "Какво е променено от версия 1 към версия 2" in html
    assert "<ins> обновен</ins>" in html
    changes = response.context["view"].changes
    assert {(c.code, c.field) for c in changes} >= {("1", "text"), ("1.1", "points"), ("", "total")}
    points = next(c for c in changes if c.field == "points")
    assert (points.old, points.new) == (submitted.framework.criteria.get(code="1.1").max_points, lower)
    assert "Повече подробности." in html  # the earlier round's note stays in the record


def test_every_version_stays_viewable(client_for, erin, dora, boris, submitted):
    _resubmit_with_changes(submitted, dora, erin)
    first = reverse("reports:version", args=[submitted.pk, 1])
    for user in (erin, dora):
        response = client_for(user).get(first)
        assert response.status_code == 200
        assert "Центърът работи по годишен план за качество." in response.content.decode()
        assert response.context["view"].submission.number == 1
    assert client_for(boris).get(first).status_code == 404
    assert client_for(erin).get(reverse("reports:version", args=[submitted.pk, 9])).status_code == 404


def test_the_version_page_needs_a_login(client, submitted):
    response = client.get(reverse("reports:version", args=[submitted.pk, 1]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_points_value_round_trip():
    from decimal import Decimal

    assert points_value(Decimal("1.50")) == "1.5"
