"""Section VI of the analysis: the gaps found in the reports, from what the system collects."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import grammar as G
from analysis.gaps import gaps
from analysis.narrative.blocks import Bullets, Heading, Para


def _counted(pairs):
    return [f"{code} {name} — " + G.reports(n) for code, name, n in pairs]


def section(figures):
    g = gaps(figures)
    blocks = [Heading(_("VI. Gaps found in the reports"))]
    items = []
    for kind, label in (("CPO", _("CPO")), ("CIPO", _("CIPO"))):
        if g.not_submitted.get(kind):
            items.append(
                ngettext(
                    "%(n)s licensed %(kind)s did not submit a report.",
                    "%(n)s licensed %(kind)s did not submit a report.",
                    g.not_submitted[kind],
                )
                % {"n": G.number(g.not_submitted[kind]), "kind": label}
            )
        if g.late.get(kind):
            items.append(
                ngettext(
                    "%(n)s %(kind)s report was submitted after the deadline.",
                    "%(n)s %(kind)s reports were submitted after the deadline.",
                    g.late[kind],
                )
                % {"n": G.number(g.late[kind]), "kind": label}
            )
    if g.zero_value:
        items.append(
            ngettext(
                "%(n)s report has zero values in every criterion.",
                "%(n)s reports have zero values in every criterion.",
                g.zero_value,
            )
            % {"n": G.number(g.zero_value)}
        )
    if g.uncorrected:
        items.append(
            ngettext(
                "%(n)s report was returned for correction and is not yet corrected.",
                "%(n)s reports were returned for correction and are not yet corrected.",
                g.uncorrected,
            )
            % {"n": G.number(g.uncorrected)}
        )
    if items:
        blocks.append(Bullets(items))
    else:
        blocks.append(Para(_("No gaps were found: every report was submitted on time and in full.")))
    if g.notes_by_criterion:
        blocks.append(Para(_("The experts' review notes concern most often the criteria:")))
        blocks.append(Bullets(_counted(g.notes_by_criterion[:10])))
    if g.general_notes:
        blocks.append(
            Para(
                ngettext(
                    "%(n)s note concerns a report as a whole.",
                    "%(n)s notes concern a report as a whole.",
                    g.general_notes,
                )
                % {"n": G.number(g.general_notes)}
            )
        )
    if g.common_notes:
        blocks.append(Para(_("The most common review notes:")))
        blocks.append(Bullets([f"„{grp.label}“ — {G.reports(grp.count)}" for grp in g.common_notes]))
    if g.returned:
        blocks.append(
            Para(
                ngettext(
                    "%(n)s report was returned to its centre for correction; the reasons most often given:",
                    "%(n)s reports were returned to their centres for correction; the reasons most often given:",
                    g.returned,
                )
                % {"n": G.number(g.returned)}
            )
        )
        blocks.append(Bullets([f"„{grp.label}“ — {G.reports(grp.count)}" for grp in g.return_comments]))
    if g.disagreements:
        blocks.append(
            Para(_("Criteria where centres chose a level that their own data (activity, surveys) does not support:"))
        )
        blocks.append(Bullets(_counted(g.disagreements[:10])))
    blocks.append(
        Para(
            _(
                "Reports are prepared and submitted entirely in the information system, which does not accept a "
                "report without an assessment of every criterion."
            )
        )
    )
    return blocks
