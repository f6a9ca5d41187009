"""The same pipeline on Ray Data, for archives: ``eventwire code --engine ray`` and ``load``.

Needs the extra ``eventwire[scale]``. :func:`eventwire.scale.ray.code_on_ray` runs the job
(importing Ray); :func:`load_output` (no Ray needed) stores a job's output in the SQLite store.
See ``docs/scale.md``.
"""

from eventwire.scale.load import LoadSummary, load_output
from eventwire.scale.rows import DOCUMENTS_DIR, ERRORS_DIR, EVENTS_DIR, MANIFEST

__all__ = ["DOCUMENTS_DIR", "ERRORS_DIR", "EVENTS_DIR", "MANIFEST", "LoadSummary", "load_output"]
