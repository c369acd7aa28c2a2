"""The dashboard shows the generated narrative beside its figures: blocks laid out in rows.

Each row pairs a run of text blocks (paragraphs, lists) with the tables and figures that follow
them; a heading starts a new row. The same blocks make the DOCX and PDF, so what the analyst
reads on the page is what the document will say.
"""

from analysis.narrative import Bullets, FigureBlock, Heading, Para, TableBlock


def rows(blocks, charts=None):
    """[{"heading": Heading} | {"text": [item], "visuals": [item]}], item = {"block", "kind", "src"}."""
    charts = charts or {}
    out, current = [], None
    for block in blocks:
        if isinstance(block, Heading):
            out.append({"heading": block})
            current = None
            continue
        is_text = isinstance(block, Para | Bullets)
        if current is None or (is_text and current["visuals"]):
            current = {"text": [], "visuals": []}
            out.append(current)
        item = {
            "block": block,
            "kind": kind(block),
            "src": charts.get(block.chart) if isinstance(block, FigureBlock) else None,
        }
        (current["text"] if is_text else current["visuals"]).append(item)
    return out


def kind(block):
    if isinstance(block, Para):
        return "para"
    if isinstance(block, Bullets):
        return "bullets"
    if isinstance(block, TableBlock):
        return "table"
    if isinstance(block, FigureBlock):
        return "figure"
    return "heading"


def fingerprint(year, region=""):
    """A short key that changes whenever anything the dashboard shows for `year` can change.

    Aggregates of what the figures, the series and the sections read: submissions and reports of the
    compared years (a return or an edit bumps the report's updated_at), review notes, texts, published
    records, counting rules, quotable marks, frameworks and survey responses. Licence dates of centres
    carry no timestamp, so the cached page also expires after BODY_TIMEOUT seconds.
    """
    import hashlib

    from django.db.models import Count, Max

    from analysis.models import AnalysisSetting, AnalysisText, NationalRecord, QuotablePractice
    from analysis.series import WINDOW
    from frameworks.models import Framework, Succession
    from reports.models import Report, ReviewNote, Submission
    from surveys.models import Response

    first = year - WINDOW
    parts = [
        year,
        region,
        Submission.objects.filter(report__year__gte=first, report__year__lte=year).aggregate(
            n=Count("id"), m=Max("id")
        ),
        Report.objects.filter(year__gte=first, year__lte=year).aggregate(n=Count("id"), u=Max("updated_at")),
        ReviewNote.objects.filter(report__year=year).aggregate(n=Count("id"), m=Max("id")),
        AnalysisText.objects.aggregate(u=Max("updated_at")),
        NationalRecord.objects.aggregate(n=Count("id"), u=Max("updated_at")),
        AnalysisSetting.objects.aggregate(n=Count("id"), u=Max("updated_at")),
        QuotablePractice.objects.aggregate(n=Count("id"), u=Max("marked_at")),
        Framework.objects.aggregate(n=Count("id"), u=Max("loaded_at")),
        Succession.objects.aggregate(n=Count("id")),
        Response.objects.filter(campaign__year=year).aggregate(n=Count("id"), m=Max("id")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


BODY_TIMEOUT = 300


def body(year, region=""):
    """The dashboard's body (figures, narrative, charts) in the active language, the same for every agency
    user: from the cache while the data are unchanged (the key is the fingerprint), else built and kept."""
    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.http import urlencode

    from analysis import chart_cache, narrative
    from analysis.overview import analysis_figures

    key = f"analysis-dashboard:{translation.get_language()}:{fingerprint(year, region)}"
    html = cache.get(key)
    if html is None:
        figures = analysis_figures(year, region)
        blocks = narrative.build(figures)
        charts = {b.chart: chart_cache.render(b.chart, figures, "svg") for b in blocks if isinstance(b, FigureBlock)}
        context = {
            "year": year,
            "query": urlencode({"region": region}) if region else "",
            "figures": figures,
            "rows": rows(blocks, charts),
            "differences": [*figures.cpo_series.with_differences(), *figures.cipo_series.with_differences()],
        }
        html = render_to_string("analysis/includes/dashboard_body.html", context)
        cache.set(key, html, BODY_TIMEOUT)
    return html
