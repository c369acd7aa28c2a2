"""The rows of the profile and the comparison: each centre figure with the national value beside it."""

import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from public import rules
from public.records import GRADE_ORDER

# The EQAVET indicators the agency publishes, in this order: (attribute, label, unit).
INDICATORS = (
    ("completion", _("Completion rate (EQAVET 4)"), "%"),
    ("placement", _("Placement within 12 months (EQAVET 5)"), "%"),
    ("trainee_satisfaction", _("Trainees' satisfaction"), "%"),
    ("graduate_satisfaction", _("Graduates' satisfaction (EQAVET 6)"), "%"),
    ("employer_satisfaction", _("Employers' satisfaction (EQAVET 6)"), "%"),
)


@dataclass
class YearRow:
    year: int
    grade: str
    total: object
    national_mean: object
    zero_value: bool


def profile_rows(snapshot, centre):
    rows = []
    for year in centre.years:
        national = snapshot.national_for(centre.kind, year.year)
        rows.append(
            YearRow(
                year=year.year,
                grade=year.grade_name,
                total=year.total,
                national_mean=national.mean_total if national else None,
                zero_value=year.zero_value,
            )
        )
    return rows


def profile_areas(snapshot, centre):
    """[(area name, max, points, national mean)] of the last approved report."""
    last = centre.last
    if last is None:
        return []
    national = snapshot.national_for(centre.kind, last.year)
    return [
        {
            "code": code,
            "name": name,
            "max": max_points,
            "points": last.areas.get(code),
            "national": national.area_means.get(code) if national else None,
        }
        for code, name, max_points in snapshot.areas.get(centre.kind, [])
    ]


def profile_indicators(snapshot, centre):
    """[(label, Shown, national Shown, year)] from the newest approved year that has the figure."""
    result = []
    for attribute, label, unit in INDICATORS:
        figure, year = rules.hidden(rules.NO_APPROVED_REPORT), None
        for record in centre.years:
            candidate = getattr(record, attribute)
            if year is None or candidate.shown:
                figure, year = candidate, record.year
            if candidate.shown:
                break
        national = snapshot.national_for(centre.kind, year) if year else None
        result.append(
            {
                "key": attribute,
                "label": label,
                "unit": unit,
                "figure": figure,
                "national": getattr(national, attribute) if national else rules.hidden(rules.NOT_REPORTED),
                "year": year,
            }
        )
    return result


def compare_table(snapshot, centres):
    """Rows of figures, one column per centre, the national value last, the best value marked."""
    if not centres:
        return []
    year = max((c.last.year for c in centres if c.last), default=None)
    national_kind = centres[0].kind

    def national(attribute):
        n = snapshot.national_for(national_kind, year) if year else None
        return getattr(n, attribute) if n else None

    rows = []
    grade_cells = []
    for c in centres:
        grade = c.grade
        grade_cells.append(
            {"text": grade.value[2] if grade.shown else "", "reason": grade.note(), "rank": c.grade_rank}
        )
    best_rank = min((cell["rank"] for cell in grade_cells), default=None)
    for cell in grade_cells:
        cell["best"] = cell["text"] and cell["rank"] == best_rank and len(centres) > 1
    rows.append({"label": _("Grade of the last approved report"), "cells": grade_cells, "national": None, "unit": ""})
    totals = [c.last.total if c.last and c.grade.shown else None for c in centres]
    rows.append(
        _numeric_row(
            _("Total points of the last approved report"),
            [
                rules.Shown(t) if t is not None else rules.hidden(c.grade.note() or rules.NO_APPROVED_REPORT)
                for t, c in zip(totals, centres, strict=True)
            ],
            rules.Shown(national("mean_total")) if national("mean_total") is not None else None,
            "",
        )
    )
    for attribute, label, unit in INDICATORS:
        figures = [getattr(c.last, attribute) if c.last else rules.hidden(rules.NO_APPROVED_REPORT) for c in centres]
        rows.append(_numeric_row(label, figures, national(attribute), unit))
    return rows


def _numeric_row(label, figures, national, unit):
    values = [f.value for f in figures if f.shown]
    best = max(values) if len(values) > 1 and len(set(values)) > 1 else None
    cells = [{"figure": f, "best": f.shown and f.value == best} for f in figures]
    return {"label": label, "cells": cells, "national": national, "unit": unit, "numeric": True}


def json_ld(centre, url):
    """schema.org EducationalOrganization: data for search engines, in a non-executable script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "name": centre.name,
        "url": url,
        "identifier": centre.licence_number,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": centre.address,
            "addressLocality": centre.municipality,
            "addressRegion": centre.region,
            "addressCountry": "BG",
        },
    }
    if centre.website:
        data["sameAs"] = centre.website
    if centre.email:
        data["email"] = centre.email
    # </script> inside a value cannot end the element: "<" is escaped.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


__all__ = ["GRADE_ORDER", "compare_table", "json_ld", "profile_areas", "profile_indicators", "profile_rows"]
