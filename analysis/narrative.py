"""The annual analysis as a sequence of blocks (headings, paragraphs, lists, tables, figures).

`document.py` renders the same blocks to DOCX and to PDF. Sentences are generated from
the figures: comparisons with the previous year, the criteria with the highest and lowest
results, counts written as the agency writes them. The conclusions and recommendations
come from the expert-edited `AnalysisText`, or from `default_texts()` until edited.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from analysis import figures as F
from analysis import tables as T
from analysis.models import AnalysisText
from analysis.numbers import count_words
from centres.models import CentreKind
from frameworks.models import Framework
from reports.models import Status


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str


@dataclass
class Bullets:
    items: list = field(default_factory=list)


@dataclass
class TableBlock:
    table: object  # tables.Table


@dataclass
class FigureBlock:
    chart: str  # a key of charts.CHARTS
    caption: str


def n2(value):
    return T.display(value)


def pts(value):
    """Points as the framework writes them: 20, 1,5 — no trailing zeros."""
    value = value.normalize()
    return T.display(value, max(0, -value.as_tuple().exponent))


def _trend_word(delta):
    if delta is None:
        return None
    if delta > 0:
        return _("a rise")
    if delta < 0:
        return _("a fall")
    return _("no change")


def _lines(text):
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def default_texts(figures):
    """Conclusions and recommendations generated from the figures, as the expert's starting point."""
    cpo, cipo = figures.cpo, figures.cipo
    conclusions = []
    if cpo.licensed:
        conclusions.append(
            _("%(pct)s %% of the licensed CPO met their obligation to submit a self-assessment report on time.")
            % {"pct": n2(cpo.submitted_on_time_pct)}
        )
    if cipo.licensed:
        if cipo.submitted_on_time == cipo.licensed:
            conclusions.append(_("All %(n)s licensed CIPO submitted their reports on time.") % {"n": cipo.licensed})
        else:
            conclusions.append(
                _("%(n)s of %(total)s licensed CIPO submitted their reports on time.")
                % {"n": cipo.submitted_on_time, "total": cipo.licensed}
            )
    if cpo.mean_grade is not None:
        top = max(cpo.levels, key=lambda code: cpo.levels[code]) if cpo.levels else None
        conclusions.append(
            _('The mean level of quality for %(year)s is "%(grade)s" (%(total)s points).')
            % {"year": figures.year, "grade": cpo.mean_grade.name, "total": n2(cpo.mean_total)}
        )
        if top:
            conclusions.append(
                _('Most CPO (%(pct)s %%) assessed their quality as "%(grade)s".')
                % {"pct": n2(cpo.levels_pct[top]), "grade": cpo.grade_names.get(top, top)}
            )
    for c in cpo.lowest(2):
        conclusions.append(
            _('The lowest results are under the criterion "%(name)s" (%(mean)s of %(max)s points on average).')
            % {"name": c.name, "mean": n2(c.mean_points), "max": n2(c.max_points)}
        )
    rec_cpo = [
        _('to improve their results under the criterion "%(name)s";') % {"name": c.name} for c in cpo.lowest(3)
    ] + [
        _("to create conditions for their trainers' further qualification, with a focus on digital skills;"),
        _("to involve employers and social partners in training and examinations."),
    ]
    rec_cipo = [
        _('to improve "%(name)s" (%(pct)s %% answered "no");') % {"name": i.name, "pct": n2(i.no_pct)}
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


def _legal_basis():
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


def _principles():
    return [
        Heading(_("II. Principles of quality assurance in vocational training")),
        Para(_("The quality of vocational training is assured by observing the following principles:")),
        Bullets([_(p) for p in PRINCIPLES]),
    ]


def _measurement(cpo):
    framework = cpo.framework
    blocks = [Heading(_("III. How quality is measured through self-assessment of CPO"))]
    if framework is None:
        return blocks
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
    return blocks


def _cpo_results(figures, tables):
    cpo = figures.cpo
    year = figures.year
    prev = cpo.previous
    blocks = [
        Heading(_("IV. Results of self-assessment in %(year)s from the reports of CPO") % {"year": year}),
        Heading(_("1. General statistics on licensed CPO"), 2),
        TableBlock(tables["centres"]),
    ]
    if not cpo.submitted:
        blocks.append(Para(_("No CPO report for %(year)s has been submitted yet.") % {"year": year}))
        return blocks
    sentence = _("%(words)s licensed CPO (%(pct)s %%) submitted an annual self-assessment report on time.") % {
        "words": count_words(cpo.submitted_on_time),
        "pct": n2(cpo.submitted_on_time_pct),
    }
    delta = cpo.change("submitted_on_time_pct")
    if delta is not None:
        sentence += " " + _(
            "Compared with the previous year there is %(trend)s of %(delta)s percentage points (%(prev)s %%)."
        ) % {"trend": _trend_word(delta), "delta": n2(abs(delta)), "prev": n2(prev.submitted_on_time_pct)}
    if cpo.submitted_late:
        sentence += " " + ngettext(
            "%(n)s report was submitted after the deadline.",
            "%(n)s reports were submitted after the deadline.",
            cpo.submitted_late,
        ) % {"n": cpo.submitted_late}
    blocks.append(Para(sentence))

    blocks.append(Heading(_("2. Summary of the self-assessment reports of CPO"), 2))
    names = cpo.grade_names
    parts = [
        _('%(n)s with "%(grade)s" (%(pct)s %%)')
        % {"n": n, "grade": names.get(code, code), "pct": n2(cpo.levels_pct[code])}
        for code, n in cpo.levels.items()
    ]
    blocks.append(Para(_("By grade of the quality achieved, the CPO are: %(parts)s.") % {"parts": "; ".join(parts)}))
    if prev is not None and "unsatisfactory" in cpo.levels:
        blocks.append(
            Para(
                _('The number of CPO with "%(grade)s" is %(n)s, against %(prev)s in %(prev_year)s.')
                % {
                    "grade": names.get("unsatisfactory"),
                    "n": cpo.levels["unsatisfactory"],
                    "prev": prev.levels.get("unsatisfactory", 0),
                    "prev_year": prev.year,
                }
            )
        )
    blocks.append(
        Para(
            ngettext(
                "%(n)s CPO submitted a report with zero values.",
                "%(n)s CPO submitted reports with zero values.",
                cpo.zero_reports,
            )
            % {"n": cpo.zero_reports}
        )
    )
    blocks += [
        TableBlock(tables["grades"]),
        FigureBlock("grades", _("Figure 1. CPO by grade of quality, %(year)s") % {"year": year}),
        FigureBlock(
            "grades_previous",
            _("Figure 2. CPO by grade of quality, %(prev)s and %(year)s") % {"prev": year - 1, "year": year},
        ),
    ]
    grade = cpo.mean_grade
    sentence = _(
        "The final self-assessment of the quality achieved in %(year)s, as the mean total of points the CPO gave "
        'themselves in the three areas, is %(total)s points, which is the "%(grade)s" level.'
    ) % {"year": year, "total": n2(cpo.mean_total), "grade": grade.name if grade else "–"}
    delta = cpo.change("mean_total")
    if delta is not None:
        sentence += " " + _("In %(prev_year)s the mean total was %(prev)s points (%(trend)s of %(delta)s points).") % {
            "prev_year": prev.year,
            "prev": n2(prev.mean_total),
            "trend": _trend_word(delta),
            "delta": n2(abs(delta)),
        }
    blocks.append(Para(sentence))
    blocks.append(FigureBlock("totals_years", _("Figure 3. Level of the quality achieved")))
    blocks.append(
        Para(_("The mean points in each area of self-assessment in %(year)s are given in Table 2.") % {"year": year})
    )
    blocks.append(TableBlock(tables["areas"]))
    for a in cpo.areas:
        text = _('Area "%(name)s": %(mean)s of %(max)s points (%(pct)s %%).') % {
            "name": a.name,
            "mean": n2(a.mean_points),
            "max": n2(a.max_points),
            "pct": n2(a.pct),
        }
        if a.change is not None:
            text += " " + _("Against the previous year: %(trend)s of %(delta)s points (%(prev)s).") % {
                "trend": _trend_word(a.change),
                "delta": n2(abs(a.change)),
                "prev": n2(a.previous_mean),
            }
        history = [(t.year, t.area_means.get(a.code)) for t in figures.trend if t.area_means.get(a.code) is not None]
        if len(history) > 1:
            text += " " + _("By year: %(history)s.") % {"history": ", ".join(f"{y} – {n2(m)}" for y, m in history)}
        blocks.append(Para(text))
    blocks.append(FigureBlock("areas_years", _("Figure 4. Points by area of self-assessment")))

    blocks.append(Heading(_("3. Results by criterion"), 2))
    high = cpo.highest(5)
    low = cpo.lowest(3)
    blocks.append(Para(_("The criteria with the highest results (mean share of the maximum points) are:")))
    blocks.append(Bullets([f"{c.code} {c.name} — {n2(c.pct)} %" for c in high]))
    blocks.append(Para(_("The criteria with the lowest results are:")))
    blocks.append(Bullets([f"{c.code} {c.name} — {n2(c.pct)} %" for c in low]))
    for c in low:
        top_key = list(c.distribution)[-1]
        zero = c.distribution.get("0", 0)
        text = _(
            'Under the criterion "%(name)s" %(top)s of the %(n)s CPO that submitted a report gave the maximum '
            "%(max)s points"
        ) % {"name": c.name, "top": c.distribution.get(top_key, 0), "n": cpo.submitted, "max": n2(c.max_points)}
        others = [
            _("%(count)s gave %(points)s points") % {"count": k_n, "points": T._points_label(k)}
            for k, k_n in c.distribution.items()
            if k not in ("0", top_key) and k_n
        ]
        if others:
            text += "; " + "; ".join(others)
        text += "; " + _("%(count)s gave 0 points (%(pct)s %%).") % {
            "count": zero,
            "pct": n2(F.pct(zero, cpo.submitted)),
        }
        blocks.append(Para(text))
    blocks.append(TableBlock(tables["criteria"]))
    blocks.append(FigureBlock("criteria", _("Figure 5. Reports by level of each criterion")))
    if cpo.validation:
        v = cpo.validation
        blocks.append(
            Para(
                _(
                    "In %(year)s %(procedures)s validation procedures were carried out by %(centres)s CPO, "
                    "and %(persons)s persons went through them."
                )
                % {
                    "year": year,
                    "procedures": v.get("procedures", "–"),
                    "centres": v.get("centres", "–"),
                    "persons": v.get("persons", "–"),
                }
            )
        )
    return blocks


def _cipo_results(figures, tables):
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
            % {"year": year, "licensed": cipo.licensed, "submitted": cipo.submitted, "on_time": cipo.submitted_on_time}
        ),
    ]
    if not cipo.submitted:
        return blocks
    all_yes = cipo.all_yes()
    if all_yes:
        blocks.append(Para(_("The indicators with 100 %% positive answers in %(year)s are:") % {"year": year}))
        blocks.append(Bullets([i.name for i in all_yes]))
    most_no = cipo.most_no(3)
    if most_no:
        blocks.append(Para(_("The indicators with the highest share of negative answers are:")))
        blocks.append(Bullets([f"{i.name} — {n2(i.no_pct)} %" for i in most_no]))
    for i in cipo.indicators:
        if i.no and i not in most_no:
            text = ngettext(
                '"%(name)s": %(n)s centre answered "no" (%(pct)s %%).',
                '"%(name)s": %(n)s centres answered "no" (%(pct)s %%).',
                i.no,
            ) % {"name": i.name, "n": i.no, "pct": n2(i.no_pct)}
            if i.change is not None:
                text += " " + _(
                    "Positive answers against the previous year: %(trend)s of %(delta)s percentage points."
                ) % {
                    "trend": _trend_word(i.change),
                    "delta": n2(abs(i.change)),
                }
            blocks.append(Para(text))
    blocks.append(TableBlock(tables["cipo"]))
    blocks.append(FigureBlock("cipo", _("Figure 6. CIPO: positive answers by indicator, %(year)s") % {"year": year}))
    return blocks


