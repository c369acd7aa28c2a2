"""Per-centre data whose national figures are exactly those of the published 2024 analysis.

Published (CPO): 853 licensed; 798 submitted on time (93.55 %); 1 zero-value report; grades
64 / 645 / 84 / 5 (the zero-value report is one of the 5); mean total 76.86; area means
13.99 / 50.11 / 12.76; criterion 2.10: 475 at 0, 167 at 1.5, 156 at 3; 2.9: 679 at 0.5 and
1 at 0; 1.7: 305 at 0. CIPO: 36 licensed, 36 submitted; "no" answers per indicator below.

The published means are rounded, so we choose exact half-point area sums whose means round
half-up to them (11164 / 798 = 13.98997…, 39988 / 798 = 50.1103…, 10182 / 798 = 12.7594…;
total 61334 / 798 = 76.8596…). Rows are split into grade groups with fixed area subtotals,
a few "good" rows absorb the remainders, and each area subtotal is realised from the
criteria's level points by a small dynamic programme that keeps the levels balanced.
Deterministic: the same call always gives the same rows. Reused by the benchmark and demo.
"""

import csv
import datetime as dt
import io
from decimal import Decimal
from functools import lru_cache

D = Decimal
YEAR = 2024
CPO_LICENSED = 853
CPO_SUBMITTED = 798
CIPO_LICENSED = 36
AREA_SUMS = {"1": D("11164"), "2": D("39988"), "3": D("10182")}
GRADE_COUNTS = {"excellent": 64, "good": 645, "satisfactory": 84, "unsatisfactory": 5}
# Rows per grade group (the zero-value report is separate): (count, area 1, area 2, area 3).
GROUPS = {
    "excellent": (64, D("18"), D("60"), D("15")),
    "satisfactory": (84, D("11"), D("40"), D("9")),
    "unsatisfactory": (4, D("8"), D("26.5"), D("5.5")),
}
# Fixed counts of the criteria the analysis names (besides the zero-value row).
FIXED = {
    "2.10": {D("0"): 474, D("1.5"): 167, D("3"): 156},
    "2.9": {D("0.5"): 679, D("1.5"): 80, D("3"): 38},
    "1.7": {D("0"): 304, D("1.5"): 100, D("3"): 393},
}
CIPO_NO = {"1.1": 0, "1.2": 12, "1.3": 10, "1.4": 1, "1.5": 6, "2.1": 0, "2.2": 2, "2.3": 4, "2.4": 3, "3.1": 2}
SOFIA_ON_TIME = "2025-01-{day:02d}T{hour:02d}:15:00"


def structure_of(framework):
    """[(code, area code, (level points…))] in framework order."""
    return [
        (c.code, c.area.code, tuple(sorted(lv.points for lv in c.levels.all())))
        for c in framework.criteria.select_related("area").prefetch_related("levels")
    ]


@lru_cache(maxsize=4096)
def _realise(options, target):
    """Choose one value per criterion from `options` (a tuple of tuples) summing exactly to `target`.

    Minimises the spread of the chosen values' shares of each criterion's maximum, so a
    subtotal of 80 % comes out as mostly-high levels rather than some max and some min.
    """
    share = target / sum(max(o) for o in options)
    best = {D(0): (D(0), ())}  # reachable sum → (cost, choice)
    for values in options:
        top = max(values)
        step = {}
        for s, (cost, choice) in best.items():
            for v in values:
                n = s + v
                c = cost + abs(v / top - share) if top else cost
                if n <= target and (n not in step or c < step[n][0]):
                    step[n] = (c, (*choice, v))
        best = step
    if target not in best:
        raise ValueError(f"{target} cannot be made from {options}")
    return best[target][1]


def _spread(counts, n):
    """A list of n values with the given counts, interleaved (deterministic) so groups mix."""
    values = [v for v, k in sorted(counts.items()) for _ in range(k)]
    assert len(values) == n, (len(values), n)
    return values


