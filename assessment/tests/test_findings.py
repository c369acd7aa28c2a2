"""The gap per centre, the units most often not achieved, the fields, the hooks for control and the public profile."""

from decimal import Decimal

from assessment import findings, services, signals
from assessment.tests.conftest import YEAR


def test_the_gap_per_centre(finished_cooks, centre_a, centre_b):
    rows = {r.centre_id: r for r in findings.centre_results(findings.result_sessions(YEAR), YEAR)}
    a, b = rows[centre_a.pk], rows[centre_b.pk]
    assert (a.assessed, a.passed, a.pass_rate, a.own_rate, a.gap) == (
        6,
        3,
        Decimal("50.0"),
        Decimal("90.0"),
        Decimal("40.0"),
    )
    assert (b.assessed, b.passed, b.pass_rate, b.own_rate, b.gap) == (
        4,
        4,
        Decimal("100.0"),
        Decimal("100.0"),
        Decimal("0.0"),
    )


def test_the_unit_most_often_not_achieved_and_the_means(finished_cooks, centre_a):
    national = findings.unit_results(findings.result_sessions(YEAR), by_centre=False)
    weakest = findings.weakest_units(national)
    assert [(w.code, w.not_achieved, w.assessed) for w in weakest] == [("ЕРУ 1", 3, 10)]
    first = next(u for u in national if u.code == "ЕРУ 1")
    assert first.theory_mean == Decimal("5.00")
    assert first.practice_mean == Decimal("4.10")  # (3 × 2 + 7 × 5) / 10


def test_national_results_by_professional_field(finished_cooks):
    (row,) = findings.field_results(findings.result_sessions(YEAR), YEAR)
    assert row.code == "811" and row.name.startswith("Хотелиерство")
    # the centres' own exams in field 811 (the cooks' courses): (9 + 4) / (10 + 4)
    assert (row.assessed, row.pass_rate, row.own_rate) == (10, Decimal("70.0"), Decimal("92.9"))


def test_the_control_hook_flags_a_large_gap(finished_cooks, centre_a, centre_b):
    gap_a = signals.independent_gap(centre_a, YEAR)
    assert gap_a.large and gap_a.gap == Decimal("40.0")
    assert not signals.independent_gap(centre_b, YEAR).large
    assert signals.independent_gap(centre_a, YEAR - 1) is None


def test_the_public_rate_needs_publication_and_enough_graduates(finished_cooks, erin, centre_a):
    assert signals.independent_pass_rate(centre_a, YEAR) is None  # not yet published
    services.publish_session(erin, session=finished_cooks)
    assert signals.independent_pass_rate(centre_a, YEAR) is None  # 6 graduates: below the threshold of 10
    from assessment.signals import THRESHOLDS

    assert THRESHOLDS["min_assessed"] == 10


def test_the_public_rate_where_the_thresholds_hold(finished_cooks, erin, centre_b, monkeypatch):
    services.publish_session(erin, session=finished_cooks)
    monkeypatch.setattr("surveys.thresholds.MIN_ANSWERS", 4)
    public = signals.independent_pass_rate(centre_b, YEAR)
    assert (public.assessed, public.pass_rate) == (4, Decimal("100.0"))
