"""Fixtures for the read tests: fast limits (the local news site is in tests/conftest.py)."""

from __future__ import annotations

import pytest

from eventwire.settings import Settings


@pytest.fixture
def settings() -> Settings:
    """Fast limits: one second per fetch, a 2 MB cap, three redirects."""
    return Settings(fetch_timeout=1.0, fetch_max_bytes=2_000_000, max_redirects=3)
