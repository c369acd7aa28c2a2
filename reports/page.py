"""What the report page shows, loaded in a fixed number of queries whatever the number of criteria."""

from dataclasses import dataclass, field
from decimal import Decimal

from frameworks import scoring
from frameworks.derived import derived_levels
from reports.bulk import bands_of
from reports.forms import points_value
from reports.models import Report, SubmissionScore

ZERO = Decimal(0)


@dataclass
class Parts:
    """The framework's structure and the report's saved answers, each list loaded once."""

    report: object
    sections: list
    areas: list
    criteria: list
    answers: dict  # criterion pk -> Answer
    evidence: dict = field(default_factory=dict)  # criterion pk -> [Evidence]
    bands: list = field(default_factory=list)


def load_parts(report, *, with_evidence=True):
    framework = report.framework
    criteria = list(framework.criteria.prefetch_related("levels"))
    evidence = {}
    if with_evidence:
        for item in report.evidence.all():
            evidence.setdefault(item.criterion_id, []).append(item)
    return Parts(
        report=report,
        sections=list(framework.sections.all()),
        areas=list(framework.areas.all()),
        criteria=criteria,
        answers={a.criterion_id: a for a in report.answers.all()},
        evidence=evidence,
        bands=bands_of(framework) if framework.is_scored else [],
    )


def saved_points(parts):
    return {
        c.code: (parts.answers[c.pk].points if c.pk in parts.answers else None)
        for c in parts.criteria
        if c.pk in parts.answers
    }


def score_summary(parts, points, zero_value=False):
    """Area subtotals, total and grade (points frameworks) or yes/no counts (yes/no frameworks)."""
    framework = parts.report.framework
    if zero_value:
        points = dict.fromkeys(points, ZERO)
    structure = {a.code: [c.code for c in parts.criteria if c.area_id == a.pk] for a in parts.areas}
    assessed = sum(1 for p in points.values() if p is not None)
    if not framework.is_scored:
        areas = []
        for area in parts.areas:
            values = [points.get(code) for code in structure[area.code]]
            areas.append(
                {
                    "area": area,
                    "yes": sum(1 for v in values if v is not None and v > 0),
                    "no": sum(1 for v in values if v is not None and v == 0),
                    "count": len(values),
                }
            )
        return {"scored": False, "areas": areas, "assessed": assessed, "count": len(parts.criteria)}
    subtotals = scoring.area_subtotals(structure, points)
    total = scoring.total(points)
    complete = assessed == len(parts.criteria)
    band = scoring.grade_for(total, parts.bands) if complete else None
    return {
        "scored": True,
        "areas": [{"area": a, "subtotal": subtotals[a.code], "max": a.max_points} for a in parts.areas],
        "total": total,
        "max_total": framework.total_points,
        "grade": band,
        "complete": complete,
        "assessed": assessed,
        "count": len(parts.criteria),
        "zero_value": zero_value,
    }


def comparison(parts, points, zero_value=False):
    """Last year's submitted points beside this year's, per criterion, per area and in total."""
    report = parts.report
    previous = (
        Report.objects.filter(centre_id=report.centre_id, year=report.year - 1, last_submission__isnull=False)
        .select_related("last_submission")
        .first()
    )
    if previous is None:
        return None
    if zero_value:
        points = dict.fromkeys(points, ZERO)
    before = {
        row["criterion__code"]: row["points"]
        for row in SubmissionScore.objects.filter(submission=previous.last_submission_id).values(
            "criterion__code", "points"
        )
    }

    def row(label, last, now, strong=False):
        change = now - last if last is not None and now is not None else None
        return {"label": label, "last": last, "now": now, "change": change, "strong": strong}

    rows = []
    for area in parts.areas:
        codes = [c for c in parts.criteria if c.area_id == area.pk]
        for criterion in codes:
            rows.append(
                row(f"{criterion.code} {criterion.name}", before.get(criterion.code), points.get(criterion.code))
            )
        last_sum = sum((before[c.code] for c in codes if c.code in before), ZERO) if before else None
        now_sum = sum((points.get(c.code) or ZERO for c in codes), ZERO)
        rows.append(row(f"{area.code}. {area.name}", last_sum, now_sum, strong=True))
    total_now = scoring.total(points)
    # A yes/no framework has no total: its "total" row counts the Yes answers.
    total_before = previous.last_submission.total if report.framework.is_scored else sum(before.values(), ZERO)
    rows.append(row(None, total_before, total_now, strong=True))
    return {"previous": previous, "rows": rows, "scored": report.framework.is_scored}


def criterion_items(parts, form, derived, disagreeing):
    """One entry per criterion for the template: levels with the chosen one, texts, derived level, evidence."""
    items_by_area = {a.pk: [] for a in parts.areas}
    for criterion in parts.criteria:
        chosen = form[f"points_{criterion.code}"].value() if form is not None else None
        answer = parts.answers.get(criterion.pk)
        if form is None and answer is not None and answer.points is not None:
            chosen = points_value(answer.points)
        levels = [
            {"value": points_value(lv.points), "level": lv, "checked": points_value(lv.points) == chosen}
            for lv in criterion.levels.all()
        ]
        items_by_area[criterion.area_id].append(
            {
                "criterion": criterion,
                "levels": levels,
                "answer": answer,
                "points_field": form[f"points_{criterion.code}"] if form is not None else None,
                "comment_field": form[f"comment_{criterion.code}"] if form is not None else None,
                "reason_field": form[f"reason_{criterion.code}"] if form is not None else None,
                "derived": derived.get(criterion.code),
                "disagrees": criterion.code in disagreeing,
                "evidence": parts.evidence.get(criterion.pk, []),
            }
        )
    return [{"area": a, "items": items_by_area[a.pk]} for a in parts.areas]


def disagreeing_codes(points, derived, zero_value):
    if zero_value:
        return set()
    return {code for code, level in derived.items() if points.get(code) is not None and points[code] != level.points}


def derived_for(parts):
    report = parts.report
    return derived_levels(report.framework, report.centre, report.year, criteria=parts.criteria)
