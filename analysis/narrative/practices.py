"""Section VII of the analysis: the good practices the centres describe, grouped, with quoted examples."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import grammar as G
from analysis.narrative.blocks import Bullets, Heading, Para
from analysis.practices import practices


def section(figures):
    summary = practices(figures.year, figures.region)
    blocks = [Heading(_("VII. Good practices of the centres according to their reports"))]
    if not summary.groups:
        blocks.append(Para(_("The reports do not describe good practices.")))
        return blocks
    blocks.append(
        Para(
            ngettext(
                "%(n)s report describes achievements and good practices. The practices described most often:",
                "%(n)s reports describe achievements and good practices. The practices described most often:",
                summary.reports_with_text,
            )
            % {"n": G.number(summary.reports_with_text)}
        )
    )
    items = []
    for group in summary.groups:
        item = group.label if group.count == 1 else f"{group.label} ({G.reports(group.count)})"
        items.append(item)
    blocks.append(Bullets(items))
    quoted = [(g, e) for g in summary.groups for e in g.examples if e.text != g.label or e.centre]
    named = [e for g in summary.groups for e in g.examples if e.centre]
    if named:
        blocks.append(Para(_("Examples from the reports:")))
        blocks.append(Bullets([f"„{e.text}“ — {e.centre}" for e in named]))
    elif quoted:
        blocks.append(Para(_("Examples from the reports:")))
        blocks.append(Bullets([f"„{e.text}“" for _g, e in quoted]))
    return blocks
