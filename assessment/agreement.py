"""Agreement between two assessors' independent marks, computed with statsmodels.

Categorical scales (not achieved / achieved / exceeded): Cohen's kappa. Numeric scales (0–4, 2–6):
the intraclass correlation ICC(A,1) — two-way random effects, absolute agreement, single rater
(McGraw & Wong 1996; Shrout & Fleiss' ICC(2,1)) — from the mean squares of a two-way ANOVA.
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
    import pandas as pd
    from statsmodels.formula.api import ols
    from statsmodels.stats.anova import anova_lm

    rows = [
        {"subject": subject, "rater": rater, "score": float(score)}
        for subject, pair in enumerate(pairs)
        for rater, score in enumerate(pair)
    ]
    frame = pd.DataFrame(rows)
    if frame["score"].nunique() < 2:
        return Agreement("icc", None, len(pairs))
    table = anova_lm(ols("score ~ C(subject) + C(rater)", data=frame).fit())
    mean_square = table["sum_sq"] / table["df"]
    msr, msc, mse = mean_square["C(subject)"], mean_square["C(rater)"], mean_square["Residual"]
    n, k = len(pairs), 2
    denominator = msr + (k - 1) * mse + k * (msc - mse) / n
    if denominator == 0:
        return Agreement("icc", None, len(pairs))
    return Agreement("icc", _decimal((msr - mse) / denominator), len(pairs))
