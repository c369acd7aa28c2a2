"""Demo reports for the finished years (the latest one in every state), whose national picture
resembles the published analyses (grades ≈ 8 / 81 / 10 / 1 %, area means ≈ 14 / 50 / 12.8).

Each criterion has a base distribution over its levels (the marginals below). A centre's
latent quality couples its criteria (a Gaussian copula), which spreads the totals into a
realistic grade distribution while every criterion keeps its own published shape
(e.g. 2.10 mostly 0, 2.9 mostly 0.5, 1.7 about 38 % at 0).
"""

import datetime as dt
import math
from decimal import Decimal
from statistics import NormalDist

from centres.models import CentreKind
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Status

# Probabilities over each criterion's levels, lowest level first.
MARGINALS = {
    "1.1": [0.03, 0.17, 0.80],
    "1.2": [0.05, 0.30, 0.65],
    "1.3": [0.10, 0.68, 0.22],
    "1.4": [0.15, 0.45, 0.40],
    "1.5": [0.15, 0.45, 0.40],
    "1.6": [0.12, 0.45, 0.43],
    "1.7": [0.38, 0.12, 0.50],
    "1.8": [0.05, 0.25, 0.70],
    "2.1": [0.05, 0.35, 0.60],
    "2.2": [0.04, 0.30, 0.66],
    "2.3": [0.06, 0.40, 0.54],
    "2.4": [0.05, 0.30, 0.65],
    "2.5": [0.05, 0.40, 0.55],
    "2.6": [0.02, 0.15, 0.83],
    "2.7": [0.08, 0.40, 0.52],
    "2.8": [0.05, 0.25, 0.70],
    "2.9": [0.0013, 0.851, 0.08, 0.0677],
    "2.10": [0.595, 0.209, 0.196],
    "2.11": [0.02, 0.13, 0.85],
    "2.12": [0.02, 0.15, 0.83],
    "3.1": [0.05, 0.25, 0.70],
    "3.2": [0.03, 0.17, 0.80],
}
# Per-year shift of the latent score by area: the published trend (area 2 rose sharply after 2021).
YEAR_SHIFT = {
    2021: {"1": 0.1, "2": -1.0, "3": -0.45},
    2022: {"1": 0.25, "2": -0.12, "3": -0.40},
    2023: {"1": -0.02, "2": -0.05, "3": -0.08},
    2024: {"1": 0.0, "2": 0.0, "3": 0.0},
}
# Each CIPO indicator's share of "yes" (2024 analysis).
CIPO_YES = {
    "1.1": 1.0,
    "1.2": 0.67,
    "1.3": 0.72,
    "1.4": 0.97,
    "1.5": 0.83,
    "2.1": 0.97,
    "2.2": 0.94,
    "2.3": 0.89,
    "2.4": 0.92,
    "3.1": 0.95,
}
RHO = 0.33  # how strongly one centre's criteria move together
PRACTICES = [
    "Участие на преподавателите в национални и браншови семинари и работни срещи.",
    "Вътрешнофирмени обучения за преподавателите с акцент върху дигиталните умения.",
    "Партньорство с работодатели при провеждането на практическото обучение в реална работна среда.",
    "Участие на преподаватели в разработването на национални стандарти за професии.",
    "Системно проучване на удовлетвореността на курсистите и публикуване на резултатите.",
]
_NORMAL = NormalDist()


def _texts(rng, centre, year):
    return {
        "1": f"Целта на самооценяването за {year} г. е да се установи постигнатото качество на обучението "
        f"в {centre.name} и да се набележат мерки за подобрение.",
        "2": "През периода центърът работи в условия на засилено търсене на кратки курсове по част от професията.",
        "5": "Резултатите показват стабилно равнище на качеството с резерви при участието в проекти и валидирането.",
        "6": rng.choice(PRACTICES),
        "7": "Участие в национални и международни програми и проекти; валидиране на професионални знания и умения.",
        "8": "Разработване на проектни предложения и популяризиране на процедурите по валидиране.",
    }


def _pick(levels, probabilities, z):
    u = _NORMAL.cdf(z)
    cumulative = 0.0
    for level, p in zip(levels, probabilities, strict=True):
        cumulative += p
        if u <= cumulative:
            return level
    return levels[-1]


