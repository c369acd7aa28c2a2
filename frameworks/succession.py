"""Framework succession: close the current version at a last year and load the next, without a code change.

`plan()` checks everything and describes what would change (nothing is saved); `apply()` saves a
clean plan in one transaction: the previous framework gets its last year, the new one is loaded
through `loader.load`, and a `Succession` records which criterion became which so the national
series continue across the change. Reports already made on the old version stay on it.

The mapping file (JSON) is {"criteria": {"<old code>": "<new code>" | "dropped"}, "new": ["<code>", …]};
an old code the file does not mention keeps its code if the new version has it. Every problem is
listed: overlapping years, reports that would fall outside the old version, a mapping from or to an
unknown code, a mapping that drops a criterion the new version still has or that reports after the
last year still use, and an old criterion that is neither kept, mapped nor dropped.
"""

import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from frameworks import loader, validation
from frameworks.models import Criterion, Framework, Succession

DROPPED = "dropped"


@dataclass
class Plan:
    data: dict
    previous: Framework | None
    last_year: int | None  # the year the previous framework closes at
    mapping: dict = field(default_factory=dict)  # old code → new code, or "" when dropped
    added: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # same code in both
    renamed: list = field(default_factory=list)  # [(old code, new code, old name, new name)]
    dropped: list = field(default_factory=list)  # [(old code, old name)]
    changed_names: list = field(default_factory=list)  # [(code, old name, new name)] kept codes with a new name
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def read_mapping(raw):
    """The mapping document from bytes/str (JSON); FrameworkFileError when unreadable."""
    if raw in (None, b"", ""):
        return None
    try:
        doc = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise loader.FrameworkFileError([_("mapping: not a readable JSON file (%(error)s)") % {"error": exc}]) from None
    if (
        not isinstance(doc, dict)
        or not isinstance(doc.get("criteria", {}), dict)
        or not isinstance(doc.get("new", []), list)
    ):
        raise loader.FrameworkFileError([_('mapping: expected {"criteria": {old: new or "dropped"}, "new": [codes]}')])
    return doc


def _new_criteria(data):
    out = {}
    for area in data.get("areas") or []:
        for c in (area or {}).get("criteria") or []:
            if isinstance(c, dict) and isinstance(c.get("code"), str):
                out[c["code"].strip()] = (c.get("name") or "").strip()
    return out


def _previous_for(data):
    kind, first = data.get("kind"), data.get("first_year")
    if not isinstance(first, int):
        return None
    return (
        Framework.objects.filter(kind=kind, first_year__lt=first)
        .exclude(code=data.get("code"))
        .order_by("-first_year")
        .first()
    )


def plan(data, mapping_doc=None, *, last_year=None):
    """Check a succession and describe it; `plan.problems` lists everything wrong (nothing is saved)."""
    from reports.models import Answer, Report

    if not isinstance(data, dict):
        return Plan(data, None, None, problems=[_("the file must hold one JSON object")])
    previous = _previous_for(data)
    first = data.get("first_year")
    result = Plan(data, previous, None)
    problems = result.problems
    if Framework.objects.filter(code=data.get("code")).exists():
        problems.append(
            _("code: framework %(code)s already exists; a new version needs a new code") % {"code": data.get("code")}
        )
    # The previous version is checked here against its new last year, not as the open-ended framework it is now.
    problems += validation.validate(data, replacing=previous.code if previous else None)
    if previous is None:
        if mapping_doc:
            problems.append(_("mapping: there is no earlier framework of this kind to map from"))
        return result
    close = last_year if last_year is not None else (first - 1 if isinstance(first, int) else None)
    result.last_year = close
    if close is not None:
        if close < previous.first_year:
            problems.append(
                _("last year: %(year)s is before %(code)s begins (%(first)s)")
                % {"year": close, "code": previous.code, "first": previous.first_year}
            )
        if previous.last_year is not None and previous.last_year < close:
            problems.append(
                _("last year: %(code)s already ends in %(last)s") % {"code": previous.code, "last": previous.last_year}
            )
        if isinstance(first, int) and close >= first:
            problems.append(
                _("first_year: years %(first)s–%(close)s overlap framework %(code)s, which would end in %(close)s")
                % {"first": first, "close": close, "code": previous.code}
            )
        later = (
            Report.objects.filter(framework=previous, year__gt=close).values_list("year").distinct().order_by("year")
        )
        for (year,) in later:
            problems.append(
                _("last year: reports for %(year)s use %(code)s; close it at %(year)s or later")
                % {"year": year, "code": previous.code}
            )
    _check_mapping(result, mapping_doc or {}, close, Answer)
    return result


