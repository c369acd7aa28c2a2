"""The survey and EQAVET results of the year (the 2021 monitoring model puts them at the centre)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis import grammar as G
from analysis.narrative.blocks import Bullets, Heading, Para
from analysis.survey_figures import survey_figures
from surveys.thresholds import MIN_ANSWERS, MIN_RESPONSE_RATE

LABELS = {
    "trainees": gettext_lazy("Trainees satisfied with the administrative service"),
    "graduates": gettext_lazy("Graduates satisfied with the quality of their training"),
    "employers": gettext_lazy("Employers satisfied with the graduates' skills and the partnership"),
    "placement_6": gettext_lazy("Graduates in work or further learning 6 months after completion"),
    "placement_12": gettext_lazy("Graduates in work or further learning 12 months after completion (EQAVET 5)"),
}


def section(figures):
    rows = survey_figures(figures.year, figures.region)
    blocks = [Heading(_("Results of the satisfaction and follow-up surveys (EQAVET)"), 2)]
    if not rows:
        blocks.append(Para(_("No survey in the system counts for %(year)s.") % {"year": figures.year}))
        return blocks
    items = []
    for r in rows:
        if r.enough:
            text = _("%(label)s: %(share)s (%(part)s of %(whole)s answers)") % {
                "label": LABELS[r.key],
                "share": G.percent(r.share),
                "part": G.number(r.part),
                "whole": G.number(r.whole),
            }
        else:
            text = _("%(label)s: too few answers to publish (%(n)s)") % {
                "label": LABELS[r.key],
                "n": G.number(r.answers),
            }
        if r.response_rate is not None:
            text += "; " + _("response rate %(rate)s") % {"rate": G.percent(r.response_rate)}
        items.append(text)
    blocks.append(Bullets(items))
    blocks.append(
        Para(
            _(
                "A result is published only with at least %(n)s answers and, where people were invited personally, "
                "a response rate of at least %(rate)s."
            )
            % {"n": MIN_ANSWERS, "rate": G.percent(MIN_RESPONSE_RATE, 0)}
        )
    )
    return blocks
