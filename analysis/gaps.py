"""What section VI reports: gaps found in the reports of a year, from what the system collects.

Missing, late, zero-value and returned-but-uncorrected reports; the experts' review notes
(counted by criterion, common wordings grouped); the comments given when a report was
returned; and the criteria where a centre kept a level its own data does not support (the
reason it gave is stored with the answer). A handful of GROUP BY queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from analysis.textgroups import group_texts
from reports.models import Answer, Report, ReviewNote, Status


@dataclass
class Gaps:
    not_submitted: dict = field(default_factory=dict)  # {kind: count}
    late: dict = field(default_factory=dict)
    zero_value: int = 0
    uncorrected: int = 0  # returned for correction and not submitted again
    notes_by_criterion: list = field(default_factory=list)  # [(code, name, count)], most first
    general_notes: int = 0  # notes on the report as a whole
    common_notes: list = field(default_factory=list)  # [TextGroup]
    return_comments: list = field(default_factory=list)  # [TextGroup]
    returned: int = 0  # reports with a return comment (returned at least once)
    disagreements: list = field(default_factory=list)  # [(code, name, count)]


def _reports(year, region):
    qs = Report.objects.filter(year=year)
    if region:
        qs = qs.filter(centre__region=region)
    return qs


def _missing(kind_figures, figures, kind):
    # Under the on-time rule the late reports are not in `submitted`, but they were submitted.
    left_out = 0 if figures.include_late else figures.late.get(kind, 0)
    return max(kind_figures.licensed - kind_figures.submitted - left_out, 0)


def gaps(figures, *, groups=5):
    year, region = figures.year, figures.region
    reports = _reports(year, region)
    result = Gaps(
        not_submitted={
            "CPO": max(
                figures.cpo.licensed
                - figures.cpo.submitted
                - (figures.late.get("CPO", 0) if not figures.include_late else 0),
                0,
            ),
            "CIPO": max(figures.cipo.licensed - figures.cipo.submitted, 0),
        },
        late=dict(figures.late),
        zero_value=figures.cpo.zero_reports,
        uncorrected=reports.filter(status=Status.RETURNED).count(),
    )
    notes = ReviewNote.objects.filter(report__in=reports)
    by_criterion = (
        notes.filter(criterion__isnull=False)
        .values_list("criterion__code", "criterion__name")
        .annotate(n=Count("report", distinct=True))
        .order_by("-n", "criterion__code")
    )
    result.notes_by_criterion = list(by_criterion)
    result.general_notes = notes.filter(criterion__isnull=True).count()
    result.common_notes = [g for g in group_texts(notes.values_list("text", "report_id")) if g.count > 1][:groups]
    comments = list(reports.exclude(return_comment="").values_list("return_comment", "id"))
    result.returned = len(comments)
    result.return_comments = group_texts(comments)[:groups]
    # The current answers of counted reports where the centre explained why it differs from its data.
    result.disagreements = list(
        Answer.objects.filter(report__in=reports.filter(last_submission__isnull=False))
        .exclude(disagreement_reason="")
        .values_list("criterion__code", "criterion__name")
        .annotate(n=Count("id"))
        .order_by("-n", "criterion__code")
    )
    return result