def _gaps(figures):
    cpo = figures.cpo
    statuses = F.status_counts(figures.year, CentreKind.CPO, figures.region)
    blocks = [Heading(_("VI. Gaps found in the reports"))]
    items = []
    not_submitted = cpo.licensed - cpo.submitted
    if not_submitted > 0:
        items.append(_("%(n)s licensed CPO did not submit a report.") % {"n": not_submitted})
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


def _good_practices(figures):
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


def _conclusions(figures):
    texts = texts_for(figures)
    return [
        Heading(_("VIII. Conclusions and recommendations")),
        Para(_("1. Conclusions from the analysis of the submitted self-assessment reports:")),
        Bullets(_lines(texts["conclusions"])),
        Para(_("2. Recommendations to CPO:")),
        Bullets(_lines(texts["recommendations_cpo"])),
        Para(_("3. Recommendations to CIPO:")),
        Bullets(_lines(texts["recommendations_cipo"])),
    ]


def title(figures):
    base = _("Analysis of the annual self-assessment reports of CPO and CIPO for %(year)s") % {"year": figures.year}
    return f"{base} — {figures.region}" if figures.region else base


def build(figures):
    tables = T.all_tables(figures)
    return [
        *_legal_basis(),
        *_principles(),
        *_measurement(figures.cpo),
        *_cpo_results(figures, tables),
        *_cipo_results(figures, tables),
        *_gaps(figures),
        *_good_practices(figures),
        *_conclusions(figures),
    ]
