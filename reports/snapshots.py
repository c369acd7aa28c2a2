"""What a submitted version froze besides its texts and points: its evidence list and the year's data.

`Submission.evidence_files` lists the evidence attached when the version was submitted, and
`Submission.year_data` holds what other apps keep about the centre's year (the activity
information), so the diff between two versions and the document of a version show what was
there at each submission, not what is there now. Versions submitted before these were kept
(and imported ones) have None: "not recorded".

The reports app imports neither activity nor surveys; they register a provider in AppConfig.ready:

    from reports.snapshots import register_snapshot

    register_snapshot("activity", title=…, take=fn(centre, year) -> dict, compare=fn(old, new) -> [Line])
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from formatting.numbers import format_size


@dataclass(frozen=True)
class Line:
    """One difference between two versions, as people read it."""

    what: str  # "Added", "Removed", "Changed", …
    where: str  # a field's label or a row's description
    before: str = "—"
    after: str = "—"
    code: str = ""  # a criterion's code, for a link to it on the review page


@dataclass(frozen=True)
class Provider:
    key: str
    title: object  # a lazy text
    take: object  # fn(centre, year) -> JSON-able dict
    compare: object  # fn(old dict, new dict) -> [Line]


@dataclass
class Group:
    """The differences of one kind of data between two versions (evidence, activity information, …)."""

    key: str
    title: str
    lines: list = field(default_factory=list)
    # The version numbers for which this data was not recorded (submitted before versions kept it).
    not_recorded: list = field(default_factory=list)


_PROVIDERS = {}


def register_snapshot(key, *, title, take, compare):
    """Keep `take(centre, year)` with every submitted version under `key`; `compare` tells two apart."""
    _PROVIDERS[key] = Provider(key, title, take, compare)


def take_year_data(centre, year):
    """{provider key: its snapshot} of the centre's year, stored with a new submission."""
    return {key: provider.take(centre, year) for key, provider in _PROVIDERS.items()}


# ---------------------------------------------------------------- evidence
def evidence_of(report):
    """The report's evidence files now, as a version keeps them (in the report's order of criteria)."""
    rows = report.evidence.order_by("criterion__order", "uploaded_at", "pk").values_list(
        "pk", "criterion__code", "original_name", "size"
    )
    return [{"id": pk, "criterion": code, "name": name, "size": size} for pk, code, name, size in rows]


@dataclass(frozen=True)
class EvidenceItem:
    """An evidence file as a version lists it; `pk` is None once the file itself has been deleted."""

    criterion: str
    original_name: str
    size: int
    pk: int | None = None


def evidence_at(report, submission):
    """[EvidenceItem] of `submission` (the report's current files for a draft or a version that did not
    record its own), each with a `pk` only while its file still exists, so pages link only what is there."""
    recorded = getattr(submission, "evidence_files", None)
    current = evidence_of(report)
    if recorded is None:
        recorded = current
    existing = {item["id"] for item in current}
    return [
        EvidenceItem(item["criterion"], item["name"], item["size"], item["id"] if item["id"] in existing else None)
        for item in recorded
    ]


def _evidence_lines(old, new):
    def described(item):
        return f"{item['name']} ({format_size(item['size'])})"

    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    lines = [
        Line(_("Evidence deleted"), item["criterion"], before=described(item), code=item["criterion"])
        for pk, item in before.items()
        if pk not in after
    ]
    lines += [
        Line(_("Evidence attached"), item["criterion"], after=described(item), code=item["criterion"])
        for pk, item in after.items()
        if pk not in before
    ]
    return lines


# ---------------------------------------------------------------- the diff of two versions
EVIDENCE_TITLE = gettext_lazy("Evidence")


def compare(old, new):
    """[Group] of what changed outside the texts and points from version `old` to version `new`."""
    groups = []
    evidence = Group("evidence", str(EVIDENCE_TITLE))
    for version in (old, new):
        if version.evidence_files is None:
            evidence.not_recorded.append(version.number)
    if not evidence.not_recorded:
        evidence.lines = _evidence_lines(old.evidence_files, new.evidence_files)
    groups.append(evidence)
    for key, provider in _PROVIDERS.items():
        group = Group(key, str(provider.title))
        snapshots = []
        for version in (old, new):
            snapshot = (version.year_data or {}).get(key)
            if snapshot is None:
                group.not_recorded.append(version.number)
            snapshots.append(snapshot)
        if not group.not_recorded:
            group.lines = list(provider.compare(*snapshots))
        groups.append(group)
    return [g for g in groups if g.lines or g.not_recorded]
