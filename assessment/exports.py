"""CSV and XLSX of a year's independent assessment. Graduates appear only by pseudonym; every cell goes
through the formatting app (people's CSV dialect, safe text cells)."""

import io

from django.utils.translation import gettext as _

from assessment import findings
from formatting.cells import xlsx_text_cell
from formatting.csv import people_csv


def _centre_table(report):
    header = [
        _("Centre"),
        _("Profession"),
        _("Graduates assessed"),
        _("Passed"),
        _("Independent pass rate, %"),
        _("Admitted to the centre's exams"),
        _("Passed the centre's exams"),
        _("Centre's own pass rate, %"),
        _("Gap, percentage points"),
    ]
    rows = [
        [r.centre, r.profession, r.assessed, r.passed, r.pass_rate, r.own_admitted, r.own_passed, r.own_rate, r.gap]
        for r in report.centre_rows
    ]
    return header, rows


def _unit_table(report):
    centres = {r.centre_id: r.centre for r in report.centre_rows}
    header = [
        _("Centre"),
        _("Profession"),
        _("Unit"),
        _("Title"),
        _("Graduates assessed"),
        _("Not achieved"),
        _("Achieved, %"),
        _("Mean, theory"),
        _("Mean, practice"),
    ]
    rows = [
        [
            centres.get(u.centre_id, ""),
            u.profession,
            u.code,
            u.title,
            u.assessed,
            u.not_achieved,
            u.achieved_rate,
            u.theory_mean,
            u.practice_mean,
        ]
        for u in report.unit_rows
    ]
    return header, rows


def _ratings_table(report):
    header = [_("Centre"), _("Profession"), _("Unit"), _("Title"), _("Employers' answers"), _("Mean rating (1–5)")]
    rows = [
        [r.centre, r.profession, r.unit_code, r.unit_title, r.answers, r.average if r.enough else _("too few answers")]
        for r in report.ratings
    ]
    return header, rows


def _field_table(report):
    header = [
        _("Professional field"),
        _("Graduates assessed"),
        _("Independent pass rate, %"),
        _("Centres' own pass rate, %"),
        _("Gap, percentage points"),
    ]
    return header, [[f"{r.code} {r.name}", r.assessed, r.pass_rate, r.own_rate, r.gap] for r in report.field_rows]


def _variant_table(report):
    header = [
        _("Variant"),
        _("Sessions"),
        _("Sessions finished"),
        _("Graduates invited"),
        _("Response rate, %"),
        _("Graduates assessed"),
        _("Employers among assessors, %"),
        _("Cohen's kappa (categorical scales)"),
        _("ICC (numeric scales)"),
        _("Days from sampling to result"),
    ]
    rows = [
        [
            v.label,
            v.sessions,
            v.sessions_done,
            v.invited,
            v.response_rate,
            v.assessed,
            v.employer_share,
            v.kappa.value if v.kappa else None,
            v.icc.value if v.icc else None,
            v.mean_days_to_result,
        ]
        for v in report.variants
    ]
    return header, rows


def _marks_table(report):
    sessions = findings.result_sessions(report.year, published_only=report.centre is not None)
    header = [
        _("Graduate (pseudonym)"),
        _("Centre"),
        _("Profession"),
        _("Unit"),
        _("Component"),
        _("Marked by"),
        _("Result"),
        _("Achieved"),
    ]
    rows = [
        [
            pseudonym,
            centre,
            profession,
            unit,
            component,
            _("assessor %(n)s") % {"n": assessor} if assessor else _("agreed"),
            value,
            passed,
        ]
        for pseudonym, centre, profession, unit, component, assessor, value, passed in findings.pseudonymous_marks(
            sessions, centre=report.centre
        )
    ]
    return header, rows


def tables(report):
    """(sheet name, header, rows) for each table of the report."""
    found = [
        (_("Centres"), *_centre_table(report)),
        (_("Units"), *_unit_table(report)),
        (_("Employers"), *_ratings_table(report)),
    ]
    if report.centre is None:
        header, _rows = _ratings_table(report)
        national = [
            [
                _("all centres"),
                r.profession,
                r.unit_code,
                r.unit_title,
                r.answers,
                r.average if r.enough else _("too few answers"),
            ]
            for r in report.national_ratings
        ]
        found += [
            (_("Employers nationally"), header, national),
            (_("Fields"), *_field_table(report)),
            (_("Pilot"), *_variant_table(report)),
        ]
    found.append((_("Marks"), *_marks_table(report)))
    return found


def _national_unit_table(report):
    header = [
        _("Profession"),
        _("Unit"),
        _("Title"),
        _("Graduates assessed"),
        _("Not achieved"),
        _("Mean, theory"),
        _("Mean, practice"),
    ]
    rows = [
        [u.profession, u.code, u.title, u.assessed, u.not_achieved, u.theory_mean, u.practice_mean]
        for u in report.national_units
    ]
    return header, rows


def _rating_summary_table(report):
    header = [_("Centre"), _("Profession"), _("Employers' answers"), _("Mean rating (1–5)"), _("Lowest-rated unit")]
    rows = [
        [
            r["centre"],
            r["profession"],
            r["answers"],
            r["average"] if r["enough"] else _("too few answers"),
            f"{r['lowest'].unit_code} {r['lowest'].unit_title} ({r['lowest'].average})" if r["lowest"] else None,
        ]
        for r in report.rating_summary
    ]
    return header, rows


def document_tables(report):
    """The pilot report's tables: the comparison first, then the gap, the units, the fields, the employers."""
    found = []
    if report.centre is None:
        found.append((_("The pilot: the two variants compared"), *_variant_table(report)))
    found += [
        (_("The gap per centre and profession"), *_centre_table(report)),
        (_("Units most often not achieved"), *_national_unit_table(report)),
    ]
    if report.centre is None:
        found.append((_("Nationally, by professional field"), *_field_table(report)))
    found.append((_("Employers' ratings of graduates' competences"), *_rating_summary_table(report)))
    return found


def centres_csv(report):
    header, rows = _centre_table(report)
    return people_csv([header, *rows])


def xlsx_bytes(report):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in tables(report):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([xlsx_text_cell(sheet, h) for h in header])
        for row in rows:
            sheet.append([xlsx_text_cell(sheet, v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
