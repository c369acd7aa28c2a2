import pytest


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    # The counters live in the cache, which outlives each test's rolled-back transaction.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
