"""Store tests: every Store a test opens is closed when it ends (as sqlite-utils does)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.store import Store


@pytest.fixture(autouse=True)
def close_stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    opened: list[Store] = []
    init = Store.__init__

    def tracking(self: Store, *args: Any, **kwargs: Any) -> None:
        opened.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Store, "__init__", tracking)
    yield
    for store in opened:
        store.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


@pytest.fixture
def store(db: Path) -> Store:
    return Store(db)
