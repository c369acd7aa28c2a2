"""A save based on an older version merges three ways (Seen 2): nothing anybody typed is lost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from reports import services
from reports.tests.test_form_view import _post_data


def _answer(report, code):
    return report.answers.get(criterion__code=code)


def test_theirs_only_a_field_only_the_other_person_changed_keeps_their_value(draft, dora, eddie):
    services.save_draft(draft, actor=eddie, lock_version=1, answers={"1.1": {"points": None, "comment": "От Еди"}})
    # Dora's form was opened at version 1: it still holds the old, empty comment.
    services.save_draft(
        draft, actor=dora, lock_version=1, answers={"1.1": {"points": None, "comment": ""}}, texts={"2": "От Дора"}
    )
    draft.refresh_from_db()
    assert _answer(draft, "1.1").comment == "От Еди"
    assert draft.texts["2"] == "От Дора"
    assert draft.kept_theirs == ["criterion-1.1-comment"]


def test_yours_only_a_field_only_you_changed_takes_yours(draft, dora, eddie):
    services.save_draft(draft, actor=eddie, lock_version=1, texts={"1": "От Еди"})
    services.save_draft(draft, actor=dora, lock_version=1, texts={"1": "", "5": "От Дора"})
    draft.refresh_from_db()
    assert draft.texts == {"1": "От Еди", "5": "От Дора"}


def test_both_a_field_you_both_changed_is_a_conflict_and_nothing_is_saved(draft, dora, eddie):
    services.save_draft(draft, actor=eddie, lock_version=1, answers={"1.1": {"points": Decimal("1.5")}})
    with pytest.raises(services.StaleReport) as stale:
        services.save_draft(
            draft, actor=dora, lock_version=1, answers={"1.1": {"points": Decimal("3")}}, texts={"5": "От Дора"}
        )
    assert [(c.anchor, c.theirs, c.yours) for c in stale.value.conflicts] == [("criterion-1.1", "1.5", "3")]
    draft.refresh_from_db()
    assert _answer(draft, "1.1").points == Decimal("1.5") and "5" not in draft.texts


def test_both_changed_to_the_same_value_is_no_conflict(draft, dora, eddie):
    services.save_draft(draft, actor=eddie, lock_version=1, texts={"1": "Същото"})
    services.save_draft(draft, actor=dora, lock_version=1, texts={"1": "Същото"})
    draft.refresh_from_db()
    assert draft.texts == {"1": "Същото"}


def test_the_conflict_page_save_no_longer_reverts_the_other_persons_comment(client_for, dora, eddie, draft):
    """Seen 2 end to end: the editor changes comment_1.1, the director (older form) changes text_2."""
    old_form = _post_data(draft)
    services.save_draft(draft, actor=eddie, lock_version=1, answers={"1.1": {"points": None, "comment": "Бележка"}})
    response = client_for(dora).post(reverse("reports:form", args=[draft.pk]), {**old_form, "text_2": "Раздел 2"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert _answer(draft, "1.1").comment == "Бележка" and draft.texts["2"] == "Раздел 2"


def test_the_conflict_page_shows_theirs_for_theirs_only_fields_and_lets_you_keep_theirs(client_for, dora, eddie, draft):
    url = reverse("reports:form", args=[draft.pk])
    old_form = _post_data(draft)
    services.save_draft(
        draft, actor=eddie, lock_version=1, texts={"1": "Еди"}, answers={"1.1": {"points": None, "comment": "Бележка"}}
    )
    response = client_for(dora).post(url, {**old_form, "text_1": "Дора"})
    assert response.status_code == 409
    html = response.content.decode()
    assert ">Бележка</textarea>" in html  # the field only Eddie changed shows his value
    assert 'name="resolve-section-1" value="theirs"' in html
    again = {**_post_data(draft), "text_1": "Дора", "comment_1.1": "Бележка", "resolve-section-1": "theirs"}
    assert client_for(dora).post(url, again).status_code == 302
    draft.refresh_from_db()
    assert draft.texts["1"] == "Еди" and _answer(draft, "1.1").comment == "Бележка"


def test_every_draft_save_is_audited_from_the_first_one(draft, dora):
    services.save_draft(draft, actor=dora, lock_version=1, texts={"1": "Първи запис"})
    entry = AuditEntry.objects.for_object(draft).get(action="save")
    assert entry.actor == dora
    assert entry.changes["texts"] == {"1": ["", "Първи запис"]}
    assert entry.changes["saved_version"] == [1, 2]
