"""Every framework with its structure (grade bands, areas, criteria, level points), kept in each process.

The national figures read the frameworks' structure on every call, and reading it (four queries,
model instances, a fifth for the levels' points) was a third of what the figures cost beyond their
aggregates. Frameworks change by order, a few times a year: each process keeps what it read under
the frameworks' version in the shared cache, which every change moves (a saved or deleted
framework, band, area, criterion, level or section: the signals below; the loader's bulk writes
create or delete a framework, so they move it too). The change forgets this process's copy at once
and moves the shared version after the commit, so another process cannot keep the old rows under
the new version. The objects are shared by the process's callers: read them, never change them.
"""

import threading
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from frameworks.models import Area, Criterion, Framework, GradeBand, Level, Section

KEY = "frameworks-structure-version"
_KEPT = {"version": None, "frameworks": None, "level_points": None}
_LOCK = threading.Lock()


def current_version():
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, uuid.uuid4().hex, None)
        version = cache.get(KEY)
    return version


def changed():
    """A framework's structure changed: forget it here now, everywhere after the commit."""
    forget_here()
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex, None))


def forget_here():
    with _LOCK:
        _KEPT.update(version=None, frameworks=None, level_points=None)


def _read():
    frameworks = list(Framework.objects.prefetch_related("grade_bands", "areas", "criteria"))
    for framework in frameworks:
        # Each criterion's area is the framework's own area object (no join, no second copy).
        areas = {area.id: area for area in framework.areas.all()}
        for criterion in framework.criteria.all():
            if criterion.area_id in areas:  # always, unless the data say otherwise: then read lazily
                Criterion.area.field.set_cached_value(criterion, areas[criterion.area_id])
    # The levels' points in one read, not a related manager per criterion.
    level_points = {}
    for criterion_id, points in Level.objects.values_list("criterion_id", "points"):
        level_points.setdefault(criterion_id, []).append(points)
    return frameworks, {criterion_id: tuple(points) for criterion_id, points in level_points.items()}


def _kept():
    version = current_version()
    with _LOCK:
        if _KEPT["version"] == version and _KEPT["frameworks"] is not None:
            return _KEPT["frameworks"], _KEPT["level_points"]
    frameworks, level_points = _read()  # read after the version: a change meanwhile moves it again
    with _LOCK:
        _KEPT.update(version=version, frameworks=frameworks, level_points=level_points)
    return frameworks, level_points


def frameworks():
    """Every framework, its grade bands, areas and criteria prefetched (each criterion's area set)."""
    return _kept()[0]


def level_points():
    """{criterion id: (its levels' points)} of every framework."""
    return _kept()[1]


def _changed(sender, **kwargs):
    changed()


for _model in (Framework, GradeBand, Area, Criterion, Level, Section):
    for _signal in (post_save, post_delete):
        _signal.connect(_changed, sender=_model, dispatch_uid=f"frameworks.structure.{_model.__name__}")
