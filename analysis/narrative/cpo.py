"""Section IV of the analysis: the results of the CPO self-assessment reports, with every multi-year comparison.

Comparisons read `figures.cpo_series` (reports or published figures, per year of the window);
a year without data is left out of a list, never shown as zero.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import grammar as G
from analysis import series as S
from analysis.narrative import criteria
from analysis.narrative.blocks import Bullets, FigureBlock, Heading, Para, TableBlock
from analysis.narrative.phrases import by_year, trend_word
from analysis.numbers import count_words


def _submission(figures):
    cpo, s = figures.cpo, figures.cpo_series
    sentence = _("%(words)s licensed CPO (%(pct)s) submitted an annual self-assessment report on time.") % {
        "words": count_words(cpo.submitted_on_time),
        "pct": G.percent(cpo.submitted_on_time_pct),
    }
    prev_year, prev = s.latest_before(figures.year, lambda p: p.on_time_pct)
    if prev is not None and cpo.submitted_on_time_pct is not None:
        delta = cpo.submitted_on_time_pct - prev
        sentence += " " + _(
            "Compared with %(prev_year)s there is %(trend)s of %(delta)s percentage points (%(prev)s)."
        ) % {
            "prev_year": prev_year,
            "trend": trend_word(delta),
            "delta": G.decimal(abs(delta)),
            "prev": G.percent(prev),
        }
    late = figures.late.get("CPO", 0)
    if late:
        sentence += " " + ngettext(
            "%(n)s report was submitted after the deadline.",
            "%(n)s reports were submitted after the deadline.",
            late,
        ) % {"n": G.number(late)}
    blocks = [Para(sentence)]
    history = s.known(lambda p: p.non_conforming_pct)
    if history:
        blocks.append(
            Para(
                _("The share of reports not conforming to the indicators, by year: %(history)s.")
                % {"history": by_year(history, G.percent)}
            )
        )
    return blocks


def _grades(figures):
    cpo, s = figures.cpo, figures.cpo_series
    names = cpo.grade_names
    parts = [
        _('%(centres)s with "%(grade)s" (%(pct)s)')
        % {"centres": G.centres(n), "grade": names.get(code, code), "pct": G.percent(cpo.levels_pct[code])}
        for code, n in cpo.levels.items()
    ]
    blocks = [Para(_("By grade of the quality achieved, the CPO are: %(parts)s.") % {"parts": "; ".join(parts)})]
    history = s.known(lambda p: p.unsatisfactory)
    if "unsatisfactory" in cpo.levels and len(history) > 1:
        blocks.append(
            Para(
                _('The number of CPO with "%(grade)s" by year: %(history)s.')
                % {"grade": names.get("unsatisfactory"), "history": by_year(history, G.number)}
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
    cpo, s, year = figures.cpo, figures.cpo_series, figures.year
    grade = cpo.mean_grade
    sentence = _(
        "The final self-assessment of the quality achieved in %(year)s, as the mean total of points the CPO gave "
        'themselves in the three areas, is %(total)s, which is the "%(grade)s" level.'
    ) % {"year": year, "total": G.points(cpo.mean_total, 2), "grade": grade.name if grade else "–"}
    prev_year, prev = s.latest_before(year, lambda p: p.mean_total)
    if prev is not None:
        delta, rel = S.change(cpo.mean_total, prev)
        sentence += " " + _(
            "In %(prev_year)s the mean total was %(prev)s: %(trend)s of %(delta)s (change in points), "
            "%(rel)s of the previous value (change in per cent)."
        ) % {
            "prev_year": prev_year,
            "prev": G.points(prev, 2),
            "trend": trend_word(delta),
            "delta": G.points(abs(delta), 2),
            "rel": G.percent(abs(rel)) if rel is not None else "–",
        }
    history = [(y, p) for y, p in ((y, s.points.get(y)) for y in s.years) if p is not None and p.mean_total is not None]
    if len(history) > 1:
        sentence += " " + _("By year: %(history)s.") % {
            "history": ", ".join(
                f"{y} – {G.decimal(p.mean_total)}" + (f" („{p.grade.name}“)" if p.grade else "") for y, p in history
            )
        }
    return Para(sentence)


def _area(a, figures):
    s, year = figures.cpo_series, figures.year
    text = _('Area "%(name)s": %(mean)s of %(max)s (%(pct)s).') % {
        "name": a.name,
        "mean": G.decimal(a.mean_points),
        "max": G.points(a.max_points),
        "pct": G.percent(a.pct),
    }
    prev_year, prev = s.latest_before(year, lambda p: p.area_means.get(a.code))
    if prev is not None and a.mean_points is not None:
        delta, rel = S.change(a.mean_points, prev)
        text += " " + _(
            "Against %(prev_year)s (%(prev)s): %(trend)s of %(delta)s (change in points), %(rel)s of the previous "
            "value (change in per cent)."
        ) % {
            "prev_year": prev_year,
            "prev": G.decimal(prev),
            "trend": trend_word(delta),
            "delta": G.points(abs(delta), 2),
            "rel": G.percent(abs(rel)) if rel is not None else "–",
        }
    history = s.known(lambda p: p.area_means.get(a.code))
    if len(history) > 1:
        text += " " + _("By year: %(history)s.") % {"history": by_year(history)}
    return Para(text)


def _validation(figures):
    s = figures.cpo_series
    points = [(y, s.points[y].validation) for y in s.years if s.points.get(y) is not None and s.points[y].validation]
    if not points:
        return []
    parts = []
    for y, v in points:
        part = f"{y} – " + ngettext("%(n)s procedure", "%(n)s procedures", v.get("procedures") or 0) % {
            "n": G.number(v.get("procedures") or 0)
        }
        if v.get("centres") is not None:
            part += " " + _("by %(centres)s") % {"centres": G.centres(v["centres"])}
        if v.get("persons") is not None:
            part += ", " + ngettext("%(n)s person", "%(n)s persons", v["persons"]) % {"n": G.number(v["persons"])}
        parts.append(part)
    return [
        Para(
            _(
                "Validation of professional knowledge, skills and competences acquired through non-formal or "
                "informal learning, by year: %(history)s."
            )
            % {"history": "; ".join(parts)}
        ),
        FigureBlock("validation_years", _("Validation procedures and persons, by year")),
    ]


def section(figures, tables, series_tables):
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
    blocks += _submission(figures)
    blocks.append(TableBlock(series_tables["submission_years"]))
    blocks.append(Heading(_("2. Summary of the self-assessment reports of CPO"), 2))
    blocks += _grades(figures)
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
    blocks += [_area(a, figures) for a in cpo.areas]
    blocks.append(FigureBlock("areas_years", _("Points by area of self-assessment")))
    blocks.append(TableBlock(series_tables["areas_years"]))
    blocks.append(
        FigureBlock(
            "unsatisfactory_years",
            _('CPO with "%(grade)s", by year') % {"grade": cpo.grade_names.get("unsatisfactory", "")},
        )
    )

    blocks.append(Heading(_("3. Results by criterion"), 2))
    blocks.append(Para(_("The criteria with the highest results (mean share of the maximum points) are:")))
    blocks.append(Bullets([f"{c.code} {c.name} — {G.percent(c.pct)}" for c in cpo.highest(5)]))
    blocks.append(Para(_("The criteria with the lowest results are:")))
    blocks.append(Bullets([f"{c.code} {c.name} — {G.percent(c.pct)}" for c in cpo.lowest(3)]))
    blocks += criteria.blocks(cpo)
    blocks.append(TableBlock(tables["criteria"]))
    blocks.append(TableBlock(series_tables["criteria_years"]))
    blocks.append(FigureBlock("criteria", _("Reports by level of each criterion")))
    blocks.append(
        FigureBlock("criteria_previous", _("Criteria: mean share of the maximum, this year and the previous year"))
    )
    blocks += _validation(figures)
    return blocks
