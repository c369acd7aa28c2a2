"""What changed between two submitted versions of a report, for the expert reviewing a resubmission.

Works on the frozen JSON of `Submission` (texts by section code, answers by criterion
code), so it shows exactly what the centre submitted each time, whatever happened since.
"""

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

SECTION = "section"
CRITERION = "criterion"
REPORT = "report"

ANSWER_FIELDS = ("points", "comment", "disagreement_reason")


@dataclass(frozen=True)
class Change:
    where: str  # SECTION, CRITERION or REPORT
    code: str  # section or criterion code ("" for the report as a whole)
    field: str  # "text", "points", "comment", "disagreement_reason", "zero_value", "total", "grade"
    old: object
    new: object
    label: str = ""
    segments: tuple = field(default=(), compare=False)  # word-level diff of texts: ((op, text), ...)
    # What people read for old and new (reports.labels): "добро", not "good"; "1,5", not "1.5".
    old_label: str = field(default="", compare=False)
    new_label: str = field(default="", compare=False)


def code_key(code):
    """Sort "1.10" after "1.9": codes are dot-separated numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"[.\s]", str(code)))


def _points(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return value


def word_segments(old, new):
    """((op, text), ...) with op "same", "removed" or "added", splitting on words and keeping the spaces."""
    a, b = re.findall(r"\s+|[^\s]+", old or ""), re.findall(r"\s+|[^\s]+", new or "")
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(b[j1:j2])))
    return tuple(segments)


def diff_submissions(old, new, framework=None):
    """Changes from submission `old` to submission `new`, in the order of the report.

    With a framework, changes are labelled with the section titles and criterion names.
    """
    sections, criteria = {}, {}
    if framework is not None:
        sections = {s.code: f"{s.code}. {s.title}" for s in framework.sections.all()}
        criteria = {c.code: f"{c.code} {c.name}" for c in framework.criteria.all()}
    changes = []
    if old.zero_value != new.zero_value:
        changes.append(Change(REPORT, "", "zero_value", old.zero_value, new.zero_value))

    for code in sorted(set(old.texts) | set(new.texts), key=code_key):
        before, after = old.texts.get(code, "") or "", new.texts.get(code, "") or ""
        if before != after:
            changes.append(
                Change(SECTION, code, "text", before, after, sections.get(code, code), word_segments(before, after))
            )

    for code in sorted(set(old.answers) | set(new.answers), key=code_key):
        before, after = old.answers.get(code) or {}, new.answers.get(code) or {}
        label = criteria.get(code, code)
        if _points(before.get("points")) != _points(after.get("points")):
            changes.append(
                Change(CRITERION, code, "points", _points(before.get("points")), _points(after.get("points")), label)
            )
        for name in ANSWER_FIELDS[1:]:
            a, b = before.get(name, "") or "", after.get(name, "") or ""
            if a != b:
                changes.append(Change(CRITERION, code, name, a, b, label, word_segments(a, b)))

    if old.total != new.total:
        changes.append(Change(REPORT, "", "total", old.total, new.total))
    if old.grade != new.grade:
        changes.append(Change(REPORT, "", "grade", old.grade, new.grade))
    return [_labelled(c, framework) for c in changes]


def _labelled(change, framework):
    from dataclasses import replace

    from reports import labels

    kind = {"points": "points", "total": "total", "grade": "grade", "zero_value": "yes_no"}.get(change.field)
    if kind is None:
        return replace(change, old_label=change.old or "—", new_label=change.new or "—")
    grades = None
    if kind == "grade":  # without a framework (a pure diff) the codes stay as they are
        grades = labels.grade_names(framework) if framework is not None else {}
    return replace(
        change,
        old_label=labels.label(kind, change.old, grades=grades),
        new_label=labels.label(kind, change.new, grades=grades),
    )


def changed_codes(changes):
    """{"sections": {codes}, "criteria": {codes}} for marking changed parts on the review page."""
    return {
        "sections": {c.code for c in changes if c.where == SECTION},
        "criteria": {c.code for c in changes if c.where == CRITERION},
    }
