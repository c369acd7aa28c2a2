"""A centre's history: its reports year by year, with totals, grades, status and a chart of its points.

Area points come from SubmissionScore rows summed in SQL per submitted version, so the
page costs the same few queries for one year or twenty.
"""

import io

from django.db.models import OuterRef, Subquery, Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from centres.access import any_role_required, centres_visible_to, get_visible_or_404
from frameworks.models import GradeBand
from reports.models import SubmissionScore


def centre_history(centre):
    """[{"report", "grade_name", "areas": {area code: points}}] oldest year first, and the areas seen."""
    bands = GradeBand.objects.filter(framework=OuterRef("framework"), code=OuterRef("last_submission__grade"))
    reports = list(
        centre.reports.select_related("framework", "last_submission")
        .annotate(grade_name=Subquery(bands.values("name")[:1]))
        .order_by("year")
    )
    submission_ids = [r.last_submission_id for r in reports if r.last_submission_id]
    sums = (
        SubmissionScore.objects.filter(submission_id__in=submission_ids)
        .values("submission_id", "criterion__area__code", "criterion__area__name", "criterion__area__order")
        .annotate(points=Sum("points"))
        .order_by("criterion__area__order")
    )
    by_submission, areas = {}, {}
    for row in sums:
        code = row["criterion__area__code"]
        by_submission.setdefault(row["submission_id"], {})[code] = row["points"]
        areas.setdefault(code, row["criterion__area__name"])
    rows = [
        {"report": r, "grade_name": r.grade_name or "", "areas": by_submission.get(r.last_submission_id, {})}
        for r in reports
    ]
    for row in rows:
        row["area_values"] = [row["areas"].get(code) for code in areas]
    return rows, areas


def chart_svg(centre, rows, areas):
    """Total and area points of the submitted years, as an SVG line chart; None when nothing was submitted."""
    from matplotlib.figure import Figure

    points = [r for r in rows if r["report"].last_submission_id]
    if not points:
        return None
    scored = any(r["report"].framework.is_scored for r in points)
    years = [r["report"].year for r in points]
    figure = Figure(figsize=(7, 4.4), dpi=100)
    axes = figure.add_subplot()
    if scored:
        totals = [float(r["report"].last_submission.total or 0) for r in points]
        axes.plot(years, totals, marker="o", linewidth=2.5, color="#1f4e79", label=_("Total"))
        for x, y in zip(years, totals, strict=True):
            axes.annotate(f"{y:g}".replace(".", ","), (x, y), textcoords="offset points", xytext=(0, 6), ha="center")
    palette = ["#2a9d8f", "#e9a23b", "#8e5ea2", "#c0392b", "#7f8c8d"]
    for index, (code, name) in enumerate(areas.items()):
        values = [float(r["areas"].get(code) or 0) for r in points]
        label = f"{code}. {name}"
        label = label if len(label) <= 45 else label[:44].rstrip() + "…"
        axes.plot(years, values, marker="s", linewidth=1.5, color=palette[index % len(palette)], label=label)
    axes.set_xticks(years)
    axes.set_xticklabels([str(y) for y in years])
    axes.set_ylabel(_("Points") if scored else _("Indicators met"))
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    # Legend below the plot, so that on a phone the plot keeps the whole width.
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    axes.set_title(centre.name, fontsize=10)
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg")
    return out.getvalue()


def _centre(request, centre_id):
    return get_visible_or_404(centres_visible_to(request.user), request.user, centre_field="pk", pk=centre_id)


@any_role_required
def history_view(request, centre_id):
    centre = _centre(request, centre_id)
    rows, areas = centre_history(centre)
    submitted = [r for r in rows if r["report"].last_submission_id]
    return render(
        request,
        "reports/history.html",
        {
            "centre": centre,
            "rows": list(reversed(rows)),
            "areas": areas,
            "has_chart": bool(submitted),
            "scored": any(r["report"].framework.is_scored for r in rows),
        },
    )


@any_role_required
def chart_view(request, centre_id):
    centre = _centre(request, centre_id)
    rows, areas = centre_history(centre)
    svg = chart_svg(centre, rows, areas)
    if svg is None:
        return HttpResponse(status=204)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    return response
