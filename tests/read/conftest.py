"""Fixtures for the read tests: the local news site (one per session) and fast limits."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from eventwire.settings import Settings

from .newssite import Server, Site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield Site(base=server.base)
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def settings() -> Settings:
    """Fast limits: one second per fetch, a 2 MB cap, three redirects."""
    return Settings(fetch_timeout=1.0, fetch_max_bytes=2_000_000, max_redirects=3)
