"""Loaded with `-p` before Django is configured: test-only environment defaults.

Tests run with DEBUG off (as Django's test runner forces anyway), so they need a key;
cookies are not marked Secure because the live server for browser tests speaks plain HTTP.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_COOKIES", "0")
