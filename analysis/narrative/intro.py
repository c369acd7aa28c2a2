"""Sections I–III of the analysis: legal basis, principles, and how quality is measured."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from analysis.grammar import points_value as pts
from analysis.narrative.blocks import Bullets, Heading, Para
from centres.models import CentreKind
from frameworks.models import Framework


def legal_basis():
    cpo = Framework.objects.filter(kind=CentreKind.CPO).order_by("-first_year").first()
    cipo = Framework.objects.filter(kind=CentreKind.CIPO).order_by("-first_year").first()
    blocks = [
        Heading(_("I. Legal basis for submitting the self-assessment reports of CPO and CIPO")),
        Para(
            _(
                "Licensed vocational training centres (CPO) and licensed information and vocational guidance "
                "centres (CIPO) submit to the National Agency for Vocational Education and Training (NAVET) an "
                "annual self-assessment report on quality by 31 January of the following year through the "
                "agency's information system (Art. 22(8) of the Vocational Education and Training Act)."
            )
        ),
        Para(
            _(
                "Under Art. 42(12) in connection with Art. 22(9) of the Act, NAVET sets the indicators for the "
                "annual information and the criteria and indicators for self-assessment of quality."
            )
        ),
    ]
    approved = [f"{f.name} — {f.legal_basis}" for f in (cpo, cipo) if f is not None and f.legal_basis]
    if approved:
        blocks.append(Bullets(approved))
    return blocks


PRINCIPLES = (
    gettext_noop("Striving for high results of vocational training."),
    gettext_noop("Orientation of training towards the requirements of employers and the needs of the labour market."),
    gettext_noop("Efficiency and effectiveness in the use of resources."),
    gettext_noop("Commitment of all participants in vocational training to quality assurance."),
    gettext_noop("Satisfaction of the participants and other stakeholders in training."),
    gettext_noop("Continuity of policies and achievements, application of good practices."),
    gettext_noop("Transparency, accessibility and social dialogue."),
)


def principles():
    return [
        Heading(_("II. Principles of quality assurance in vocational training")),
        Para(_("The quality of vocational training is assured by observing the following principles:")),
        Bullets([_(p) for p in PRINCIPLES]),
    ]


def framework_changes(figures):
    """Where a criterion changed between framework versions within the years compared."""
    from frameworks.models import Succession

    out = []
    first = figures.cpo_series.years[0] if figures.cpo_series is not None else figures.year - 1
    steps = Succession.objects.filter(next__first_year__gt=first, next__first_year__lte=figures.year).select_related(
        "previous", "next"
    )
    for step in steps.order_by("next__first_year", "next__kind"):
        parts = [_("criterion %(old)s is now %(new)s") % {"old": old, "new": new} for old, new in step.renamed()] + [
            _("criterion %(code)s was dropped") % {"code": code} for code in step.dropped()
        ]
        parts += [_("criterion %(code)s is new") % {"code": code} for code in step.added]
        text = _("From %(year)s the framework %(new)s applies instead of %(old)s") % {
            "year": step.next.first_year,
            "new": step.next.code,
            "old": step.previous.code,
        }
        text += (": " + "; ".join(parts) + ".") if parts else "."
        text += " " + _("Comparisons across the change follow the agency's mapping of criteria.")
        out.append(Para(text))
    return out


def method(figures):
    """The method paragraph: what counts, under which rule, and where each year's figures come from."""
    text = _(
        "Method: the figures count every report submitted at least once, in its last submitted version, "
        "as of the day the analysis is generated."
    )
    late = figures.late.get(CentreKind.CPO, 0)
    if figures.include_late:
        text += " " + _("Reports submitted after the deadline are included in the grade distribution and the means.")
    else:
        text += " " + _(
            "Only reports submitted on time are counted in the grade distribution, the means and the criteria"
        )
        text += (
            ngettext(
                "; %(n)s report submitted after the deadline is left out.",
                "; %(n)s reports submitted after the deadline are left out.",
                late,
            )
            % {"n": late}
            if late
            else "."
        )
    blocks = [Para(text)]
    blocks += framework_changes(figures)
    s = figures.cpo_series
    if s is not None:
        published = [y for y in s.years if s.points.get(y) is not None and s.points[y].source == "record"]
        if published:
            blocks.append(
                Para(
                    _(
                        "The figures for %(years)s are the national figures the agency published for those years; "
                        "the system holds no per-centre reports for them."
                    )
                    % {"years": ", ".join(str(y) for y in published)}
                )
            )
        gaps = [y for y in s.years if s.points.get(y) is None]
        if gaps:
            blocks.append(Para(_("There are no figures for %(years)s.") % {"years": ", ".join(str(y) for y in gaps)}))
    return blocks


def measurement(figures):
    framework = figures.cpo.framework
    blocks = [Heading(_("III. How quality is measured through self-assessment of CPO"))]
    if framework is None:
        return blocks + method(figures)
    blocks.append(
        Para(
            _(
                "The period of self-assessment is one calendar year. The results are documented in an annual "
                "report, which contains:"
            )
        )
    )
    blocks.append(Bullets([s.title for s in framework.sections.all()]))
    areas = list(framework.areas.all())
    blocks.append(
        Para(
            ngettext(
                "Self-assessment is carried out in %(n)s area:",
                "Self-assessment is carried out in %(n)s areas:",
                len(areas),
            )
            % {"n": len(areas)}
        )
    )
    blocks.append(
        Bullets(
            [
                _("%(code)s. %(name)s — up to %(max)s points")
                % {"code": a.code, "name": a.name, "max": pts(a.max_points)}
                for a in areas
            ]
        )
    )
    blocks.append(
        Para(
            _(
                "Each criterion is scored by choosing one of its levels; the final score is the sum of the points "
                "of all criteria, at most %(total)s. The final grade of the quality achieved is:"
            )
            % {"total": pts(framework.total_points)}
        )
    )
    blocks.append(
        Bullets(
            [
                _('"%(name)s" — from %(min)s to %(max)s points')
                % {"name": b.name, "min": pts(b.min_points), "max": pts(b.max_points)}
                for b in framework.grade_bands.all()
            ]
        )
    )
    blocks += method(figures)
    return blocks
