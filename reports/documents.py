"""A report as a document to keep or print: PDF (WeasyPrint from an HTML template) and DOCX (python-docx).

Both are built from one `document_data(report)`: the centre's details, then the framework's
sections in the framework's order (texts, the results with each criterion's comment, evidence
and reason for differing from the data, the comparison with last year), then the submission
and review record with the director's declaration. The content is the last submitted version
(what the agency received); a report never submitted is printed from its current draft and says so.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.models import ReadKind
from audit.services import record_read
from centres.access import any_role_required, get_visible_or_404
from frameworks import scoring
from frameworks.models import SectionKind
from reports import snapshots
from reports.bulk import bands_of
from reports.deadlines import SOFIA
from reports.models import Report
from reports.review_page import review_rounds
from reports.templatetags.report_tags import points as fmt_points

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class DocumentData:
    report: object
    centre: object
    framework: object
    title: str
    version_label: str
    details: list  # [(label, value)]
    sections: list  # [(heading, text)]
    score_rows: list  # [{"kind": "area"|"criterion"|"total", "code", "name", "points", "max"}]
    result: list  # [(label, value)]
    versions: list = field(default_factory=list)  # [{"number", "submitted_at", "on_time", "by", "total"}]
    decisions: list = field(default_factory=list)  # [{"action", "at", "by", "comment", "notes"}]
    comparison_title: str = ""
    comparison: list = field(default_factory=list)  # [(label, last year, this year, change, is a subtotal)]
    # The framework's sections in order: {"kind": "text"|"scores"|"comparison", "heading", "text"}
    parts: list = field(default_factory=list)
    # Per criterion with anything to say: {"code", "name", "comment", "reason", "evidence": [names]}
    criterion_details: list = field(default_factory=list)
    evidence: list = field(default_factory=list)  # [(criterion code, file name, size)]
    declarations: list = field(default_factory=list)  # [(version number, text, by, at)]


def _points(value):
    return None if value in (None, "") else Decimal(str(value))


def _yes_no(value):
    if value is None:
        return "—"
    return _("Yes") if value > 0 else _("No")


def _person(user):
    return (user.get_full_name() or user.username) if user else "—"


def _when(moment):
    return timezone.localtime(moment, SOFIA).strftime("%d.%m.%Y %H:%M")


def document_data(report):
    framework = report.framework
    centre = report.centre
    submission = report.last_submission
    criteria = list(framework.criteria.all())
    if submission is not None:
        texts = submission.texts
        points = {c.code: _points((submission.answers.get(c.code) or {}).get("points")) for c in criteria}
        written = {
            c.code: (
                (submission.answers.get(c.code) or {}).get("comment", ""),
                (submission.answers.get(c.code) or {}).get("disagreement_reason", ""),
            )
            for c in criteria
        }
        version_label = _("Version %(number)s, submitted on %(when)s") % {
            "number": submission.number,
            "when": _when(submission.submitted_at),
        }
    else:
        texts = report.texts
        saved = {a.criterion_id: a for a in report.answers.all()}
        points = {
            c.code: (Decimal(0) if report.zero_value else getattr(saved.get(c.pk), "points", None)) for c in criteria
        }
        written = {
            c.code: (getattr(saved.get(c.pk), "comment", ""), getattr(saved.get(c.pk), "disagreement_reason", ""))
            for c in criteria
        }
        version_label = _("Draft, not submitted")

    details = [
        (_("Centre"), centre.name),
        (_("Licence number"), centre.licence_number),
        (_("Kind"), centre.get_kind_display()),
        (_("Region"), centre.region),
        (_("Municipality"), centre.municipality or "—"),
        (_("Address"), centre.address or "—"),
        (_("Reporting year"), str(report.year)),
        (_("Framework"), framework.name),
        (_("Status"), report.get_status_display()),
    ]
    sections = [
        (f"{s.code}. {s.title}", texts.get(s.code, "") or _("(empty)"))
        for s in framework.sections.all()
        if s.kind == SectionKind.TEXT
    ]

    rows = []
    areas = list(framework.areas.all())
    structure = {a.code: [c.code for c in criteria if c.area_id == a.pk] for a in areas}
    subtotals = scoring.area_subtotals(structure, points)
    for area in areas:
        rows.append(
            {
                "kind": "area",
                "code": area.code,
                "name": area.name,
                "points": fmt_points(subtotals[area.code]) if framework.is_scored else "",
                "max": fmt_points(area.max_points) if framework.is_scored else "",
            }
        )
        for criterion in (c for c in criteria if c.area_id == area.pk):
            value = points[criterion.code]
            rows.append(
                {
                    "kind": "criterion",
                    "code": criterion.code,
                    "name": criterion.name,
                    "points": fmt_points(value) if framework.is_scored else _yes_no(value),
                    "max": fmt_points(criterion.max_points) if framework.is_scored else "",
                }
            )
    result = []
    if framework.is_scored:
        total = submission.total if submission is not None else scoring.total(points)
        band = scoring.grade_for(total, bands_of(framework)) if all(v is not None for v in points.values()) else None
        rows.append(
            {
                "kind": "total",
                "code": "",
                "name": _("Total"),
                "points": fmt_points(total),
                "max": fmt_points(framework.total_points),
            }
        )
        result = [
            (_("Total"), f"{fmt_points(total)} / {fmt_points(framework.total_points)}"),
            (_("Grade"), band.name if band else "—"),
        ]
    else:
        yes = sum(1 for v in points.values() if v is not None and v > 0)
        result = [(_("Indicators met"), f"{yes} / {len(criteria)}")]

    versions = [
        {
            "number": s.number,
            "submitted_at": _when(s.submitted_at),
            "on_time": _("on time") if s.on_time else _("late"),
            "by": _person(s.submitted_by),
            "total": fmt_points(s.total) if framework.is_scored else "—",
        }
        for s in report.submissions.select_related("submitted_by").order_by("number")
    ]
    entries, notes = review_rounds(report)
    submissions = {s.pk: s for s in report.submissions.all()}
    decisions = []
    for entry in sorted(entries, key=lambda e: (e.at, e.pk)):
        version = max(
            (s for s in submissions.values() if s.submitted_at <= entry.at), key=lambda s: s.number, default=None
        )
        decisions.append(
            {
                "action": _("Returned for correction") if entry.action == "return" else _("Approved"),
                "at": _when(entry.at),
                "by": _person(entry.actor),
                "comment": entry.message,
                "notes": [
                    (n.criterion.code if n.criterion else _("On the report as a whole"), n.text)
                    for n in (notes.get(version.pk, []) if version and entry.action == "return" else [])
                ],
            }
        )
    title = _("Self-assessment report for %(year)s") % {"year": report.year}
    data = DocumentData(
        report, centre, framework, title, version_label, details, sections, rows, result, versions, decisions
    )
    _add_comparison(data, points, zero_value=submission.zero_value if submission else report.zero_value)
    _add_parts(data, texts, criteria, written, submission)
    data.declarations = [
        (s.number, s.declaration, _person(s.submitted_by), _when(s.submitted_at))
        for s in report.submissions.select_related("submitted_by").order_by("number")
        if s.declaration
    ]
    return data


def _add_parts(data, texts, criteria, written, submission):
    """The sections in the framework's order, and what the centre wrote per criterion with the evidence
    the version listed (files deleted since included; a draft lists the files it has now)."""
    files = {}
    for item in snapshots.evidence_at(data.report, submission):
        files.setdefault(item.criterion, []).append(item.original_name)
        data.evidence.append((item.criterion, item.original_name, item.size))
    for criterion in criteria:
        comment, reason = written.get(criterion.code, ("", ""))
        if comment or reason or files.get(criterion.code):
            data.criterion_details.append(
                {
                    "code": criterion.code,
                    "name": criterion.name,
                    "comment": comment,
                    "reason": reason,
                    "evidence": files.get(criterion.code, []),
                }
            )
    for section in data.framework.sections.all():
        heading = f"{section.code}. {section.title}"
        if section.kind == SectionKind.TEXT:
            data.parts.append({"kind": "text", "heading": heading, "text": texts.get(section.code, "") or _("(empty)")})
        elif section.kind == SectionKind.SCORES:
            data.parts.append({"kind": "scores", "heading": heading})
        else:
            data.parts.append({"kind": "comparison", "heading": heading})
    if not any(part["kind"] == "scores" for part in data.parts):
        data.parts.append({"kind": "scores", "heading": _("Self-assessment results")})


def _add_comparison(data, points, zero_value):
    """Section 4: last year's submitted points beside this version's, as the form shows them."""
    from reports.page import comparison, load_parts

    section = data.framework.sections.filter(kind=SectionKind.COMPARISON).first()
    if section is None:
        return
    data.comparison_title = f"{section.code}. {section.title}"
    found = comparison(load_parts(data.report, with_evidence=False), points, zero_value=zero_value)
    if found is None:
        return
    for row in found["rows"]:
        label = row["label"] or (_("Total") if found["scored"] else _("Yes answers"))
        change = "—" if row["change"] is None else (("+" if row["change"] > 0 else "") + fmt_points(row["change"]))
        last = "—" if row["last"] is None else fmt_points(row["last"])
        now = "—" if row["now"] is None else fmt_points(row["now"])
        data.comparison.append((label, last, now, change, row["strong"]))


def pdf_bytes(report):
    from weasyprint import HTML

    data = document_data(report)
    html = render_to_string("reports/documents/report.html", {"doc": data})
    return HTML(string=html).write_pdf()


def docx_bytes(report):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    data = document_data(report)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    for section in doc.sections:  # A4 with 2 cm margins
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)

    doc.add_heading(data.title, level=0)
    doc.add_paragraph(data.version_label).runs[0].italic = True

    def table(header, rows, bold_rows=(), numeric=()):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for index, row in enumerate(rows):
            cells = t.add_row().cells
            for col, (cell, text) in enumerate(zip(cells, row, strict=True)):
                cell.text = str(text)
                if index in bold_rows and cell.paragraphs[0].runs:
                    cell.paragraphs[0].runs[0].bold = True
                if col in numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        doc.add_paragraph()
        return t

    doc.add_heading(_("The centre"), level=1)
    table([_("Field"), _("Value")], data.details)

    for part in data.parts:
        doc.add_heading(part["heading"], level=1)
        if part["kind"] == "text":
            for paragraph in part["text"].split("\n"):
                doc.add_paragraph(paragraph)
        elif part["kind"] == "scores":
            _docx_scores(doc, data, table)
        elif data.comparison:
            table(
                [_("Criterion"), _("Last year"), _("This year"), pgettext("difference", "Change")],
                [row[:4] for row in data.comparison],
                bold_rows={i for i, row in enumerate(data.comparison) if row[4]},
                numeric=(1, 2, 3),
            )
        else:
            doc.add_paragraph(_("There is no submitted report for the previous year to compare with."))

    doc.add_heading(_("Submission and review record"), level=1)
    if data.versions:
        table(
            [_("Version"), _("Submitted at"), _("Deadline"), _("Submitted by"), _("Total")],
            [(v["number"], v["submitted_at"], v["on_time"], v["by"], v["total"]) for v in data.versions],
        )
    else:
        doc.add_paragraph(_("Not submitted yet."))
    for decision in data.decisions:
        p = doc.add_paragraph()
        p.add_run(f"{decision['action']} — {decision['at']}, {decision['by']}").bold = True
        if decision["comment"]:
            doc.add_paragraph(decision["comment"])
        for code, text in decision["notes"]:
            doc.add_paragraph(f"{code}: {text}", style="List Bullet")
    for number, text, by, at in data.declarations:
        p = doc.add_paragraph()
        label = _("Declaration with version %(number)s (%(by)s, %(at)s):") % {"number": number, "by": by, "at": at}
        p.add_run(label).bold = True
        p.add_run(" " + text)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_scores(doc, data, table):
    if data.framework.is_scored:
        header = [_("Code"), _("Criterion"), _("Points"), _("Maximum")]
        rows = [(r["code"], r["name"], r["points"], r["max"]) for r in data.score_rows]
        numeric = (2, 3)
    else:
        header = [_("Code"), _("Indicator"), _("Answer")]
        rows = [(r["code"], r["name"], r["points"]) for r in data.score_rows]
        numeric = ()
    bold = {i for i, r in enumerate(data.score_rows) if r["kind"] != "criterion"}
    table(header, rows, bold_rows=bold, numeric=numeric)
    for label, value in data.result:
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    if data.criterion_details:
        doc.add_heading(_("Comments, evidence and reasons per criterion"), level=2)
    for item in data.criterion_details:
        doc.add_paragraph().add_run(f"{item['code']} {item['name']}").bold = True
        if item["comment"]:
            doc.add_paragraph(_("Comment: %(text)s") % {"text": item["comment"]})
        if item["reason"]:
            doc.add_paragraph(_("Reason for differing from the data: %(text)s") % {"text": item["reason"]})
        for name in item["evidence"]:
            doc.add_paragraph(_("Evidence: %(name)s") % {"name": name}, style="List Bullet")


def _file_name(report, extension):
    return f"self-assessment-{report.centre.licence_number}-{report.year}.{extension}"


def _document_report(request, pk):
    queryset = Report.objects.select_related("centre", "framework", "last_submission")
    return get_visible_or_404(queryset, request.user, pk=pk)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@any_role_required
def pdf_view(request, pk):
    report = _document_report(request, pk)
    record_read(request, ReadKind.REPORT_DOCUMENT, obj=report, centre=report.centre, detail="pdf")
    return _download(pdf_bytes(report), "application/pdf", _file_name(report, "pdf"))


@any_role_required
def docx_view(request, pk):
    report = _document_report(request, pk)
    record_read(request, ReadKind.REPORT_DOCUMENT, obj=report, centre=report.centre, detail="docx")
    return _download(docx_bytes(report), DOCX_TYPE, _file_name(report, "docx"))
