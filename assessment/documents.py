"""The pilot report (DOCX and PDF): the comparison of the two variants, the gap per centre, the units
most often not achieved, the results by professional field and the employers' ratings."""

import base64

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import charts, exports
from formatting.numbers import format_number


def display(value):
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float) or hasattr(value, "quantize"):
        return format_number(value)
    return str(value)


def _sections(report):
    # The document reads results, not every mark: those are in the XLSX.
    return [
        (title, header, [[display(v) for v in row] for row in rows])
        for title, header, rows in exports.document_tables(report)
    ]


def _title(report):
    return _("Independent assessment of learning outcomes: pilot report %(year)s") % {"year": report.year}


def pdf_bytes(report):
    from weasyprint import HTML

    images = {
        "gap": base64.b64encode(charts.png(charts.gap_chart(report.centre_rows))).decode("ascii"),
        "weakest": base64.b64encode(charts.png(charts.weakest_chart(report.weakest))).decode("ascii"),
    }
    html = render_to_string(
        "assessment/pilot_report.html",
        {"title": _title(report), "sections": _sections(report), "images": images, "made": timezone.localdate()},
    )
    return HTML(string=html).write_pdf()


def docx_bytes(report):
    import io

    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    doc.add_heading(_title(report), level=0)
    doc.add_paragraph(
        _(
            "The same graduates were assessed by bodies outside the training centres: sector qualification "
            "councils and centres for independent assessment. The gap is the centre's own exam pass rate minus "
            "the independent pass rate, in percentage points. Graduates appear under codes only."
        )
    )
    doc.add_picture(io.BytesIO(charts.png(charts.gap_chart(report.centre_rows))), width=Cm(16))
    doc.add_picture(io.BytesIO(charts.png(charts.weakest_chart(report.weakest))), width=Cm(16))
    for title, header, rows in _sections(report):
        doc.add_heading(title, level=1)
        table = doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
