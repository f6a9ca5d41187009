"""Browser fixtures: Debian's chromium driven by Playwright, and real uvicorn servers.

Chromium comes from apt (``make install`` installs it; here too, as root, where missing):
Playwright's own browser download cannot work without the internet.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.api import create_app
from eventwire.api.server import running
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.store import Store
from tests.api.conftest import KEY, build_db
from tests.conftest import ROOT

EXAMPLES = ROOT / "src" / "eventwire" / "data" / "examples" / "articles.jsonl"
CHROMIUM = "/usr/bin/chromium"


def _chromium() -> str:
    if shutil.which("chromium") is None:
        subprocess.run(
            "apt-get update -qq && apt-get install -y -qq chromium",
            shell=True,
            check=False,
            capture_output=True,
        )
    path = shutil.which("chromium") or CHROMIUM
    if not Path(path).exists():
        pytest.fail("chromium is missing: run `make install` (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


# Servers live for one test (they start in well under a second), so the connections their
# threads open are closed when the test ends; the databases are built once.


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The API tests' small database, with the hostile article."""
    return build_db(tmp_path_factory.mktemp("web") / "events.db")


@pytest.fixture
def small_server(small_db: Path) -> Iterator[str]:
    """The small database on a real server."""
    settings = Settings(api_key=KEY)  # type: ignore[arg-type]
    with running(create_app(settings, db=small_db)) as base:
        yield base


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The seven example articles, ingested with the real pipeline."""
    from eventwire.ingest import ingest
    from eventwire.read import iter_sources

    db = tmp_path_factory.mktemp("demo") / "eventwire.db"
    with Store(db) as store:
        items = iter_sources([str(EXAMPLES)], settings=Settings())
        summary = ingest(items, pipeline=pipeline, store=store)
    assert summary.failed == 0
    assert summary.events_added > 50
    return db


@pytest.fixture
def demo_server(demo_db: Path) -> Iterator[str]:
    """The demo database on a real server."""
    with running(create_app(Settings(), db=demo_db)) as base:
        yield base
