"""Section VIII of the analysis: conclusions and recommendations, as the expert saved them.

`default_texts()` generates them from the figures as the expert's starting point; the saved
`AnalysisText` wins field by field.
"""

from django.utils.translation import gettext as _

from analysis import grammar as G
from analysis.models import AnalysisText
from analysis.narrative.blocks import Bullets, Heading, Para, lines


def default_texts(figures):
    """Conclusions and recommendations generated from the figures, as the expert's starting point."""
    cpo, cipo = figures.cpo, figures.cipo
    conclusions = []
    if cpo.licensed:
        conclusions.append(
            _("%(pct)s of the licensed CPO met their obligation to submit a self-assessment report on time.")
            % {"pct": G.percent(cpo.submitted_on_time_pct)}
        )
    if cipo.licensed:
        if cipo.submitted_on_time == cipo.licensed:
            conclusions.append(
                _("All %(n)s licensed CIPO submitted their reports on time.") % {"n": G.number(cipo.licensed)}
            )
        else:
            conclusions.append(
                _("%(n)s of %(total)s licensed CIPO submitted their reports on time.")
                % {"n": G.number(cipo.submitted_on_time), "total": G.number(cipo.licensed)}
            )
    if cpo.mean_grade is not None:
        top = max(cpo.levels, key=lambda code: cpo.levels[code]) if cpo.levels else None
        conclusions.append(
            _('The mean level of quality for %(year)s is "%(grade)s" (%(total)s points).')
            % {"year": figures.year, "grade": cpo.mean_grade.name, "total": G.decimal(cpo.mean_total)}
        )
        if top:
            conclusions.append(
                _('Most CPO (%(pct)s) assessed their quality as "%(grade)s".')
                % {"pct": G.percent(cpo.levels_pct[top]), "grade": cpo.grade_names.get(top, top)}
            )
    for c in cpo.lowest(2):
        conclusions.append(
            _('The lowest results are under the criterion "%(name)s" (%(mean)s of %(max)s points on average).')
            % {"name": c.name, "mean": G.decimal(c.mean_points), "max": G.decimal(c.max_points)}
        )
    rec_cpo = [
        _('to improve their results under the criterion "%(name)s";') % {"name": c.name} for c in cpo.lowest(3)
    ] + [
        _("to create conditions for their trainers' further qualification, with a focus on digital skills;"),
        _("to involve employers and social partners in training and examinations."),
    ]
    rec_cipo = [
        _('to improve "%(name)s" (%(pct)s answered "no");') % {"name": i.name, "pct": G.percent(i.no_pct)}
        for i in cipo.most_no(3)
    ] + [_("to focus their efforts on promoting vocational guidance.")]
    return {
        "conclusions": "\n".join(conclusions),
        "recommendations_cpo": "\n".join(rec_cpo),
        "recommendations_cipo": "\n".join(rec_cipo),
    }


def texts_for(figures):
    """The expert's saved texts, falling back field by field to the generated ones."""
    saved = AnalysisText.objects.for_year(figures.year, figures.region or "").first()
    defaults = default_texts(figures)
    if saved is None:
        return defaults
    return {key: getattr(saved, key) or value for key, value in defaults.items()}


def section(figures):
    texts = texts_for(figures)
    return [
        Heading(_("VIII. Conclusions and recommendations")),
        Para(_("1. Conclusions from the analysis of the submitted self-assessment reports:")),
        Bullets(lines(texts["conclusions"])),
        Para(_("2. Recommendations to CPO:")),
        Bullets(lines(texts["recommendations_cpo"])),
        Para(_("3. Recommendations to CIPO:")),
        Bullets(lines(texts["recommendations_cipo"])),
    ]
