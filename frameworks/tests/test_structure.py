"""The frameworks' structure kept by each process: read once, forgotten at once on a change here,
read again when another process's change has moved the shared version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frameworks import loader, structure
from frameworks.models import Criterion, Framework

pytestmark = pytest.mark.django_db


def _criterion(code="CPO-2018"):
    return next(c for f in structure.frameworks() if f.code == code for c in f.criteria.all())


def test_the_structure_is_read_once_and_then_kept(django_assert_num_queries):
    with django_assert_num_queries(5):  # frameworks, bands, areas, criteria; the levels' points
        first = structure.frameworks()
        points = structure.level_points()
    with django_assert_num_queries(0):
        assert structure.frameworks() is first
        assert structure.level_points() is points
        names = [a.name for f in first for c in f.criteria.all() for a in [c.area]]  # areas set, no query
    assert names and {f.code for f in first} == set(Framework.objects.values_list("code", flat=True))


def test_each_criterion_has_its_levels_points():
    criterion = _criterion()
    stored = sorted(criterion.levels.values_list("points", flat=True))
    assert sorted(structure.level_points()[criterion.id]) == stored


def test_a_saved_criterion_is_seen_at_once_in_this_process():
    criterion = Criterion.objects.get(pk=_criterion().pk)
    criterion.name = "Преименуван критерий"
    criterion.save()
    assert _criterion().name == "Преименуван критерий"


def test_a_loaded_framework_is_seen_at_once(cpo_doc):
    structure.frameworks()
    cpo_doc.update(code="CPO-2010", first_year=2010, last_year=2011)  # before CPO-2018: no overlap
    loader.load(cpo_doc)
    assert "CPO-2010" in {f.code for f in structure.frameworks()}


def test_another_process_change_is_seen_on_the_next_call():
    kept = _criterion()
    # Another app server renames the criterion and, after its commit, moves the shared version.
    Criterion.objects.filter(pk=kept.pk).update(name="Променен другаде")
    assert _criterion().name == kept.name  # the version has not moved: still kept
    structure.cache.set(structure.KEY, "moved-by-another-process", None)
    assert _criterion().name == "Променен другаде"


def test_an_emptied_shared_cache_counts_as_a_change():
    first = structure.frameworks()
    structure.cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert structure.frameworks() is not first
    assert len(queries) == 5
