"""Section VI of the analysis: the gaps found in the reports."""

from django.utils.translation import gettext as _

from analysis import figures as F
from analysis import grammar as G
from analysis.narrative.blocks import Bullets, Heading, Para
from centres.models import CentreKind
from reports.models import Status


def section(figures):
    cpo = figures.cpo
    statuses = F.status_counts(figures.year, CentreKind.CPO, figures.region)
    blocks = [Heading(_("VI. Gaps found in the reports"))]
    items = []
    not_submitted = cpo.licensed - cpo.submitted
    if not_submitted > 0:
        items.append(_("%(n)s licensed CPO did not submit a report.") % {"n": G.number(not_submitted)})
    if cpo.submitted_late:
        items.append(_("%(n)s reports were submitted after the deadline.") % {"n": cpo.submitted_late})
    if cpo.zero_reports:
        items.append(_("%(n)s reports have zero values in every criterion.") % {"n": cpo.zero_reports})
    returned = statuses.get(Status.RETURNED, 0)
    if returned:
        items.append(_("%(n)s reports were returned for correction and are not yet corrected.") % {"n": returned})
    if items:
        blocks.append(Bullets(items))
    else:
        blocks.append(Para(_("No gaps were found: every report was submitted on time and in full.")))
    blocks.append(
        Para(
            _(
                "Reports are prepared and submitted entirely in the information system, which does not accept a "
                "report without an assessment of every criterion."
            )
        )
    )
    return blocks
