"""The assessment charts (matplotlib, server-side): the gap per centre and the units most often not achieved."""

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from analysis.charts import png, svg_data_uri  # noqa: F401  (also sets the shared matplotlib style)

OWN, INDEPENDENT = "#9bb7d4", "#1d4e7a"


def _short(text, width=38):
    return text if len(text) <= width else text[: width - 1] + "…"


def gap_chart(centre_rows):
    """The centre's own exam pass rate beside the independent pass rate, per centre and profession."""
    rows = [r for r in centre_rows if r.pass_rate is not None][:20]
    fig = Figure(figsize=(7.0, max(2.4, 0.45 * len(rows) + 1.2)), dpi=100, layout="constrained")
    ax = fig.subplots()
    if not rows:
        ax.set_axis_off()
        ax.text(0.5, 0.5, _("No finished assessments"), ha="center", va="center", color="#666")
        return fig
    labels = [_short(f"{r.centre} — {r.profession.split(' ', 1)[-1]}") for r in rows]
    positions = range(len(rows))
    ax.barh(
        [p + 0.2 for p in positions],
        [float(r.own_rate or 0) for r in rows],
        0.4,
        color=OWN,
        label=_("Centre's own exams"),
    )
    ax.barh(
        [p - 0.2 for p in positions],
        [float(r.pass_rate) for r in rows],
        0.4,
        color=INDEPENDENT,
        label=_("Independent assessment"),
    )
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("Pass rate, %"))
    ax.legend(loc="lower right", fontsize=8)
    return fig


def weakest_chart(weakest):
    fig = Figure(figsize=(7.0, max(2.0, 0.45 * len(weakest) + 1.0)), dpi=100, layout="constrained")
    ax = fig.subplots()
    if not weakest:
        ax.set_axis_off()
        ax.text(0.5, 0.5, _("Every unit was achieved"), ha="center", va="center", color="#666")
        return fig
    shares = [100 * r.not_achieved / r.assessed for r in weakest]
    ax.barh(range(len(weakest)), shares, color="#b3261e")
    ax.set_yticks(range(len(weakest)), [_short(f"{r.code} {r.title}") for r in weakest])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("Graduates who did not achieve the unit, %"))
    return fig
