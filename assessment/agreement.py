"""Agreement between two assessors' independent marks.

Categorical scales (not achieved / achieved / exceeded): Cohen's kappa, computed by statsmodels
(statsmodels.stats.inter_rater.cohens_kappa). Numeric scales (0–4, 2–6): the intraclass correlation
ICC(A,1) — two-way random effects, absolute agreement, single rater (McGraw & Wong 1996; Shrout &
Fleiss' ICC(2,1)) — from the mean squares of the balanced two-way ANOVA. No light maintained package
offers the ICC (pingouin's pulls in scikit-learn and seaborn; statsmodels' least-squares route needs
an n × n decomposition, seconds on this hardware), so its mean squares are the closed-form sums of
squares, checked against hand-computed values in the tests.
statsmodels is imported on first use: it takes a few seconds to load and only the agency's pages need it.
"""

from dataclasses import dataclass
from decimal import Decimal

PLACES = Decimal("0.001")


@dataclass(frozen=True)
class Agreement:
    statistic: str  # "kappa" or "icc"
    value: Decimal | None  # None when it cannot be computed (too few pairs, no variation)
    pairs: int


def _decimal(value):
    if value is None or value != value:  # NaN
        return None
    return Decimal(str(float(value))).quantize(PLACES)


def cohen_kappa(pairs, categories):
    """Cohen's kappa of [(first assessor's value, second's)] on the given categories (in scale order)."""
    pairs = list(pairs)
    if len(pairs) < 2:
        return Agreement("kappa", None, len(pairs))
    import numpy as np
    from statsmodels.stats.inter_rater import cohens_kappa

    index = {c: i for i, c in enumerate(categories)}
    table = np.zeros((len(categories), len(categories)))
    for first, second in pairs:
        table[index[first], index[second]] += 1
    expected_agreement = (table.sum(axis=1) @ table.sum(axis=0)) / table.sum() ** 2
    if expected_agreement >= 1:  # both assessors used one and the same category throughout
        return Agreement("kappa", None, len(pairs))
    return Agreement("kappa", _decimal(cohens_kappa(table).kappa), len(pairs))


def icc(pairs):
    """ICC(A,1) of [(first assessor's score, second's)] for numeric scales."""
    pairs = list(pairs)
    if len(pairs) < 2:
        return Agreement("icc", None, len(pairs))
    import numpy as np

    scores = np.array(pairs, dtype=float)  # one row per graduate and unit, one column per assessor
    n, k = scores.shape
    if np.ptp(scores) == 0:
        return Agreement("icc", None, n)
    # The balanced two-way ANOVA (graduate × assessor, one mark per cell) in closed form: the sums of
    # squares of the row means, the column means and the rest. (A least-squares fit with one dummy column
    # per graduate gives the same numbers but costs a matrix decomposition of n × n.)
    grand = scores.mean()
    ss_rows = k * ((scores.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((scores.mean(axis=0) - grand) ** 2).sum()
    ss_error = ((scores - grand) ** 2).sum() - ss_rows - ss_cols
    msr, msc, mse = ss_rows / (n - 1), ss_cols / (k - 1), ss_error / ((n - 1) * (k - 1))
    denominator = msr + (k - 1) * mse + k * (msc - mse) / n
    if denominator == 0:
        return Agreement("icc", None, n)
    return Agreement("icc", _decimal((msr - mse) / denominator), n)
