"""The agreement statistics against values computed by hand."""

from decimal import Decimal

from assessment.agreement import cohen_kappa, icc


def test_kappa_of_three_categories():
    # po = 4/6; both assessors used the categories 1, 3 and 2 times: pe = (1 + 9 + 4) / 36; κ = (24 − 14) / (36 − 14)
    first = ["n", "a", "a", "e", "e", "a"]
    second = ["n", "a", "e", "e", "a", "a"]
    result = cohen_kappa(zip(first, second, strict=True), ["n", "a", "e"])
    assert result.value == Decimal("0.455") and result.pairs == 6


def test_kappa_with_different_margins():
    # 10 pairs: (a,a)×4 (a,b)×2 (b,b)×3 (b,a)×1 → po = 0.7; first: a 6, b 4; second: a 5, b 5; pe = 0.5; κ = 0.4
    pairs = [("a", "a")] * 4 + [("a", "b")] * 2 + [("b", "b")] * 3 + [("b", "a")]
    assert cohen_kappa(pairs, ["a", "b"]).value == Decimal("0.400")


def test_perfect_agreement_and_no_variation():
    assert cohen_kappa([("a", "a"), ("b", "b")], ["a", "b"]).value == Decimal("1.000")
    assert cohen_kappa([("a", "a"), ("a", "a")], ["a", "b"]).value is None


def test_icc_absolute_agreement():
    # Subjects' means 1.5, 2, 3.5, 4 (grand mean 2.75): MSR = 8.5/3; raters' means 2.5 and 3: MSC = 0.5;
    # SSE = 9.5 − 8.5 − 0.5 = 0.5 over 3 df. ICC(A,1) = (MSR − MSE) / (MSR + MSE + 2(MSC − MSE)/4) = 16/19
    result = icc([(1, 2), (2, 2), (3, 4), (4, 4)])
    assert result.value == Decimal("0.842") and result.statistic == "icc"


def test_icc_of_identical_marks_is_one():
    assert icc([(2, 2), (3, 3), (4, 4)]).value == Decimal("1.000")
