"""A statement compiled once (analysis.statements) answers as its queryset does, whatever values it is run with."""

import pytest

from analysis import counting, figure_queries, figures, statements
from analysis.tests import published_2024
from centres.models import Centre, CentreKind
from reports.models import Submission, SubmissionScore

pytestmark = pytest.mark.django_db

BUILDERS = [
    (Submission, figure_queries.grade_totals_query),
    (SubmissionScore, figure_queries.score_groups_query),
    (SubmissionScore, figure_queries.answers_query),
]


@pytest.fixture
def published(adam):
    published_2024.load(actor=adam)


@pytest.mark.parametrize("include_late", [True, False])
@pytest.mark.parametrize(("model", "build"), BUILDERS)
def test_counted_statements_answer_as_their_querysets(published, model, build, include_late):
    with counting.counting_rule(include_late):
        for year, kind, region in [
            (2024, CentreKind.CPO, None),
            (2024, CentreKind.CIPO, None),
            (2024, CentreKind.CPO, "Пловдив"),
            (2023, CentreKind.CPO, None),
        ]:
            shape = figures._shape(region)
            values = {"year": year, "kind": kind, "region": region}
            assert sorted(statements.rows(model, build, shape, **values)) == sorted(build(shape, **values))
        assert statements.rows(
            Submission, figure_queries.grade_totals_query, figures._shape(None), year=2024, kind="CPO", region=None
        )


def test_trend_statement_answers_as_its_queryset(published):
    for region in (None, "Пловдив"):
        shape = (("1", "2", "3"), bool(region))
        values = {"year": 2024, "kind": CentreKind.CPO, "region": region}
        found = statements.rows(Submission, figure_queries.trend_query, shape, **values)
        assert found
        assert sorted(found) == sorted(figure_queries.trend_query(shape, **values))


def test_licence_statement_binds_dates_as_the_orm_does(published):
    for year, region in [(2024, None), (2024, "Пловдив"), (2011, None)]:
        values = {"region": region, "end": figures.year_end(year), "previous_end": figures.year_end(year - 1)}
        found = statements.rows(Centre, figure_queries.licensed_query, bool(region), **values)
        assert sorted(found) == sorted(figure_queries.licensed_query(bool(region), **values))
    now = {
        kind: n
        for kind, n, _before in statements.rows(
            Centre,
            figure_queries.licensed_query,
            False,
            region=None,
            end=figures.year_end(2024),
            previous_end=figures.year_end(2023),
        )
    }
    assert now[CentreKind.CPO] == 853  # the published analysis's licensed CPO