def cpo_rows(structure):
    """The 798 submitted CPO point vectors ({code: Decimal}); the first is the zero-value report."""
    codes = [code for code, _area, _levels in structure]
    area_of = {code: area for code, area, _levels in structure}
    levels = {code: lv for code, _area, lv in structure}
    plans = []  # per non-zero row: [area 1, area 2, area 3]
    for group in ("excellent", "satisfactory", "unsatisfactory"):
        count, a1, a2, a3 = GROUPS[group]
        plans += [[a1, a2, a3] for _ in range(count)]
    n_good = GRADE_COUNTS["good"]
    fixed_sums = [sum((p[i] for p in plans), D(0)) for i in range(3)]
    good_sums = [AREA_SUMS[a] - fixed_sums[i] for i, a in enumerate(("1", "2", "3"))]
    # Area 3 can only be 3, 5, 5.5, 7.5, 9, 11, 11.5 or 15: mix 15 and 11.5, then 11 for the odd half-points.
    rest3 = good_sums[2] - D("11.5") * n_good
    n15 = int(rest3 // D("3.5"))
    n11 = int((D("3.5") * n15 - rest3) / D("0.5")) if (rest3 - D("3.5") * n15) else 0
    if rest3 - D("3.5") * n15:
        n15 += 1
        n11 = int((D("3.5") * n15 - rest3) / D("0.5"))
    good3 = [D(15)] * n15 + [D(11)] * n11 + [D("11.5")] * (n_good - n15 - n11)
    good1 = _even(good_sums[0], n_good)
    good2 = _even(good_sums[1], n_good)
    plans = [[good1[i], good2[i], good3[i]] for i in range(n_good)] + plans
    # Fixed criteria: the best values go to the rows with the highest totals (excellent first).
    order = sorted(range(len(plans)), key=lambda i: -sum(plans[i]))
    fixed = {code: _spread(counts, len(plans)) for code, counts in FIXED.items()}
    rows = [dict.fromkeys(codes, D(0))]
    built = [None] * len(plans)
    for rank, i in enumerate(order):
        chosen = {code: fixed[code][len(plans) - 1 - rank] for code in FIXED}
        row = {}
        for area_index, area in enumerate(("1", "2", "3")):
            area_codes = [c for c in codes if area_of[c] == area]
            options = tuple((chosen[c],) if c in chosen else levels[c] for c in area_codes)
            row.update(zip(area_codes, _realise(options, plans[i][area_index]), strict=True))
        built[i] = row
    rows += built
    return rows


def _even(total, n):
    """n half-point values summing to total, as even as possible."""
    halves = int(total * 2)
    base, extra = divmod(halves, n)
    return [D(base + (1 if i < extra else 0)) / 2 for i in range(n)]


def cipo_rows(codes):
    """36 CIPO answers ({code: "да"/"не"}); the "no" answers of each indicator fall on different centres."""
    rows = [dict.fromkeys(codes, "да") for _ in range(CIPO_LICENSED)]
    for offset, code in enumerate(codes):
        for k in range(CIPO_NO.get(code, 0)):
            rows[(offset * 7 + k) % CIPO_LICENSED][code] = "не"
    return rows


def cpo_licences():
    return [f"2024{n:05d}" for n in range(1, CPO_LICENSED + 1)]


def cipo_licences():
    return [f"3024{n:05d}" for n in range(1, CIPO_LICENSED + 1)]


def create_centres(regions=("Пловдив", "Варна", "София (столица)", "Русе")):
    """853 CPO and 36 CIPO centres licensed before 2024 (bulk-created)."""
    from centres.models import Centre, CentreKind

    centres = [
        Centre(
            kind=CentreKind.CPO,
            licence_number=licence,
            name=f"ЦПО № {n}",
            region=regions[n % len(regions)],
            licensed_on=dt.date(2015, 1, 1),
        )
        for n, licence in enumerate(cpo_licences(), start=1)
    ] + [
        Centre(
            kind=CentreKind.CIPO,
            licence_number=licence,
            name=f"ЦИПО № {n}",
            region=regions[n % len(regions)],
            licensed_on=dt.date(2016, 1, 1),
        )
        for n, licence in enumerate(cipo_licences(), start=1)
    ]
    return Centre.objects.bulk_create(centres)


def _csv(header, lines):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(lines)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _submitted_at(n):
    return SOFIA_ON_TIME.format(day=1 + n % 31, hour=8 + n % 10)


def cpo_csv(framework):
    """The CPO import file: the 798 submitting centres (the other 55 licensed ones did not submit)."""
    structure = structure_of(framework)
    codes = [code for code, _a, _l in structure]
    rows = cpo_rows(structure)
    lines = [
        [licence, _submitted_at(n), *(format(row[c].normalize(), "f").replace(".", ",") for c in codes)]
        for n, (licence, row) in enumerate(zip(cpo_licences(), rows, strict=False))
    ]
    return _csv(["licence_number", "submitted_at", *codes], lines)


def cipo_csv(framework):
    codes = [c.code for c in framework.criteria.all()]
    lines = [
        [licence, _submitted_at(n), *(row[c] for c in codes)]
        for n, (licence, row) in enumerate(zip(cipo_licences(), cipo_rows(codes), strict=True))
    ]
    return _csv(["licence_number", "submitted_at", *codes], lines)


def load(actor=None):
    """Create the centres and import both files; returns (CPO reports, CIPO reports)."""
    from frameworks.models import Framework
    from reports.importing import import_reports

    create_centres()
    cpo = Framework.objects.for_report("CPO", YEAR)
    cipo = Framework.objects.for_report("CIPO", YEAR)
    a = import_reports(cpo_csv(cpo), year=YEAR, kind="CPO", actor=actor, filename="cpo-2024.csv")
    b = import_reports(cipo_csv(cipo), year=YEAR, kind="CIPO", actor=actor, filename="cipo-2024.csv")
    return a.reports, b.reports
