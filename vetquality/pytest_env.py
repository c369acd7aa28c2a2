"""Loaded with `-p` before Django is configured: test-only environment defaults.

Tests run with DEBUG off (as Django's test runner forces anyway), so they need a key;
cookies are not marked Secure because the live server for browser tests speaks plain HTTP.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_COOKIES", "0")
# The second factor is tested on its own (accounts/tests/test_mfa.py switches it on); other tests log
# agency users in with force_login and no authenticator.
os.environ.setdefault("MFA_REQUIRED", "0")
