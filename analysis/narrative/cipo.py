"""Section V of the analysis: the results of the CIPO self-assessment reports."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import grammar as G
from analysis.narrative.blocks import Bullets, FigureBlock, Heading, Para, TableBlock
from analysis.narrative.phrases import by_year, trend_word


def _no_history(figures, code):
    return figures.cipo_series.known(lambda p: p.indicator_no_pct.get(code))


def _years_at_all_yes(figures, code):
    """How many years in a row, up to this one, the indicator had no "no" answer."""
    n = 0
    for _y, v in reversed(figures.cipo_series.values(lambda p: p.indicator_no_pct.get(code))):
        if v is None or v != 0:
            break
        n += 1
    return n


def _with_history(figures, i):
    history = _no_history(figures, i.code)
    text = f"{i.name} — {G.percent(i.no_pct)}"
    if len(history) > 1:
        text += " (" + by_year(history, lambda v: G.percent(v, 0)) + ")"
    return text


def section(figures, tables, series_tables):
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
        for i in all_yes:
            n = _years_at_all_yes(figures, i.code)
            if n > 1:
                blocks.append(
                    Para(
                        ngettext(
                            '"%(name)s" has had only positive answers for %(n)s year in a row.',
                            '"%(name)s" has had only positive answers for %(n)s years in a row.',
                            n,
                        )
                        % {"name": i.name, "n": n}
                    )
                )
    most_no = cipo.most_no(3)
    if most_no:
        blocks.append(Para(_("The indicators with the highest share of negative answers are:")))
        blocks.append(Bullets([_with_history(figures, i) for i in most_no]))
    for i in cipo.indicators:
        if i.no and i not in most_no:
            text = ngettext(
                '"%(name)s": %(n)s centre answered "no" (%(pct)s).',
                '"%(name)s": %(n)s centres answered "no" (%(pct)s).',
                i.no,
            ) % {"name": i.name, "n": G.number(i.no), "pct": G.percent(i.no_pct)}
            prev_year, prev = figures.cipo_series.latest_before(year, lambda p, c=i.code: p.indicator_no_pct.get(c))
            if prev is not None:
                delta = i.no_pct - prev
                text += " " + _('"No" answers against %(prev_year)s: %(trend)s of %(delta)s percentage points.') % {
                    "prev_year": prev_year,
                    "trend": trend_word(delta),
                    "delta": G.decimal(abs(delta)),
                }
            history = _no_history(figures, i.code)
            if len(history) > 1:
                text += " " + _("By year: %(history)s.") % {"history": by_year(history, lambda v: G.percent(v, 0))}
            blocks.append(Para(text))
    blocks.append(TableBlock(tables["cipo"]))
    blocks.append(FigureBlock("cipo", _("CIPO: positive answers by indicator, %(year)s") % {"year": year}))
    blocks.append(TableBlock(series_tables["cipo_years"]))
    blocks.append(FigureBlock("cipo_years", _('CIPO: share of "no" answers by indicator and year')))
    return blocks
