"""What the review and version pages show: one submitted version, read-only, with its context.

Everything is read from the frozen `Submission` JSON, so an expert sees exactly what was
submitted even while the centre is correcting a returned report. The number of queries
is fixed whatever the number of criteria.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from audit.models import AuditEntry
from frameworks import scoring
from frameworks.derived import derived_levels
from frameworks.models import SectionKind
from reports import diffing, page, snapshots, year_panels
from reports.bulk import bands_of

ZERO = Decimal(0)


def _points(value):
    return None if value in (None, "") else Decimal(str(value))


@dataclass
class VersionView:
    report: object
    submission: object
    submissions: list
    sections: list  # [{"section", "text", "changed"}]
    areas: list  # [{"area", "subtotal", "items": [...]}]
    grade_name: str = ""
    previous: object = None
    changes: list = field(default_factory=list)
    rounds: list = field(default_factory=list)  # the agency's decisions, newest first
    comparison: object = None
    disagreements: list = field(default_factory=list)  # the items whose level differs from the data
    panels: list = field(default_factory=list)  # the year's activity information, surveys, … (year_panels)
    # [reports.snapshots.Group]: evidence and activity information, as each version recorded them
    data_changes: list = field(default_factory=list)


def review_rounds(report):
    """Each return or approval of the report: who, when, the comment and the notes on that version."""
    entries = list(
        AuditEntry.objects.for_object(report).filter(action__in=["return", "approve"]).select_related("actor")
    )
    notes = {}
    for note in report.review_notes.select_related("criterion").order_by("criterion__order", "created_at"):
        notes.setdefault(note.submission_id, []).append(note)
    return entries, notes


def build(report, submission, *, with_comparison=True, with_panels=True):
    framework = report.framework
    submissions = list(report.submissions.select_related("submitted_by").order_by("number"))
    sections = list(framework.sections.all())
    areas = list(framework.areas.all())
    criteria = list(framework.criteria.prefetch_related("levels"))
    # The files as this version listed them (one deleted since is still named, without a link).
    evidence = {}
    for item in snapshots.evidence_at(report, submission):
        evidence.setdefault(item.criterion, []).append(item)
    derived = derived_levels(framework, report.centre, report.year, criteria=criteria)

    previous = next((s for s in submissions if s.number == submission.number - 1), None)
    changes = diffing.diff_submissions(previous, submission, framework) if previous else []
    data_changes = snapshots.compare(previous, submission) if previous else []
    changed = diffing.changed_codes(changes)

    entries, notes_by_submission = review_rounds(report)
    notes_here = {n.criterion_id: n for n in notes_by_submission.get(submission.pk, []) if n.criterion_id}

    points = {c.code: _points((submission.answers.get(c.code) or {}).get("points")) for c in criteria}
    items_by_area = {a.pk: [] for a in areas}
    for criterion in criteria:
        answer = submission.answers.get(criterion.code) or {}
        chosen = points[criterion.code]
        level = next((lv for lv in criterion.levels.all() if lv.points == chosen), None)
        level_derived = derived.get(criterion.code)
        items_by_area[criterion.area_id].append(
            {
                "criterion": criterion,
                "points": chosen,
                "level": level,
                "comment": answer.get("comment", ""),
                "disagreement_reason": answer.get("disagreement_reason", ""),
                "derived": level_derived,
                "disagrees": bool(
                    level_derived
                    and chosen is not None
                    and not submission.zero_value
                    and chosen != level_derived.points
                ),
                "evidence": evidence.get(criterion.code, []),
                "note": notes_here.get(criterion.pk),
                "changed": criterion.code in changed["criteria"],
            }
        )
    structure = {a.code: [c.code for c in criteria if c.area_id == a.pk] for a in areas}
    subtotals = scoring.area_subtotals(structure, points)
    grade_name = next((b.name for b in bands_of(framework) if b.code == submission.grade), "")

    comparison = None
    if with_comparison and any(s.kind == SectionKind.COMPARISON for s in sections):
        parts = page.Parts(report=report, sections=sections, areas=areas, criteria=criteria, answers={})
        comparison = page.comparison(parts, points, submission.zero_value)

    rounds = []
    for entry in entries:
        # A decision applies to the latest version submitted before it; notes were written on that version.
        version = next((s for s in reversed(submissions) if s.submitted_at <= entry.at), None)
        notes = notes_by_submission.get(version.pk, []) if version and entry.action == "return" else []
        rounds.append({"entry": entry, "version": version, "notes": notes})

    disagreeing = [item for group in items_by_area.values() for item in group if item["disagrees"]]
    return VersionView(
        disagreements=sorted(disagreeing, key=lambda item: item["criterion"].order),
        data_changes=data_changes,
        panels=year_panels.panels_for(report.centre, report.year) if with_panels else [],
        report=report,
        submission=submission,
        submissions=submissions,
        sections=[
            {
                "section": s,
                "text": submission.texts.get(s.code, ""),
                "changed": s.code in changed["sections"],
            }
            for s in sections
        ],
        areas=[{"area": a, "subtotal": subtotals[a.code], "items": items_by_area[a.pk]} for a in areas],
        grade_name=grade_name,
        previous=previous,
        changes=changes,
        rounds=rounds,
        comparison=comparison,
    )
