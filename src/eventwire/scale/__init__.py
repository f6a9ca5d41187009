"""The same pipeline on Ray Data, for archives: ``eventwire code --engine ray`` and ``load``.

Needs the extra ``eventwire[scale]``. :func:`eventwire.scale.ray.code_on_ray` runs the job
(importing Ray); :func:`load_output` (no Ray needed) stores a job's output in the SQLite store.
See ``docs/scale.md``.

``load_output`` is imported on first use: every Ray worker process imports this package
(to run the readers, the coding actor or the writer), and none of them needs the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.scale.rows import DOCUMENTS_DIR, ERRORS_DIR, EVENTS_DIR, MANIFEST

if TYPE_CHECKING:
    from eventwire.scale.load import LoadSummary, load_output

__all__ = ["DOCUMENTS_DIR", "ERRORS_DIR", "EVENTS_DIR", "MANIFEST", "LoadSummary", "load_output"]


def __getattr__(name: str) -> Any:
    if name in ("LoadSummary", "load_output"):
        from eventwire.scale import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