def _check_mapping(result, doc, close, Answer):
    previous, problems = result.previous, result.problems
    old = {c.code: c.name for c in Criterion.objects.filter(framework=previous)}
    new = _new_criteria(result.data)
    explicit = doc.get("criteria", {})
    declared_new = doc.get("new", [])
    for old_code, target in explicit.items():
        if old_code not in old:
            problems.append(
                _("mapping: %(code)s is not a criterion of %(framework)s")
                % {"code": old_code, "framework": previous.code}
            )
            continue
        if target == DROPPED:
            if old_code in new:
                problems.append(
                    _("mapping: %(code)s is marked dropped but the new version still has it") % {"code": old_code}
                )
                continue
            in_use = Answer.objects.filter(criterion__framework=previous, criterion__code=old_code)
            if close is not None and in_use.filter(report__year__gt=close).exists():
                problems.append(
                    _("mapping: %(code)s cannot be dropped: reports after %(year)s still use it")
                    % {"code": old_code, "year": close}
                )
                continue
            result.mapping[old_code] = ""
            result.dropped.append((old_code, old[old_code]))
        elif not isinstance(target, str) or target not in new:
            problems.append(
                _("mapping: %(old)s maps to %(new)s, which is not a criterion of the new version")
                % {"old": old_code, "new": target}
            )
        else:
            result.mapping[old_code] = target
            if target != old_code:
                result.renamed.append((old_code, target, old[old_code], new[target]))
    for code in declared_new:
        if code not in new:
            problems.append(_("mapping: new criterion %(code)s is not in the new version") % {"code": code})
    for code, name in old.items():
        if code in result.mapping:
            continue
        if code in new:
            result.mapping[code] = code
            result.kept.append(code)
            if new[code] != name:
                result.changed_names.append((code, name, new[code]))
        else:
            problems.append(
                _('mapping: %(code)s "%(name)s" is not in the new version; map it to a new code or mark it "dropped"')
                % {"code": code, "name": name}
            )
    targets = set(result.mapping.values())
    result.added = [code for code in new if code not in targets]


@transaction.atomic
def apply(succession_plan, *, actor=None):
    """Save a clean plan: close the previous version, load the new one, record the mapping."""
    from audit.services import record

    if not succession_plan.ok:
        raise loader.FrameworkFileError(succession_plan.problems)
    previous = succession_plan.previous
    if previous is not None:
        previous = Framework.objects.select_for_update().get(pk=previous.pk)
        previous.last_year = succession_plan.last_year
        previous.save(update_fields=["last_year", "loaded_at"])
    framework = loader.load(succession_plan.data)
    if previous is not None:
        Succession.objects.create(
            previous=previous,
            next=framework,
            mapping=succession_plan.mapping,
            added=succession_plan.added,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
    if actor is not None:
        record(
            actor=actor,
            action="framework_succession",
            obj=framework,
            changes={"previous": [previous.code if previous else "", framework.code]},
            message=f"{previous.code if previous else '–'} → {framework.code} ({framework.years_label()})",
        )
    return framework


def code_map(year_from_framework, to_framework):
    """{old code: new code} across every succession between two frameworks (chained), dropped codes left out."""
    mapping, current = None, to_framework
    chain = []
    while current is not None and current.pk != year_from_framework.pk:
        step = Succession.objects.filter(next=current).select_related("previous").first()
        if step is None:
            return {}
        chain.append(step)
        current = step.previous
    for step in reversed(chain):
        if mapping is None:
            mapping = {old: new for old, new in step.mapping.items() if new}
        else:
            mapping = {old: step.mapping.get(mid) for old, mid in mapping.items() if step.mapping.get(mid)}
    return mapping or {}


def describe(result):
    """The preview of a succession as lines of text (the command and the upload page say the same)."""
    lines = []
    if result.previous is not None:
        lines.append(
            _("%(code)s closes at %(year)s; its reports stay on it.")
            % {"code": result.previous.code, "year": result.last_year}
        )
    for old, new, _old_name, new_name in result.renamed:
        lines.append(_("%(old)s becomes %(new)s %(name)s") % {"old": old, "new": new, "name": new_name})
    for code, name in result.dropped:
        lines.append(_("%(code)s %(name)s is dropped") % {"code": code, "name": name})
    for code in result.added:
        lines.append(_("%(code)s is new") % {"code": code})
    return lines
