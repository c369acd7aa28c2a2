"""Section V of the analysis: the results of the CIPO self-assessment reports."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import grammar as G
from analysis.narrative.blocks import Bullets, FigureBlock, Heading, Para, TableBlock
from analysis.narrative.cpo import trend_word


def section(figures, tables, extra=()):
    cipo = figures.cipo
    year = figures.year
    blocks = [
        Heading(_("V. Results of the self-assessment reports of CIPO")),
        Para(
            _(
                "The criteria and indicators for self-assessment of CIPO are answered with yes or no, so the "
                "summary gives the share of positive and negative answers."
            )
        ),
        Para(
            _(
                "The licensed CIPO on 31.12.%(year)s are %(licensed)s; %(submitted)s of them submitted a report "
                "for %(year)s, %(on_time)s on time."
            )
            % {
                "year": year,
                "licensed": G.number(cipo.licensed),
                "submitted": G.number(cipo.submitted),
                "on_time": G.number(cipo.submitted_on_time),
            }
        ),
    ]
    if not cipo.submitted:
        return blocks
    all_yes = cipo.all_yes()
    if all_yes:
        blocks.append(
            Para(
                _("The indicators with %(pct)s positive answers in %(year)s are:")
                % {"pct": G.percent(100, 0), "year": year}
            )
        )
        blocks.append(Bullets([i.name for i in all_yes]))
    most_no = cipo.most_no(3)
    if most_no:
        blocks.append(Para(_("The indicators with the highest share of negative answers are:")))
        blocks.append(Bullets([f"{i.name} — {G.percent(i.no_pct)}" for i in most_no]))
    blocks += list(extra)
    for i in cipo.indicators:
        if i.no and i not in most_no:
            text = ngettext(
                '"%(name)s": %(n)s centre answered "no" (%(pct)s).',
                '"%(name)s": %(n)s centres answered "no" (%(pct)s).',
                i.no,
            ) % {"name": i.name, "n": G.number(i.no), "pct": G.percent(i.no_pct)}
            if i.change is not None:
                text += " " + _(
                    "Positive answers against the previous year: %(trend)s of %(delta)s percentage points."
                ) % {
                    "trend": trend_word(i.change),
                    "delta": G.decimal(abs(i.change)),
                }
            blocks.append(Para(text))
    blocks.append(TableBlock(tables["cipo"]))
    blocks.append(FigureBlock("cipo", _("CIPO: positive answers by indicator, %(year)s") % {"year": year}))
    return blocks
