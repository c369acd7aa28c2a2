"""What section VII reports: the good practices (report section "6") of the year's counted reports, grouped.

Texts are grouped as identical or near-identical (analysis.textgroups); each group has its
count and up to `examples` quoted examples. An example names its centre only where the agency
ticked "may be quoted" for that report (QuotablePractice); otherwise it is quoted anonymously.
"""

from dataclasses import dataclass, field

from django.db.models import F

from analysis.jsonkeys import ObjectKeyText
from analysis.models import QuotablePractice
from analysis.textgroups import group_texts
from reports.models import Submission

SECTION = "6"


@dataclass
class Example:
    text: str
    centre: str | None  # None: not to be named


@dataclass
class PracticeGroup:
    label: str
    count: int
    examples: list = field(default_factory=list)


@dataclass
class Practices:
    reports_with_text: int
    groups: list  # [PracticeGroup], the largest first


def texts(year, region=None):
    """[(text, (report id, centre name))] of the counted reports' section 6, in centre order."""
    subs = Submission.objects.filter(report__year=year, report__last_submission_id=F("id"))
    if region:
        subs = subs.filter(report__centre__region=region)
    rows = (
        subs.annotate(practice=ObjectKeyText("texts", SECTION))
        .exclude(practice__isnull=True)
        .exclude(practice="")
        .order_by("report__centre__name")
        .values_list("practice", "report_id", "report__centre__name")
    )
    return [(text, (report_id, name)) for text, report_id, name in rows]


def practices(year, region=None, *, limit=8, examples=3):
    items = texts(year, region)
    quotable = set(
        QuotablePractice.objects.filter(report__year=year, may_quote=True).values_list("report_id", flat=True)
    )
    groups = []
    for group in group_texts(items)[:limit]:
        shown, seen = [], set()
        for text, (report_id, name) in group.members:
            if text.strip() in seen:
                continue
            seen.add(text.strip())
            shown.append(Example(text.strip(), name if report_id in quotable else None))
            if len(shown) == examples:
                break
        groups.append(PracticeGroup(group.label, group.count, shown))
    return Practices(reports_with_text=len(items), groups=groups)
