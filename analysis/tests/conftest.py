import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # Dashboard bodies and charts are cached by data fingerprints; each test starts without them.
    cache.clear()
    yield
    cache.clear()
