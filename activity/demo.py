"""Demo activity information: course rows whose figures support the points the reports chose.

For the demo centres and a few dozen others, each finished year gets courses, validation, material
base and follow-up figures. The shares behind criteria 1.5, 2.8, 2.9 and 3.1 are fitted so that the
derived level equals the points in the centre's report — except in a few deliberately chosen
cases, so that the disagreement warnings can be seen.
"""

import datetime as dt
from decimal import Decimal

from activity.derived import percent
from activity.models import (
    ActivityReport,
    Citizenship,
    Course,
    CourseKind,
    Funding,
    FundingRow,
    MaterialBase,
    Ownership,
    Profession,
    Service,
    ServiceRow,
    Sex,
    TraineeBirthYearRow,
    TraineeCitizenshipRow,
    ValidationRow,
)
from centres.models import Centre, CentreKind
from frameworks.models import Criterion
from frameworks.scoring import level_for_metric

OTHER_CPO = 40
OTHER_CIPO = 6
DISAGREE = 0.04  # share of (centre, year, criterion) whose data deliberately does not match the report
DERIVED = {"1.5": "vulnerable", "2.8": "exam", "2.9": "validation", "3.1": "placement"}
KIND_WEIGHTS = [(CourseKind.DEGREE, 0.55), (CourseKind.PART, 0.25), (CourseKind.LEGAL, 0.1), (CourseKind.OTHER, 0.1)]
FUNDING_WEIGHTS = [(Funding.OWN, 0.45), (Funding.LABOUR_OFFICE, 0.25), (Funding.EU, 0.15), (Funding.EMPLOYER, 0.15)]


def seed(ctx):
    rng = ctx.rng
    cpo = ctx.data.get("cpo_centres") or list(Centre.objects.of_kind(CentreKind.CPO))
    cipo = ctx.data.get("cipo_centres") or list(Centre.objects.of_kind(CentreKind.CIPO))
    demo = ctx.data.get("demo_centres") or []
    demo_ids = {c.pk for c in demo}
    others = [c for c in cpo if c.pk not in demo_ids]
    chosen_cpo = [c for c in demo if c.kind == CentreKind.CPO] + rng.sample(others, min(OTHER_CPO, len(others)))
    cipo_others = [c for c in cipo if c.pk not in demo_ids]
    chosen_cipo = [c for c in demo if c.kind == CentreKind.CIPO] + rng.sample(
        cipo_others, min(OTHER_CIPO, len(cipo_others))
    )
    professions = list(Profession.objects.prefetch_related("specialties"))
    thresholds = _thresholds()
    points = _report_points([c.pk for c in chosen_cpo], ctx.years)

    activities, plans = [], []
    total = len(ctx.years)
    for done, year in enumerate(ctx.years, start=1):
        for centre in chosen_cpo:
            if not centre.is_licensed_on(dt.date(year, 12, 31)):
                continue
            targets = _targets(rng, thresholds, points.get((centre.pk, year), {}))
            activity, plan = _cpo_year(rng, centre, year, professions, targets, thresholds)
            activities.append(activity)
            plans.append(plan)
        for centre in chosen_cipo:
            if centre.is_licensed_on(dt.date(year, 12, 31)):
                activity, plan = _cipo_year(rng, centre, year)
                activities.append(activity)
                plans.append(plan)
        ctx.progress("activity information", done, total)
    ActivityReport.objects.bulk_create(activities)
    rows = {
        model: []
        for model in (
            Course,
            ValidationRow,
            MaterialBase,
            TraineeBirthYearRow,
            TraineeCitizenshipRow,
            ServiceRow,
            FundingRow,
        )
    }
    for activity, plan in zip(activities, plans, strict=True):
        for model, items in plan.items():
            rows[model].extend(model(activity=activity, **item) for item in items)
    for model, items in rows.items():
        model.objects.bulk_create(items, batch_size=1000)
    ctx.data["activity_reports"] = len(activities)


