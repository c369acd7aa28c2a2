"""The profile's small chart: the centre's total of each approved report beside the national mean."""

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis.charts import svg  # noqa: E402 — the same SVG settings as the analysis charts


def totals_svg(snapshot, centre):
    years = sorted(centre.years, key=lambda y: y.year)
    figure = Figure(figsize=(5.2, 2.6), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    points = [(y.year, float(y.total)) for y in years if y.total is not None]
    if not points:
        axes.set_axis_off()
        axes.text(0.5, 0.5, _("No approved report with points"), ha="center", va="center", color="#4a5560")
        return svg(figure)
    national = [
        (y.year, float(n.mean_total))
        for y in years
        if (n := snapshot.national_for(centre.kind, y.year)) is not None and n.mean_total is not None
    ]
    axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", color="#0b4f8a", label=_("This centre"))
    if national:
        axes.plot(
            [p[0] for p in national],
            [p[1] for p in national],
            marker="s",
            linestyle="--",
            color="#4a5560",
            label=_("National mean"),
        )
    axes.set_xticks([y.year for y in years])
    axes.set_ylim(0, 100)
    axes.set_ylabel(_("points"))
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="lower right", frameon=False, fontsize=8)
    return svg(figure)
