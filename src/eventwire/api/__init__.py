"""The HTTP API and web UI of ``eventwire serve`` (FastAPI): see ``docs/api.md``.

``create_app(settings, db=...)`` builds the ASGI app. Reads run on read-only connections of
their own, every write on one writer thread; every error answers one shape,
``{"error": {"type", "message", "doc_id"}}``.
"""

from eventwire.api.app import create_app
from eventwire.api.errors import ApiError

__all__ = ["ApiError", "create_app"]
