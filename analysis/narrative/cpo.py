"""Section IV of the analysis: the results of the CPO self-assessment reports."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import figures as F
from analysis import grammar as G
from analysis.narrative.blocks import Bullets, FigureBlock, Heading, Para, TableBlock
from analysis.numbers import count_words


def trend_word(delta):
    if delta is None:
        return None
    if delta > 0:
        return _("a rise")
    if delta < 0:
        return _("a fall")
    return _("no change")


def _submission(cpo):
    prev = cpo.previous
    sentence = _("%(words)s licensed CPO (%(pct)s) submitted an annual self-assessment report on time.") % {
        "words": count_words(cpo.submitted_on_time),
        "pct": G.percent(cpo.submitted_on_time_pct),
    }
    delta = cpo.change("submitted_on_time_pct")
    if delta is not None:
        sentence += " " + _(
            "Compared with the previous year there is %(trend)s of %(delta)s percentage points (%(prev)s)."
        ) % {
            "trend": trend_word(delta),
            "delta": G.decimal(abs(delta)),
            "prev": G.percent(prev.submitted_on_time_pct),
        }
    if cpo.submitted_late:
        sentence += " " + ngettext(
            "%(n)s report was submitted after the deadline.",
            "%(n)s reports were submitted after the deadline.",
            cpo.submitted_late,
        ) % {"n": G.number(cpo.submitted_late)}
    return Para(sentence)


def _grades(cpo):
    names = cpo.grade_names
    parts = [
        _('%(centres)s with "%(grade)s" (%(pct)s)')
        % {"centres": G.centres(n), "grade": names.get(code, code), "pct": G.percent(cpo.levels_pct[code])}
        for code, n in cpo.levels.items()
    ]
    blocks = [Para(_("By grade of the quality achieved, the CPO are: %(parts)s.") % {"parts": "; ".join(parts)})]
    prev = cpo.previous
    if prev is not None and "unsatisfactory" in cpo.levels:
        blocks.append(
            Para(
                _('The number of CPO with "%(grade)s" is %(n)s, against %(prev)s in %(prev_year)s.')
                % {
                    "grade": names.get("unsatisfactory"),
                    "n": G.number(cpo.levels["unsatisfactory"]),
                    "prev": G.number(prev.levels.get("unsatisfactory", 0)),
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
            % {"n": G.number(cpo.zero_reports)}
        )
    )
    return blocks


def _mean_total(figures):
    cpo, year, prev = figures.cpo, figures.year, figures.cpo.previous
    grade = cpo.mean_grade
    sentence = _(
        "The final self-assessment of the quality achieved in %(year)s, as the mean total of points the CPO gave "
        'themselves in the three areas, is %(total)s, which is the "%(grade)s" level.'
    ) % {"year": year, "total": G.points(cpo.mean_total, 2), "grade": grade.name if grade else "–"}
    delta = cpo.change("mean_total")
    if delta is not None:
        sentence += " " + _("In %(prev_year)s the mean total was %(prev)s (%(trend)s of %(delta)s).") % {
            "prev_year": prev.year,
            "prev": G.points(prev.mean_total, 2),
            "trend": trend_word(delta),
            "delta": G.points(abs(delta), 2),
        }
    return Para(sentence)


def _area(a, trend):
    text = _('Area "%(name)s": %(mean)s of %(max)s (%(pct)s).') % {
        "name": a.name,
        "mean": G.decimal(a.mean_points),
        "max": G.points(a.max_points),
        "pct": G.percent(a.pct),
    }
    if a.change is not None:
        text += " " + _(
            "Against the previous year: %(trend)s of %(delta)s (change in points), %(rel)s of the previous value "
            "(change in per cent; %(prev)s)."
        ) % {
            "trend": trend_word(a.change),
            "delta": G.points(abs(a.change), 2),
            "rel": G.percent(abs(G.change_in_percent(a.mean_points, a.previous_mean) or 0)),
            "prev": G.decimal(a.previous_mean),
        }
    history = [(t.year, t.area_means.get(a.code)) for t in trend if t.area_means.get(a.code) is not None]
    if len(history) > 1:
        text += " " + _("By year: %(history)s.") % {"history": ", ".join(f"{y} – {G.decimal(m)}" for y, m in history)}
    return Para(text)


def criterion_sentence(c, submitted):
    """'Under the criterion "…" 156 of the 798 CPO gave the maximum 3 points; 167 centres gave 1,5 points; …'."""
    keys = list(c.distribution)
    top_key = keys[-1]
    zero = c.distribution.get("0", 0)
    text = _(
        'Under the criterion "%(name)s" %(top)s of the %(n)s CPO that submitted a report gave the maximum %(max)s'
    ) % {
        "name": c.name,
        "top": G.number(c.distribution.get(top_key, 0)),
        "n": G.number(submitted),
        "max": G.points(c.max_points),
    }
    others = [G.gave_points(k_n, k) for k, k_n in c.distribution.items() if k not in ("0", top_key) and k_n]
    if others:
        text += "; " + "; ".join(others)
    text += "; " + G.gave_points(zero, 0) + " (" + G.percent(F.pct(zero, submitted)) + ")."
    return text


def section(figures, tables, extra_criteria=()):
    cpo = figures.cpo
    year = figures.year
    blocks = [
        Heading(_("IV. Results of self-assessment in %(year)s from the reports of CPO") % {"year": year}),
        Heading(_("1. General statistics on licensed CPO"), 2),
        TableBlock(tables["centres"]),
    ]
    if not cpo.submitted:
        blocks.append(Para(_("No CPO report for %(year)s has been submitted yet.") % {"year": year}))
        return blocks
    blocks.append(_submission(cpo))
    blocks.append(Heading(_("2. Summary of the self-assessment reports of CPO"), 2))
    blocks += _grades(cpo)
    blocks += [
        TableBlock(tables["grades"]),
        FigureBlock("grades", _("CPO by grade of quality, %(year)s") % {"year": year}),
        FigureBlock(
            "grades_previous", _("CPO by grade of quality, %(prev)s and %(year)s") % {"prev": year - 1, "year": year}
        ),
    ]
    blocks.append(_mean_total(figures))
    blocks.append(FigureBlock("totals_years", _("Level of the quality achieved")))
    blocks.append(
        Para(_("The mean points in each area of self-assessment in %(year)s are given in Table 2.") % {"year": year})
    )
    blocks.append(TableBlock(tables["areas"]))
    blocks += [_area(a, figures.trend) for a in cpo.areas]
    blocks.append(FigureBlock("areas_years", _("Points by area of self-assessment")))

    blocks.append(Heading(_("3. Results by criterion"), 2))
    blocks.append(Para(_("The criteria with the highest results (mean share of the maximum points) are:")))
    blocks.append(Bullets([f"{c.code} {c.name} — {G.percent(c.pct)}" for c in cpo.highest(5)]))
    low = cpo.lowest(3)
    blocks.append(Para(_("The criteria with the lowest results are:")))
    blocks.append(Bullets([f"{c.code} {c.name} — {G.percent(c.pct)}" for c in low]))
    blocks += [Para(criterion_sentence(c, cpo.submitted)) for c in low]
    blocks += list(extra_criteria)
    blocks.append(TableBlock(tables["criteria"]))
    blocks.append(FigureBlock("criteria", _("Reports by level of each criterion")))
    return blocks
