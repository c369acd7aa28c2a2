import pytest

from public import cache


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """Each test starts with no cached page and no snapshot: the database is new for each test."""
    cache.reset()
    yield
    cache.reset()
