"""Three-way merge of a draft saved on an older version: nothing anybody typed is lost.

The base is the version the form was based on (its lock_version). Every draft save is
audited with the fields it changed and the versions it went from and to (`saved_version`),
so the fields somebody else changed since the base, and their values at the base, are read
back from the audit trail:

- a field only the other person changed keeps their value;
- a field only you changed takes yours;
- a field you both changed (to different values) is a conflict, shown for a decision.

Fields are named by the anchors of the report form ("section-1", "zero_value",
"criterion-1.1", "criterion-1.1-comment", "criterion-1.1-reason").
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from audit.models import AuditEntry

SAVE_ACTIONS = ("save", "edit")


@dataclass(frozen=True)
class Conflict:
    anchor: str  # the form field's HTML id
    label: str
    theirs: str
    yours: str


ANSWER_SUFFIX = {"points": "", "comment": "-comment", "disagreement_reason": "-reason"}


def fmt_points(points):
    return "" if points is None else format(points.normalize(), "f")


def anchor_for(kind, code="", name=""):
    if kind == "text":
        return f"section-{code}"
    if kind == "zero_value":
        return "zero_value"
    return f"criterion-{code}{ANSWER_SUFFIX[name]}"


def changed_since(report, base_version):
    """{anchor: value at the base} for every field saved by anybody after `base_version`.

    None when the trail cannot tell (the version moved without audited saves, e.g. data from
    before saves were audited): then every differing field must be treated as changed by them.
    """
    entries = AuditEntry.objects.for_object(report).filter(action__in=SAVE_ACTIONS).order_by("id")
    changed, covered = {}, False
    for entry in entries.only("changes"):
        versions = (entry.changes or {}).get("saved_version")
        if not versions or versions[0] < base_version:
            continue
        covered = True
        for code, pair in (entry.changes.get("texts") or {}).items():
            changed.setdefault(anchor_for("text", code), pair[0])
        if "zero_value" in entry.changes:
            changed.setdefault("zero_value", entry.changes["zero_value"][0])
        for code, fields in (entry.changes.get("answers") or {}).items():
            for name, pair in fields.items():
                changed.setdefault(anchor_for("answer", code, name), pair[0])
    return changed if covered else None


@dataclass(frozen=True)
class Merge:
    keep_theirs: dict  # anchor -> the saved value, for fields only the other person changed
    conflicts: list  # anchors both changed, to different values


def merge(current, yours, base_values):
    """Decide each of your fields. `current` and `yours` map anchors to comparable values (str/bool)."""
    keep_theirs, conflicts = {}, []
    for anchor, mine in yours.items():
        saved = current.get(anchor)
        if mine == saved:
            continue
        if base_values is None:
            conflicts.append(anchor)
        elif anchor not in base_values:
            continue  # nobody else changed it: yours is saved
        elif mine == base_values[anchor]:
            keep_theirs[anchor] = saved  # you did not touch it: theirs stays
        else:
            conflicts.append(anchor)
    return Merge(keep_theirs, conflicts)


def saved_values(fresh, by_code):
    """Every field of the saved report, by form anchor, in the audit trail's representation."""
    values = {anchor_for("text", code): text for code, text in fresh.texts.items()}
    for section in fresh.framework.sections.all():
        values.setdefault(anchor_for("text", section.code), "")
    values["zero_value"] = fresh.zero_value
    for code, answer in by_code.items():
        values[anchor_for("answer", code, "points")] = fmt_points(answer.points)
        values[anchor_for("answer", code, "comment")] = answer.comment
        values[anchor_for("answer", code, "disagreement_reason")] = answer.disagreement_reason
    return values


def given_values(texts, answers, zero_value):
    values = {anchor_for("text", code): text for code, text in texts.items()}
    if zero_value is not None:
        values["zero_value"] = bool(zero_value)
    for code, answer in answers.items():
        for name in ("points", "comment", "disagreement_reason"):
            value = answer[name]
            values[anchor_for("answer", code, name)] = fmt_points(value) if name == "points" else value
    return values


def keep_theirs(keep, texts, answers, zero_value, by_code):
    """The given values without the fields only the other person changed (theirs stay as saved)."""
    texts = {code: text for code, text in texts.items() if anchor_for("text", code) not in keep}
    if "zero_value" in keep:
        zero_value = None
    merged = {}
    for code, answer in answers.items():
        saved = by_code.get(code)
        merged[code] = dict(answer)
        for name in ("points", "comment", "disagreement_reason"):
            if saved is not None and anchor_for("answer", code, name) in keep:
                merged[code][name] = getattr(saved, name)
    return texts, merged, zero_value


def label_for(anchor, sections, criteria):
    """The person's name for a field: "2. Title", "1.1 Name — comment", "No training in the year"."""
    if anchor == "zero_value":
        return _("No training in the year")
    if anchor.startswith("section-"):
        code = anchor.removeprefix("section-")
        return f"{code}. {sections[code].title}" if code in sections else code
    labels = {"": "", "-comment": f" — {_('comment')}", "-reason": f" — {_('reason')}"}
    code, suffix = anchor.removeprefix("criterion-"), ""
    for ending in ("-comment", "-reason"):
        if code.endswith(ending):
            code, suffix = code.removesuffix(ending), ending
    return f"{code} {criteria[code].name}{labels[suffix]}" if code in criteria else code


def conflicts(fresh, anchors, saved, given, criteria):
    """A Conflict (theirs as saved, yours as typed) for each field both people changed."""
    sections = {s.code: s for s in fresh.framework.sections.all()}
    yes, no = _("yes"), _("no")
    result = []
    for anchor in anchors:
        theirs, yours = saved.get(anchor, ""), given.get(anchor, "")
        if anchor == "zero_value":
            theirs, yours = yes if theirs else no, yes if yours else no
        result.append(Conflict(anchor, label_for(anchor, sections, criteria), theirs, yours))
    return result