def _thresholds():
    rules = {
        "vulnerable_share": "1.5",
        "state_exam_pass_rate": "2.8",
        "validation_share": "2.9",
        "placement_rate_12m": "3.1",
    }
    result = {}
    for criterion in Criterion.objects.filter(derived_rule__in=rules).order_by("-framework__first_year"):
        result.setdefault(rules[criterion.derived_rule], criterion.derived_thresholds)
    return result


def _report_points(centre_ids, years):
    """{(centre, year): {code: points}} as last submitted, else the draft's answers."""
    from reports.models import Answer, SubmissionScore

    result = {}
    submitted = SubmissionScore.objects.filter(
        submission__report__centre_id__in=centre_ids,
        submission__report__year__in=years,
        criterion__code__in=DERIVED,
    ).values_list(
        "submission__report__centre_id", "submission__report__year", "criterion__code", "points", "submission__number"
    )
    latest = {}
    for centre_id, year, code, value, number in submitted:
        key = (centre_id, year, code)
        if number >= latest.get(key, (0, None))[0]:
            latest[key] = (number, value)
    for (centre_id, year, code), (_number, value) in latest.items():
        result.setdefault((centre_id, year), {})[code] = value
    drafts = Answer.objects.filter(
        report__centre_id__in=centre_ids, report__year__in=years, criterion__code__in=DERIVED, points__isnull=False
    ).values_list("report__centre_id", "report__year", "criterion__code", "points")
    for centre_id, year, code, value in drafts:
        result.setdefault((centre_id, year), {}).setdefault(code, value)
    return result


def _targets(rng, thresholds, chosen):
    """{code: the points the data should support}; now and then deliberately another level."""
    targets = {}
    for code, steps in thresholds.items():
        levels = [Decimal(str(s["points"])) for s in steps]
        target = chosen.get(code)
        if target is None or target not in levels or rng.random() < DISAGREE:
            target = rng.choice([lv for lv in levels if lv != target] or levels)
        targets[code] = target
    return targets


TYPICAL = {"1.5": 9, "2.8": 88, "2.9": 6, "3.1": 62}  # per cent, where real centres usually are


def _fit(rng, whole, steps, target, typical):
    """A count k ≤ whole whose share lands on the target level, as near the typical share as that allows."""
    if whole <= 0:
        return 0
    matching = [k for k in range(whole + 1) if level_for_metric(percent(k, whole), steps) == target]
    if not matching:
        return round(whole * typical / 100)
    aim = whole * (typical + rng.gauss(0, 6)) / 100
    return min(matching, key=lambda k: abs(k - aim))


