"""The dashboard shows the generated narrative beside its figures: blocks laid out in rows.

Each row pairs a run of text blocks (paragraphs, lists) with the tables and figures that follow
them; a heading starts a new row. The same blocks make the DOCX and PDF, so what the analyst
reads on the page is what the document will say.
"""

from analysis.narrative import Bullets, FigureBlock, Heading, Para, TableBlock


def rows(blocks, charts=None):
    """[{"heading": Heading} | {"text": [item], "visuals": [item]}], item = {"block", "kind", "src"}."""
    charts = charts or {}
    out, current = [], None
    for block in blocks:
        if isinstance(block, Heading):
            out.append({"heading": block})
            current = None
            continue
        is_text = isinstance(block, Para | Bullets)
        if current is None or (is_text and current["visuals"]):
            current = {"text": [], "visuals": []}
            out.append(current)
        item = {
            "block": block,
            "kind": kind(block),
            "src": charts.get(block.chart) if isinstance(block, FigureBlock) else None,
        }
        (current["text"] if is_text else current["visuals"]).append(item)
    return out


def kind(block):
    if isinstance(block, Para):
        return "para"
    if isinstance(block, Bullets):
        return "bullets"
    if isinstance(block, TableBlock):
        return "table"
    if isinstance(block, FigureBlock):
        return "figure"
    return "heading"
