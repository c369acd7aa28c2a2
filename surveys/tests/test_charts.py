"""Result charts are drawn once per distinct content and kept; different data is never served a kept chart."""

import base64

from matplotlib.figure import Figure

from surveys import charts
from surveys.results import QuestionResult


def result(counts):
    r = QuestionResult("training", "Обучението", "likert", total=sum(counts))
    r.rows = [{"value": str(n), "label": f"{n}", "count": c, "share": None} for n, c in enumerate(counts, 1)]
    return r


def test_the_same_data_is_drawn_once_and_new_data_again(monkeypatch, db):
    drawn = []
    savefig = Figure.savefig
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **k: (drawn.append(1), savefig(self, *a, **k))[1])
    first = charts.distribution_chart(result([1, 2, 3, 4, 5]))
    again = charts.distribution_chart(result([1, 2, 3, 4, 5]))
    changed = charts.distribution_chart(result([1, 2, 3, 4, 6]))
    assert first == again and first != changed
    assert len(drawn) == 2
    # An <img> with the SVG as a data: URI (the CSP forbids the SVG's inline styles in the page); text stays text.
    assert first.startswith('<img class="chart-image" src="data:image/svg+xml;base64,')
    svg = base64.b64decode(first.split("base64,")[1].split('"')[0]).decode()
    assert "<text" in svg


def test_region_index_chart_is_kept_by_its_values(db):
    rows = [{"label": "Пловдив", "index": 80}, {"label": "Варна", "index": 75}]
    assert charts.index_by_group_chart(rows) == charts.index_by_group_chart([dict(r) for r in rows])
    assert charts.index_by_group_chart(rows) != charts.index_by_group_chart([{"label": "Пловдив", "index": 81}])