def _submitted_at(rng, year, late):
    if late:
        day = dt.datetime(year + 1, 2, 1, 9, tzinfo=SOFIA) + dt.timedelta(
            days=rng.randint(0, 40), minutes=rng.randint(0, 600)
        )
    else:
        # Most centres file in the last fortnight of January.
        day = dt.datetime(year + 1, 1, 31, 23, 0, tzinfo=SOFIA) - dt.timedelta(
            days=min(30, int(rng.expovariate(1 / 6))), minutes=rng.randint(0, 900)
        )
    return day


def _cpo_points(rng, criteria, quality, year):
    shift = YEAR_SHIFT.get(year, YEAR_SHIFT[max(YEAR_SHIFT)])
    points = {}
    for c in criteria:
        z = RHO * quality + math.sqrt(1 - RHO**2) * rng.gauss(0, 1) + shift[c.area.code]
        points[c.code] = _pick([lv.points for lv in c.levels.all()], MARGINALS[c.code], z)
    return points


def _status_for(rng, year, latest):
    if year < latest:
        return Status.APPROVED
    roll = rng.random()
    return Status.APPROVED if roll < 0.6 else Status.SUBMITTED if roll < 0.95 else Status.RETURNED


def seed(ctx):
    rng = ctx.rng
    cpo, cipo = ctx.data["cpo_centres"], ctx.data["cipo_centres"]
    demo_ids = {c.pk for c in ctx.data["demo_centres"]}
    # About one centre in a hundred is weak across the board (the published "unsatisfactory" tail).
    quality = {c.pk: -4.0 if rng.random() < 0.012 else rng.gauss(0, 1) for c in cpo}
    years = list(ctx.years)
    steps, done = len(years) * 2, 0
    for year in years:
        day = dt.date(year, 12, 31)
        framework = Framework.objects.for_report(CentreKind.CPO, year)
        criteria = list(framework.criteria.select_related("area").prefetch_related("levels"))
        licensed = [c for c in cpo if c.is_licensed_on(day) and c.pk not in demo_ids]
        zero_centre = rng.choice(licensed)
        entries = []
        for centre in licensed:
            roll = rng.random()
            if roll > 0.975:
                continue  # did not submit at all
            late = roll > 0.94
            if centre is zero_centre:
                points = {c.code: Decimal(0) for c in criteria}
            else:
                drift = rng.gauss(0, 0.35)  # a centre's quality moves a little from year to year
                points = _cpo_points(rng, criteria, quality[centre.pk] + drift, year)
            entries.append(
                SubmittedEntry(
                    centre=centre,
                    submitted_at=_submitted_at(rng, year, late),
                    points=points,
                    texts=_texts(rng, centre, year),
                    status=_status_for(rng, year, years[-1]),
                )
            )
        create_submitted_reports(entries, year=year, framework=framework, action="demo")
        done += 1
        ctx.progress("CPO reports", done, steps)
        _seed_cipo(ctx, year, cipo, demo_ids, years[-1])
        done += 1
        ctx.progress("CPO + CIPO reports", done, steps)
    _seed_demo_centres(ctx, years)


def _seed_cipo(ctx, year, cipo, demo_ids, latest):
    rng = ctx.rng
    framework = Framework.objects.for_report(CentreKind.CIPO, year)
    if framework is None:
        return  # the CIPO indicators apply from 2022
    codes = list(framework.criteria.values_list("code", flat=True))
    licensed = [c for c in cipo if c.is_licensed_on(dt.date(year, 12, 31)) and c.pk not in demo_ids]
    entries = [
        SubmittedEntry(
            centre=centre,
            submitted_at=_submitted_at(rng, year, late=False),
            points={code: Decimal(1) if rng.random() < CIPO_YES.get(code, 0.9) else Decimal(0) for code in codes},
            texts=_texts(rng, centre, year),
            status=_status_for(rng, year, latest),
        )
        for centre in licensed
    ]
    create_submitted_reports(entries, year=year, framework=framework, action="demo")


def _seed_demo_centres(ctx, years):
    """The demo users' centres: full history through the services, the latest year in telling states."""
    from reports import demo_states

    demo_states.seed(ctx, years)
