"""What a section of the analysis is made of: headings, paragraphs, lists, tables and figures.

`document.py` renders the same blocks to DOCX and to PDF; the dashboard shows them beside the figures.
"""

from dataclasses import dataclass, field


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str


@dataclass
class Bullets:
    items: list = field(default_factory=list)


@dataclass
class TableBlock:
    table: object  # tables.Table


@dataclass
class FigureBlock:
    chart: str  # a key of charts.CHARTS
    caption: str
    number: int | None = None  # the agency numbers CPO figures 1–4 (5…), then CIPO's


def lines(text):
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]
