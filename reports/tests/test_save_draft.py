from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from reports import services
from reports.models import Answer

from .conftest import fill


def _points(report):
    return dict(Answer.objects.filter(report=report).values_list("criterion__code", "points"))


def test_save_draft_saves_texts_and_answers_and_bumps_the_lock_version(draft, eddie):
    services.save_draft(
        draft,
        actor=eddie,
        lock_version=1,
        texts={"1": "Цел: да подобрим обучението."},
        answers={"2.10": {"points": Decimal("1.5"), "comment": "Един проект по Еразъм+", "disagreement_reason": ""}},
    )
    draft.refresh_from_db()
    assert draft.lock_version == 2
    assert draft.texts == {"1": "Цел: да подобрим обучението."}
    answer = draft.answers.get(criterion__code="2.10")
    assert (answer.points, answer.comment) == (Decimal("1.5"), "Един проект по Еразъм+")
    assert not AuditEntry.objects.filter(action="edit").exists()  # drafts before first submission are not audited


def test_points_must_be_one_of_the_criterions_levels(draft, dora):
    with pytest.raises(ValidationError) as error:
        services.save_draft(draft, actor=dora, lock_version=1, answers={"2.10": {"points": Decimal("2")}})
    assert "criterion-2.10" in error.value.message_dict
    assert _points(draft)["2.10"] is None


def test_a_text_longer_than_its_limit_is_refused(draft, dora):
    with pytest.raises(ValidationError) as error:
        services.save_draft(draft, actor=dora, lock_version=1, texts={"5": "я" * 4001})
    assert "section-5" in error.value.message_dict
    draft.refresh_from_db()
    assert draft.texts == {} and draft.lock_version == 1


def test_crlf_line_breaks_count_as_one_character(draft, dora):
    services.save_draft(draft, actor=dora, lock_version=1, texts={"5": "я\r\n" * 2000})
    draft.refresh_from_db()
    assert len(draft.texts["5"]) == 4000


@pytest.mark.parametrize("who", ["vicky", "boris", "erin", "adam"])
def test_only_the_centres_director_and_editor_save(request, draft, who):
    with pytest.raises(PermissionDenied):
        services.save_draft(draft, actor=request.getfixturevalue(who), lock_version=1, texts={"1": "x"})


def test_a_stale_save_that_changes_a_field_changed_meanwhile_saves_nothing(draft, dora, eddie):
    services.save_draft(draft, actor=eddie, lock_version=1, texts={"1": "Версия на Еди"})
    with pytest.raises(services.StaleReport) as stale:
        services.save_draft(
            draft,
            actor=dora,
            lock_version=1,
            texts={"1": "Версия на Дора", "2": "Среда"},
            answers={"1.1": {"points": Decimal("3")}},
        )
    # Only the field both changed is a conflict; Dora's other fields are kept in her form.
    conflicts = {c.anchor: (c.theirs, c.yours) for c in stale.value.conflicts}
    assert conflicts == {"section-1": ("Версия на Еди", "Версия на Дора")}
    assert stale.value.current_lock_version == 2
    draft.refresh_from_db()
    assert draft.texts == {"1": "Версия на Еди"} and draft.lock_version == 2
    assert _points(draft)["1.1"] is None


def test_zero_value_sets_every_criterion_to_zero_and_leaving_it_clears_them(draft, dora):
    services.save_draft(draft, actor=dora, lock_version=1, zero_value=True)
    assert set(_points(draft).values()) == {Decimal(0)}
    services.save_draft(draft, actor=dora, lock_version=2, zero_value=False)
    assert set(_points(draft).values()) == {None}


def test_a_yes_no_report_cannot_be_zero_value(cleo):
    report = services.open_report(cleo.centre, 2024, actor=cleo)
    with pytest.raises(ValidationError):
        services.save_draft(report, actor=cleo, lock_version=1, zero_value=True)


def test_a_submitted_or_approved_report_refuses_saves(submitted, dora, erin):
    with pytest.raises(services.TransitionNotAllowed):
        services.save_draft(submitted, actor=dora, lock_version=submitted.lock_version, texts={"1": "x"})
    services.approve_report(submitted, actor=erin)
    with pytest.raises(services.TransitionNotAllowed):
        services.save_draft(submitted, actor=dora, lock_version=submitted.lock_version, texts={"1": "x"})


def test_saves_after_a_return_are_audited_with_what_changed(submitted, dora, erin):
    services.return_report(submitted, actor=erin, comment="Допълнете раздел 7.")
    services.save_draft(
        submitted,
        actor=dora,
        lock_version=submitted.lock_version,
        texts={"7": "Допълнено"},
        answers={"2.10": {"points": Decimal("1.5"), "comment": "", "disagreement_reason": ""}},
    )
    entry = AuditEntry.objects.for_object(submitted).get(action="edit")
    assert entry.changes["texts"]["7"][1] == "Допълнено"
    assert entry.changes["answers"]["2.10"]["points"] == ["3", "1.5"]
    assert entry.actor == dora


def test_fill_helper_completes_the_report(draft, dora):
    fill(draft, dora)
    assert services.check_report(draft) == []


def test_a_refused_level_is_named_with_a_decimal_comma(draft, dora):
    with pytest.raises(ValidationError) as refused:
        services.save_draft(
            draft, actor=dora, lock_version=draft.lock_version, answers={"1.1": {"points": Decimal("1.75")}}
        )
    assert "1,75" in str(refused.value) and "1.75" not in str(refused.value)