def _spread(rng, total, caps):
    """Distribute `total` over slots without exceeding each slot's cap."""
    values = [0] * len(caps)
    remaining = min(total, sum(caps))
    order = list(range(len(caps)))
    while remaining:
        rng.shuffle(order)
        for i in order:
            if remaining and values[i] < caps[i]:
                step = min(remaining, caps[i] - values[i], max(1, remaining // len(caps)))
                values[i] += step
                remaining -= step
    return values


def _weighted(rng, pairs):
    roll, acc = rng.random(), 0.0
    for value, weight in pairs:
        acc += weight
        if roll < acc:
            return value
    return pairs[-1][0]


def _cpo_year(rng, centre, year, professions, targets, thresholds):
    courses = []
    for _ in range(rng.randint(2, 6)):
        kind = _weighted(rng, KIND_WEIGHTS)
        profession = rng.choice(professions)
        specialties = list(profession.specialties.all())
        start = dt.date(year, rng.randint(1, 9), rng.randint(1, 28))
        enrolled = rng.randint(8, 30)
        women = rng.randint(0, enrolled)
        dropped = rng.randint(0, 2) if enrolled > 12 else 0
        not_completed = rng.randint(0, 1)
        continuing = rng.choice([0, 0, 0, 2, 3])
        certified = enrolled - dropped - not_completed - continuing
        courses.append(
            {
                "profession": profession,
                "specialty": rng.choice(specialties) if specialties else None,
                "kind": kind,
                "degree": rng.choice([1, 2, 2, 3]) if kind in (CourseKind.DEGREE, CourseKind.PART) else None,
                "region": centre.region,
                "start_date": start,
                "end_date": start + dt.timedelta(days=rng.randint(30, 200)),
                "hours": {CourseKind.DEGREE: 660, CourseKind.PART: 300}.get(kind, rng.choice([40, 60, 120])),
                "price": Decimal(rng.randrange(150, 1500, 10)),
                "funding": _weighted(rng, FUNDING_WEIGHTS),
                "enrolled": enrolled,
                "enrolled_women": women,
                "enrolled_men": enrolled - women,
                "certified": certified,
                "continuing": continuing,
                "not_completed": not_completed,
                "dropped_out": dropped,
                "early_leavers": rng.choice([0, 0, 1, 2]),
                "disadvantaged": rng.randint(0, 3),
            }
        )
    enrolled = [c["enrolled"] for c in courses]
    vulnerable = _spread(rng, _fit(rng, sum(enrolled), thresholds["1.5"], targets["1.5"], TYPICAL["1.5"]), enrolled)
    qualifying = [c for c in courses if c["kind"] in (CourseKind.DEGREE, CourseKind.PART)]
    if not qualifying:  # 2.8 and 2.9 need courses that end in a state examination
        courses[0].update(kind=CourseKind.DEGREE, degree=2, hours=660)
        qualifying = [courses[0]]
    admitted = [c["certified"] for c in qualifying]
    passed = _spread(rng, _fit(rng, sum(admitted), thresholds["2.8"], targets["2.8"], TYPICAL["2.8"]), admitted)
    for course, n_admitted, n_passed in zip(qualifying, admitted, passed, strict=True):
        # Those who did not pass did not get the certificate either.
        course.update(exam_admitted=n_admitted, exam_passed=n_passed, certified=n_passed)
        course["not_completed"] += n_admitted - n_passed
    certified = [c["certified"] for c in qualifying]
    validated = _spread(rng, _fit(rng, sum(certified), thresholds["2.9"], targets["2.9"], TYPICAL["2.9"]), certified)
    for course, n in zip(qualifying, validated, strict=True):
        course["certified_validation"] = n
    for course, n in zip(courses, vulnerable, strict=True):
        course["vulnerable"] = n
        course["vulnerable_certified"] = min(n, course["certified"])
        course["certified_women"] = min(course["enrolled_women"], course["certified"])
        course["certified_men"] = course["certified"] - course["certified_women"]
        if course["certified_men"] > course["enrolled_men"]:
            course["certified_women"], course["certified_men"] = None, None
    followed = max(1, int(sum(c["certified"] for c in courses) * rng.uniform(0.5, 0.9)))
    placed = _fit(rng, followed, thresholds["3.1"], targets["3.1"], TYPICAL["3.1"])
    learning = min(placed, rng.randint(0, 2))
    employed = placed - learning
    trainers = rng.randint(4, 20)
    activity = ActivityReport(
        centre=centre,
        year=year,
        trainers_total=trainers,
        trainers_trained_internal=rng.randint(0, trainers),
        trainers_trained_external=rng.randint(0, trainers // 2),
        trainer_training_hours=rng.randint(8, 120),
        graduates_followed_up=followed,
        graduates_placed_6m=max(0, placed - rng.randint(0, 3)),
        graduates_employed=employed,
        graduates_employed_in_occupation=int(employed * rng.uniform(0.5, 0.95)),
        graduates_in_learning=learning,
        graduates_unknown=rng.randint(0, followed - placed),
    )
    used = {c["profession"].pk: c for c in courses}
    plan = {
        Course: courses,
        ValidationRow: [
            {
                "profession": c["profession"],
                "procedures": c["certified_validation"],
                "persons": c["certified_validation"],
                "documents_issued": c["certified_validation"],
            }
            for c in qualifying
            if c.get("certified_validation")
        ],
        MaterialBase: [
            {
                "profession": c["profession"],
                "specialty": c["specialty"],
                "ownership": rng.choice(list(Ownership)),
                "compliant": rng.random() < 0.9,
            }
            for c in used.values()
        ],
        TraineeBirthYearRow: _by_birth_year(rng, year, courses),
        TraineeCitizenshipRow: _by_citizenship(rng, courses),
    }
    return activity, plan


def _by_birth_year(rng, year, courses):
    """Each course's women and men as one cohort of a year of birth, added up by year, sex and degree."""
    rows = {}
    for course in courses:
        women_share = course["enrolled_women"] / course["enrolled"] if course["enrolled"] else 0
        certified_women = round(course["certified"] * women_share)
        for sex, enrolled, certified in (
            (Sex.FEMALE, course["enrolled_women"], certified_women),
            (Sex.MALE, course["enrolled_men"], course["certified"] - certified_women),
        ):
            if not enrolled:
                continue
            key = (rng.randint(year - 60, year - 18), sex, course["degree"])
            row = rows.setdefault(key, {"enrolled": 0, "certified": 0})
            row["enrolled"] += enrolled
            row["certified"] += min(max(certified, 0), enrolled)
    ordered = sorted(rows.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or 0))
    return [{"birth_year": b, "sex": sex, "degree": degree, **n} for (b, sex, degree), n in ordered]


def _by_citizenship(rng, courses):
    """Nearly all Bulgarian citizens; now and then a few of another EU or a third country."""
    enrolled = sum(c["enrolled"] for c in courses)
    certified = sum(c["certified"] for c in courses)
    foreign = min(rng.choice((0, 0, 0, 1, 2, 3)), enrolled)
    rows = [{"citizenship": Citizenship.BULGARIAN, "enrolled": enrolled - foreign}]
    if foreign:
        rows.append({"citizenship": rng.choice((Citizenship.EU, Citizenship.THIRD)), "enrolled": foreign})
    left = certified
    for row in rows:
        row["certified"] = min(left, row["enrolled"])
        left -= row["certified"]
    return rows


def _cipo_year(rng, centre, year):
    total = rng.randint(40, 400)
    bulgaria = total - rng.randint(0, min(5, total))
    other_eu = rng.randint(0, total - bulgaria)
    learners = rng.randint(0, total)
    registered = rng.randint(0, total)
    employed = rng.randint(0, total - learners) if learners < total else 0
    activity = ActivityReport(
        centre=centre,
        year=year,
        clients_total=total,
        clients_bulgaria=bulgaria,
        clients_other_eu=other_eu,
        clients_third_country=total - bulgaria - other_eu,
        clients_learners=learners,
        clients_non_learners=total - learners,
        clients_employed=employed,
        clients_unemployed=rng.randint(0, total - learners - employed),
        clients_registered=registered,
        clients_not_registered=total - registered,
        clients_average_age=Decimal(rng.randint(160, 420)) / 10,
        referred_self=total // 2,
        referred_labour_office=total // 4,
        referred_school=total - total // 2 - total // 4,
    )
    services = rng.sample(list(Service), rng.randint(3, 7))
    plan = {
        ServiceRow: [
            {"service": s, "clients": rng.randint(5, total), "sessions": rng.randint(5, 2 * total)} for s in services
        ],
        FundingRow: [
            {"source": s, "amount": Decimal(rng.randrange(2000, 60000, 100))}
            for s in rng.sample([Funding.EU, Funding.STATE, Funding.OWN, Funding.OTHER], 2)
        ],
    }
    return activity, plan
