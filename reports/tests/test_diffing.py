from decimal import Decimal
from types import SimpleNamespace

from reports.diffing import changed_codes, code_key, diff_submissions, word_segments


def version(texts=None, answers=None, total=Decimal("90"), grade="good", zero_value=False):
    return SimpleNamespace(texts=texts or {}, answers=answers or {}, total=total, grade=grade, zero_value=zero_value)


def test_identical_versions_have_no_changes():
    a = version({"1": "Текст"}, {"1.1": {"points": "2", "comment": "к"}})
    assert diff_submissions(a, version({"1": "Текст"}, {"1.1": {"points": "2.00", "comment": "к"}})) == []


def test_changes_are_listed_per_section_and_criterion_in_report_order():
    old = version({"1": "А", "2": "Б"}, {"1.10": {"points": "1"}, "1.9": {"points": "2", "comment": ""}})
    new = version(
        {"1": "А", "2": "Б В"},
        {"1.10": {"points": "1.5"}, "1.9": {"points": "2", "comment": "ново"}},
        total=Decimal("90.5"),
    )
    changes = diff_submissions(old, new)
    assert [(c.where, c.code, c.field) for c in changes] == [
        ("section", "2", "text"),
        ("criterion", "1.9", "comment"),
        ("criterion", "1.10", "points"),
        ("report", "", "total"),
    ]
    points = changes[2]
    assert (points.old, points.new) == (Decimal("1"), Decimal("1.5"))
    assert changed_codes(changes) == {"sections": {"2"}, "criteria": {"1.9", "1.10"}}


def test_a_criterion_missing_before_counts_as_a_change_from_nothing():
    [change] = diff_submissions(version(total=None), version(answers={"2.1": {"points": "3"}}, total=None))
    assert (change.code, change.old, change.new) == ("2.1", None, Decimal("3"))


def test_zero_value_and_grade_changes_are_reported():
    changes = diff_submissions(version(), version(zero_value=True, total=Decimal(0), grade="unsatisfactory"))
    assert {c.field for c in changes} == {"zero_value", "total", "grade"}


def test_word_segments_mark_removed_and_added_words():
    assert word_segments("план за 2024", "план за 2025") == (
        ("same", "план за "),
        ("removed", "2024"),
        ("added", "2025"),
    )


def test_codes_sort_numerically():
    assert sorted(["1.10", "1.2", "10", "2"], key=code_key) == ["1.2", "1.10", "2", "10"]
