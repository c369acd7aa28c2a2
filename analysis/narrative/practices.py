"""Section VII of the analysis: the good practices the centres describe."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import figures as F
from analysis.narrative.blocks import Bullets, Heading, Para


def section(figures):
    practices = F.good_practices(figures.year, figures.region)
    blocks = [Heading(_("VII. Good practices of the centres according to their reports"))]
    if not practices:
        blocks.append(Para(_("The reports do not describe good practices.")))
        return blocks
    blocks.append(Para(_('The good practices most often described in the section "Achievements and good practices":')))
    blocks.append(
        Bullets(
            [
                text if n == 1 else text + " " + ngettext("(%(n)s report)", "(%(n)s reports)", n) % {"n": n}
                for text, n in practices
            ]
        )
    )
    return blocks
