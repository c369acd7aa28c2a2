"""The annual analysis as a document: DOCX (python-docx) and PDF (WeasyPrint) from the same blocks.

Both use the dashboard's chart functions rendered to PNG, so the figures are the same.
The text is generated in Bulgarian whatever the language of the request.
"""

import base64
import io

from django.template.loader import render_to_string
from django.utils import translation

from analysis import chart_cache, narrative
from analysis.overview import analysis_figures


def build(figures):
    """(title, blocks, {chart key: PNG bytes}) in Bulgarian."""
    with translation.override("bg"):
        blocks = narrative.build(figures)
        title = narrative.title(figures)
        images = {
            b.chart: chart_cache.render(b.chart, figures, "png") for b in blocks if isinstance(b, narrative.FigureBlock)
        }
        # Tables format their cells when rendered: do it here, still in Bulgarian.
        rendered = [(b, b.table.cells() if isinstance(b, narrative.TableBlock) else None) for b in blocks]
    return title, rendered, images


def docx_bytes(figures):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    title, blocks, images = build(figures)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
    heading = doc.add_heading(title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block, rows in blocks:
        if isinstance(block, narrative.Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, narrative.Para):
            p = doc.add_paragraph(block.text)
            p.paragraph_format.first_line_indent = Cm(1)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif isinstance(block, narrative.Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, narrative.TableBlock):
            caption = doc.add_paragraph(block.table.title)
            caption.runs[0].bold = True
            table = doc.add_table(rows=1, cols=len(block.table.columns))
            table.style = "Table Grid"
            for cell, column in zip(table.rows[0].cells, block.table.columns, strict=True):
                cell.text = column.label
                cell.paragraphs[0].runs[0].bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, (value, is_number) in zip(cells, row, strict=True):
                    cell.text = value
                    if is_number:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            doc.add_paragraph()
        elif isinstance(block, narrative.FigureBlock):
            doc.add_picture(io.BytesIO(images[block.chart]), width=Cm(16))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption = doc.add_paragraph(block.caption)
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption.runs[0].italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_bytes(figures):
    from weasyprint import HTML

    title, blocks, images = build(figures)
    items = []
    for block, rows in blocks:
        kind = type(block).__name__.lower()
        item = {"kind": kind, "block": block, "rows": rows}
        if isinstance(block, narrative.FigureBlock):
            item["src"] = "data:image/png;base64," + base64.b64encode(images[block.chart]).decode("ascii")
        items.append(item)
    with translation.override("bg"):
        html = render_to_string("analysis/document.html", {"title": title, "items": items})
    return HTML(string=html).write_pdf()


def generate(year, fmt, region=None):
    """(bytes, content type, file name) of the analysis document of a year."""
    figures = analysis_figures(year, region)
    suffix = f"-{region}" if region else ""
    if fmt == "docx":
        return (
            docx_bytes(figures),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            f"analysis-{year}{suffix}.docx",
        )
    if fmt == "pdf":
        return pdf_bytes(figures), "application/pdf", f"analysis-{year}{suffix}.pdf"
    raise ValueError(fmt)
