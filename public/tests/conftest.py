import pytest
from django.core.cache import cache

from public import records


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """Each test starts with no cached page and no snapshot: the database is new for each test."""
    cache.clear()
    records.forget()
    yield
    cache.clear()
    records.forget()
