"""The figures of a year's analysis as every page and document uses them.

`national_figures` under the year's counting rule, plus the multi-year series of both centre
kinds and the number of late reports (shown even when the rule leaves them out of the grades).
"""

from django.db.models import Count, F, Q

from analysis import counting, series
from analysis.figure_types import NationalFigures
from analysis.figures import Lookups, cipo_figures, cpo_figures
from analysis.models import AnalysisSetting
from centres.models import CentreKind
from reports.models import Submission


def late_reports(year, region=None):
    """{centre kind: counted reports submitted after the deadline}, in one query."""
    qs = Submission.objects.filter(report__year=year, report__last_submission_id=F("id"))
    if region:
        qs = qs.filter(report__centre__region=region)
    counts = qs.aggregate(
        **{k: Count("id", filter=Q(on_time=False, report__centre__kind=k)) for k in CentreKind.values}
    )
    return counts


def analysis_figures(year, region=None, *, years=series.WINDOW, lookups=None):
    region = region or None
    span = series.window(year, years)
    # One read of the counting rules of the whole window, and one of the frameworks and licence counts.
    rules = dict(AnalysisSetting.objects.filter(year__in=span).values_list("year", "include_late"))
    include_late = rules.get(year, True)
    lookups = lookups or Lookups()
    with counting.counting_rule(include_late):
        # The trend of every year is the series below (reports or published figures), so it is not computed here.
        figures = NationalFigures(
            year=year,
            region=region,
            cpo=cpo_figures(year, region, lookups=lookups),
            cipo=cipo_figures(year, region, lookups=lookups),
            trend=[],
        )
    _continue_across_versions(figures.cpo)
    _continue_across_versions(figures.cipo)
    figures.include_late = include_late
    figures.late = late_reports(year, region)
    kw = {"years": years, "lookups": lookups, "rules": rules}
    figures.cpo_series = series.build(CentreKind.CPO, year, region, current=figures.cpo, **kw)
    figures.cipo_series = series.build(CentreKind.CIPO, year, region, current=figures.cipo, **kw)
    return figures


def _continue_across_versions(kind_figures):
    """Where last year's framework was an earlier version, match its criteria through the succession mapping."""
    from frameworks.succession import code_map

    prev = kind_figures.previous
    if prev is None or prev.framework is None or kind_figures.framework is None:
        return
    if prev.framework.pk == kind_figures.framework.pk:
        return
    mapping = code_map(prev.framework, kind_figures.framework)  # old code → new code
    old_of = {}
    for old, new in mapping.items():
        old_of.setdefault(new, old)
    before = {c.code: c for c in getattr(prev, "criteria", [])}
    for c in getattr(kind_figures, "criteria", []):
        source = before.get(old_of.get(c.code)) if c.code in old_of else None
        c.previous_mean = source.mean_points if source else None
        c.previous_distribution = source.distribution if source else None
    before_ind = {i.code: i for i in getattr(prev, "indicators", [])}
    for i in getattr(kind_figures, "indicators", []):
        source = before_ind.get(old_of.get(i.code)) if i.code in old_of else None
        i.previous_yes_pct = source.yes_pct if source else None
