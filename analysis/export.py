"""A year's reports as an XLSX workbook: one row per centre, then the summary tables.

Written with openpyxl's write-only mode to a file, reading the database with iterators,
so a large year never sits in memory as a whole. Text cells are never formulas.
"""

from django.db.models import F, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from analysis import tables as T
from analysis.figures import national_figures, year_end
from centres.models import Centre, CentreKind
from frameworks.models import Framework
from reports.models import Report, SubmissionScore


def _centres(year, kind, region):
    """Centres licensed at the end of the year, or with a report for it, with that report (one query)."""
    reports = Report.objects.for_year(year).select_related("last_submission")
    licensed = Centre.objects.licensed_on(year_end(year)).values("pk")
    with_report = Report.objects.for_year(year).values("centre_id")
    qs = (
        Centre.objects.of_kind(kind)
        .in_region(region)
        .filter(Q(pk__in=licensed) | Q(pk__in=with_report))
        .prefetch_related(Prefetch("reports", queryset=reports, to_attr="year_reports"))
        .order_by("licence_number")
    )
    return qs


def _scores(year, kind, region):
    """{submission id: {criterion code: points}} streamed in submission order."""
    qs = SubmissionScore.objects.filter(
        submission__report__year=year,
        submission__report__centre__kind=kind,
        submission__report__last_submission_id=F("submission_id"),
    )
    if region:
        qs = qs.filter(submission__report__centre__region=region)
    scores = {}
    for submission_id, code, points in qs.values_list("submission_id", "criterion__code", "points").iterator(
        chunk_size=5000
    ):
        scores.setdefault(submission_id, {})[code] = points
    return scores


def _report_sheet(wb, bold, year, kind, region):
    framework = Framework.objects.for_report(kind, year)
    ws = wb.create_sheet(_("CPO reports") if kind == CentreKind.CPO else _("CIPO reports"))
    codes = [c.code for c in framework.criteria.all()] if framework else []
    header = [
        _("Licence number"),
        _("Name"),
        _("Region"),
        _("Submitted at"),
        _("Status"),
        _("On time"),
        _("Total"),
        _("Grade"),
        *codes,
    ]
    ws.append([T.xlsx_cell(ws, h) for h in header])
    grade_names = {b.code: b.name for b in framework.grade_bands.all()} if framework else {}
    scores = _scores(year, kind, region)
    for centre in _centres(year, kind, region).iterator(chunk_size=1000):
        report = centre.year_reports[0] if centre.year_reports else None
        sub = report.last_submission if report else None
        points = scores.get(sub.pk, {}) if sub else {}
        row = [
            centre.licence_number,
            centre.name,
            centre.region,
            timezone.localtime(sub.submitted_at).strftime("%d.%m.%Y %H:%M") if sub else "",
            report.get_status_display() if report else _("not submitted"),
            (_("yes") if sub.on_time else _("no")) if sub else "",
            T.num(sub.total) if sub and sub.total is not None else None,
            grade_names.get(sub.grade, sub.grade) if sub else "",
            *(T.num(points[c]) if c in points else None for c in codes),
        ]
        ws.append([T.xlsx_cell(ws, v) for v in row])


def write_reports_xlsx(year, out, region=None):
    """Write the workbook to `out` (a path or a binary file object)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override("bg"):
        wb = Workbook(write_only=True)
        bold = Font(bold=True)
        _report_sheet(wb, bold, year, CentreKind.CPO, region)
        _report_sheet(wb, bold, year, CentreKind.CIPO, region)
        figures = national_figures(year, region)
        for key, table in T.all_tables(figures).items():
            ws = wb.create_sheet(_sheet_title(table.title, key))
            T.write_sheet(ws, table, bold)
        wb.save(out)


def _sheet_title(title, key):
    # Sheet names: at most 31 characters, none of []:*?/\
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (clean[:28] + "…") if len(clean) > 31 else clean or key
