"""The annual analysis as a sequence of blocks (headings, paragraphs, lists, tables, figures).

One module per section: `intro` (I–III), `cpo` (IV), `cipo` (V), `gaps` (VI), `practices`
(VII), `surveys` (the survey and EQAVET results), `conclusions` (VIII). Sentences are
generated from the figures and the multi-year series; the conclusions come from the
expert-edited `AnalysisText`. `document.py` renders the blocks to DOCX and PDF.
"""

from django.utils.translation import gettext as _

from analysis import series_tables as ST
from analysis import tables as T
from analysis.narrative import cipo, conclusions, cpo, gaps, intro, practices, surveys
from analysis.narrative.blocks import Bullets, FigureBlock, Heading, Para, TableBlock
from analysis.narrative.conclusions import default_texts, texts_for

__all__ = ["Bullets", "FigureBlock", "Heading", "Para", "TableBlock", "build", "default_texts", "texts_for", "title"]


def title(figures):
    base = _("Analysis of the annual self-assessment reports of CPO and CIPO for %(year)s") % {"year": figures.year}
    return f"{base} — {figures.region}" if figures.region else base


def number_figures(blocks):
    """Figures numbered in document order, as the agency numbers them: CPO's first, then CIPO's."""
    n = 0
    for block in blocks:
        if isinstance(block, FigureBlock):
            n += 1
            block.number = n
            block.caption = _("Figure %(n)s. %(caption)s") % {"n": n, "caption": block.caption}
    return blocks


def build(figures):
    tables = T.all_tables(figures)
    series_tables = ST.all_series_tables(figures)
    return number_figures(
        [
            *intro.legal_basis(),
            *intro.principles(),
            *intro.measurement(figures),
            *cpo.section(figures, tables, series_tables),
            *cipo.section(figures, tables, series_tables),
            *surveys.section(figures),
            *gaps.section(figures),
            *practices.section(figures),
            *conclusions.section(figures),
        ]
    )
