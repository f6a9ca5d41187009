"""The one exception hierarchy of eventwire.

::

    EventwireError                 (doc_id, stage, where when known)
    ├── ConfigError                fatal, raised before any document is read
    ├── DataFileError              fatal: a bad file in data/ (path, line, reason)
    ├── InputError                 per document: the batch goes on
    │   ├── ReadError              cannot read: missing, empty, binary, too big, bad encoding
    │   ├── ExtractionError        HTML with no article text
    │   ├── FetchError             a URL or feed that cannot be fetched: network, HTTP status,
    │   │                          redirects, timeout, size cap
    │   └── MissingDateError       a publication date is required and there is none
    ├── StageError                 per document, raised inside a stage
    │   ├── ParseError
    │   ├── ResolveError
    │   └── CodingError
    └── StoreError                 the event database: cannot open, newer schema, failed write
"""

from __future__ import annotations


class EventwireError(Exception):
    """Root of every error eventwire raises on purpose.

    Args:
        message: what went wrong and what to do about it.
        doc_id: the document concerned, when known.
        stage: the pipeline stage, when known.
        where: file:line or character offset, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        doc_id: str | None = None,
        stage: str | None = None,
        where: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.doc_id = doc_id
        self.stage = stage
        self.where = where

    @property
    def detail(self) -> str:
        """The message and where, without the document id (a ``DocError`` carries that)."""
        if self.where and self.where not in self.message:
            return f"{self.message} ({self.where})"
        return self.message

    def __str__(self) -> str:
        prefix = f"{self.doc_id}: " if self.doc_id else ""
        suffix = f" ({self.where})" if self.where else ""
        return f"{prefix}{self.message}{suffix}"


class ConfigError(EventwireError):
    """A bad setting or a missing model package; fatal."""


class DataFileError(EventwireError):
    """A data file in the package is malformed; fatal, raised at load time.

    Args:
        path: the file.
        line: the 1-based line number, or 0 for the whole file.
        reason: what is wrong.
    """

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}", where=f"{path}:{line}")
        self.path = path
        self.line = line
        self.reason = reason


class InputError(EventwireError):
    """A document that cannot be used as input; the batch goes on."""


class ReadError(InputError):
    """The document cannot be read (missing, empty, binary, too large, undecodable)."""


class ExtractionError(InputError):
    """HTML from which no article text could be extracted."""


class FetchError(InputError):
    """A URL or feed that cannot be fetched (network, HTTP status, redirects, timeout, size)."""


class MissingDateError(InputError):
    """A publication date is needed and none was given or found."""


class StageError(EventwireError):
    """A per-document failure inside a pipeline stage."""


class ParseError(StageError):
    """The parser failed on this document."""


class ResolveError(StageError):
    """Actor, date or place resolution failed on this document."""


class CodingError(StageError):
    """Event coding failed on this document."""


class StoreError(EventwireError):
    """The event database cannot be opened, is newer than this code, or a write failed."""
