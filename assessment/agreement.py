"""Agreement between two assessors' independent marks.

Categorical scales (not achieved / achieved / exceeded): Cohen's kappa, computed by statsmodels
(statsmodels.stats.inter_rater.cohens_kappa). Numeric scales (0–4, 2–6): the intraclass correlation
ICC(A,1) — two-way random effects, absolute agreement, single rater (McGraw & Wong 1996; Shrout &
Fleiss' ICC(2,1)) — computed by pingouin (pingouin.intraclass_corr). Both are checked against
hand-computed values in the tests.
statsmodels and pingouin are imported on first use: they take a few seconds to load and only the
agency's pages need them.
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
    """ICC(A,1) of [(first assessor's score, second's)] for numeric scales, computed by pingouin."""
    pairs = list(pairs)
    if len(pairs) < 2:
        return Agreement("icc", None, len(pairs))
    import numpy as np

    scores = np.array(pairs, dtype=float)  # one row per graduate and unit, one column per assessor
    n = len(scores)
    if np.ptp(scores) == 0:
        # Every mark the same: no variance to explain, so the coefficient is undefined (0/0).
        return Agreement("icc", None, n)
    import pandas as pd
    import pingouin

    long = pd.DataFrame({"target": np.repeat(np.arange(n), 2), "rater": np.tile([0, 1], n), "score": scores.ravel()})
    # Perfect agreement leaves no error variance: the ICC is 1, but pingouin's confidence bounds
    # divide by it, which numpy reports as a warning on every identical pair of marks.
    with np.errstate(divide="ignore", invalid="ignore"):
        table = pingouin.intraclass_corr(long, targets="target", raters="rater", ratings="score")
    value = table.loc[table["Type"] == "ICC(A,1)", "ICC"].iloc[0]
    if not np.isfinite(value):
        return Agreement("icc", None, n)
    return Agreement("icc", _decimal(value), n)
