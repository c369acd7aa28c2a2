import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from reports import services
from reports.models import ReviewNote, Status


def test_an_expert_approves_a_submitted_report(submitted, erin):
    services.approve_report(submitted, actor=erin)
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert AuditEntry.objects.for_object(submitted).get(action="approve").actor == erin


def test_an_expert_returns_a_submitted_report_with_a_comment_and_notes(submitted, erin):
    services.return_report(
        submitted, actor=erin, comment="Обосновете 2.10.", notes={"2.10": "Кои проекти?", "": "Общо: добре."}
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED and submitted.is_editable
    assert submitted.return_comment == "Обосновете 2.10."
    notes = {(n.criterion.code if n.criterion else ""): n.text for n in ReviewNote.objects.filter(report=submitted)}
    assert notes == {"2.10": "Кои проекти?", "": "Общо: добре."}
    assert set(ReviewNote.objects.values_list("submission", flat=True)) == {submitted.last_submission_id}
    assert AuditEntry.objects.for_object(submitted).get(action="return").message == "Обосновете 2.10."


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_return_requires_a_comment(submitted, erin, comment):
    with pytest.raises(ValidationError) as error:
        services.return_report(submitted, actor=erin, comment=comment)
    assert "comment" in error.value.message_dict
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


@pytest.mark.parametrize("action", ["approve", "return"])
def test_approve_and_return_only_from_submitted(draft, submitted, erin, action):
    def act(report):
        if action == "approve":
            services.approve_report(report, actor=erin)
        else:
            services.return_report(report, actor=erin, comment="Защо")

    other = services.open_report(draft.centre, 2023, actor=draft.centre.users.get(username="dora"))
    with pytest.raises(services.TransitionNotAllowed):
        act(other)  # a draft
    act(submitted)
    with pytest.raises(services.TransitionNotAllowed):
        act(submitted)  # already approved / returned


@pytest.mark.parametrize("who", ["dora", "eddie", "boris"])
def test_centre_users_cannot_review(request, submitted, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.approve_report(submitted, actor=actor)
    with pytest.raises(PermissionDenied):
        services.return_report(submitted, actor=actor, comment="x")
