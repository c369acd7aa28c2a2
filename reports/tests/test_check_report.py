from decimal import Decimal

from reports import services
from reports.checks import Gap, register_check, unregister_check

from .conftest import complete_activity, fill


def test_an_empty_draft_lists_every_text_section_and_criterion(draft):
    anchors = [g.anchor for g in services.check_report(draft)]
    assert anchors[:6] == ["section-1", "section-2", "section-5", "section-6", "section-7", "section-8"]
    assert "criterion-1.1" in anchors and "criterion-3.2" in anchors
    assert len(anchors) == 6 + 22 + 1  # and the activity information, not entered yet


def test_a_zero_value_report_needs_no_levels(draft, dora):
    services.save_draft(draft, actor=dora, lock_version=1, zero_value=True)
    complete_activity(draft.centre)
    assert all(g.anchor.startswith("section-") for g in services.check_report(draft))


def test_a_choice_that_differs_from_the_data_needs_a_reason(draft, dora, vulnerable_share_data):
    fill(draft, dora)  # 1.5 at 2 points; the data supports 1
    gaps = services.check_report(draft)
    assert [g.anchor for g in gaps] == ["criterion-1.5-reason"]
    assert "1" in gaps[0].message
    services.save_draft(
        draft,
        actor=dora,
        lock_version=draft.lock_version,
        answers={"1.5": {"points": Decimal(2), "comment": "", "disagreement_reason": "Данните са непълни."}},
    )
    assert services.check_report(draft) == []


def test_a_choice_matching_the_data_needs_no_reason(draft, dora, vulnerable_share_data):
    fill(draft, dora)
    services.save_draft(draft, actor=dora, lock_version=draft.lock_version, answers={"1.5": {"points": Decimal(1)}})
    assert services.check_report(draft) == []


def test_checks_registered_by_other_apps_add_their_gaps(filled):
    def activity_check(report):
        return [Gap("criterion-1.5", "Данните за дейността не са подадени.")]

    register_check(activity_check)
    try:
        assert services.check_report(filled) == [Gap("criterion-1.5", "Данните за дейността не са подадени.")]
    finally:
        unregister_check(activity_check)
    assert services.check_report(filled) == []
