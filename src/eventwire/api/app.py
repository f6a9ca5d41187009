"""The FastAPI application: the HTTP API under ``/api``, the web UI, OpenAPI at ``/docs``."""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from eventwire.api import errors
from eventwire.api.routes import documents, events, pages, related, stats
from eventwire.api.security import BodyLimit, SecurityHeaders
from eventwire.api.state import READER_THREADS, AppState
from eventwire.errors import ConfigError
from eventwire.settings import Settings
from eventwire.web import STATIC_DIR

DESCRIPTION = """Political events coded from news articles (PLOVER/CAMEO), each traceable to
its sentence. Reads are open unless the server requires its key for them; writes
(`POST /api/documents`) always need the key. Every error answers
`{"error": {"type", "message", "doc_id"}}`."""


def swagger_static() -> Path:
    """Swagger UI's files, as the ``swagger-ui-py`` package ships them (no CDN)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the swagger-ui-py package is missing; reinstall eventwire")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def create_app(
    settings: Settings | None = None,
    *,
    db: str | Path | None = None,
    make_pipeline: Callable[[], Any] | None = None,
    reader_threads: int = READER_THREADS,
) -> FastAPI:
    """Build the server: API, web UI and docs over one database file.

    Args:
        settings: the effective settings (``Settings()`` when None).
        db: the database; ``settings.db`` when None.
        make_pipeline: builds the pipeline of ``POST /api/documents`` (on the first write);
            ``Pipeline(settings)`` when None.
        reader_threads: read-only connections serving reads in parallel.

    Returns:
        The ASGI app; its lifespan closes every connection on shutdown.
    """
    settings = settings or Settings()
    state = AppState(
        settings,
        Path(db if db is not None else settings.db),
        make_pipeline=make_pipeline,
        reader_threads=reader_threads,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="eventwire",
        version="0.1.0",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.eventwire = state
    app.state.settings = settings
    errors.install(app)
    for module in (events, documents, stats, related, pages):
        app.include_router(module.router)
    app.mount("/static/swagger", StaticFiles(directory=swagger_static()), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
