"""The stages chained: the only place where one stage's output meets the next one's input.

``run`` yields, per document, either its events or a :class:`DocError` in its place; a bad
document never stops the batch.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventwire.clean import Cleaner
from eventwire.coding import Coder
from eventwire.errors import EventwireError
from eventwire.model import DocError, Document, Event, Related
from eventwire.parse import Parser
from eventwire.read import iter_documents
from eventwire.relate import Relater
from eventwire.resolve import Resolver
from eventwire.settings import Settings
from eventwire.vocab import Vocab, load_vocab

logger = logging.getLogger(__name__)


class Stage(Protocol):
    """A pipeline stage: a name, built from settings and vocabulary, called on one item."""

    name: str

    def __call__(self, item: Any, /) -> Any:
        """Turn one item into the next stage's input."""


STAGES: tuple[tuple[str, type], ...] = (
    ("clean", Cleaner),
    ("parse", Parser),
    ("resolve", Resolver),
    ("code", Coder),
    ("relate", Relater),
)


@dataclass(frozen=True)
class Result:
    """One document's outcome: its events, or the error in their place."""

    doc_id: str
    events: tuple[Event, ...] = ()
    error: DocError | None = None
    words: int = 0


@dataclass(frozen=True)
class RelateResult:
    """One document's events and what the relate stage learned, or the error in their place."""

    doc_id: str
    events: tuple[Event, ...] = ()
    related: Related | None = None
    error: DocError | None = None
    words: int = 0


class Pipeline:
    """The stages, built once and reused for every document.

    Args:
        settings: the effective settings.
        vocab: the vocabulary (loaded from the package when None).
        nlp: an already loaded spaCy pipeline (loaded from ``settings.model`` when None).
        fail_fast: re-raise unexpected exceptions instead of recording them.
    """

    def __init__(
        self,
        settings: Settings,
        vocab: Vocab | None = None,
        *,
        nlp: Any = None,
        fail_fast: bool = False,
    ) -> None:
        self.settings = settings
        self.vocab = vocab or load_vocab()
        self.cleaner = Cleaner(settings, self.vocab)
        self.parser = Parser(settings, self.vocab, nlp=nlp)
        self.resolver = Resolver(settings, self.vocab)
        self.coder = Coder(settings, self.vocab)
        self._relater: Relater | None = None
        self.fail_fast = fail_fast

    @property
    def relater(self) -> Relater:
        """The relate stage, built on first use (``code`` alone never pays for it)."""
        if self._relater is None:
            self._relater = Relater(self.settings, self.vocab)
        return self._relater

    def relate_document(self, doc: Document) -> RelateResult:
        """Run one document through clean, parse, resolve, code and relate."""
        events, related, error = self._run(doc, relater=self.relater)
        if error is not None:
            return RelateResult(doc.id, error=error)
        return RelateResult(doc.id, events, related, words=len(doc.text.split()))

    def relate_paths(
        self, paths: Iterable[Path], *, published: str | None
    ) -> Iterator[RelateResult]:
        """Read files, folders or JSONL and relate every document in them (read errors pass)."""
        docs = iter_documents(list(paths), published=published, max_bytes=self.settings.max_bytes)
        for item in docs:
            if isinstance(item, DocError):
                yield RelateResult(item.doc_id, error=item)
            else:
                yield self.relate_document(item)

    def code_document(self, doc: Document) -> Result:
        """Run one document through clean, parse, resolve and code."""
        events, _, error = self._run(doc, relater=None)
        if error is not None:
            return Result(doc.id, error=error)
        return Result(doc.id, events=events, words=len(doc.text.split()))

    def _run(
        self, doc: Document, *, relater: Relater | None
    ) -> tuple[tuple[Event, ...], Related | None, DocError | None]:
        """The stages on one document: its events, what relate found, or the error instead."""
        stage = "clean"
        related = None
        try:
            cleaned = self.cleaner(doc)
            # strings interned while parsing one document are freed after it: memory stays
            # flat over a long run (the records leave the zone as plain Python values)
            with self.parser.nlp.memory_zone():
                stage = "parse"
                parsed = self.parser(cleaned)
                stage = "resolve"
                resolved = self.resolver(parsed)
                stage = "code"
                events = tuple(self.coder(resolved))
                if relater is not None:
                    stage = "relate"
                    related = relater(resolved, events)
        except EventwireError as exc:
            return (), None, _doc_error(doc.id, exc.stage or stage, exc)
        except Exception as exc:  # the per-document boundary: a bug, recorded, batch goes on
            if self.fail_fast:
                raise
            logger.debug("bug on %s:\n%s", doc.id, traceback.format_exc())
            return (), None, _doc_error(doc.id, stage, exc)
        return events, related, None

    def run(self, items: Iterable[Document | DocError]) -> Iterator[Result]:
        """Code documents (and pass read errors through) in order."""
        for item in items:
            if isinstance(item, DocError):
                yield Result(item.doc_id, error=item)
                continue
            yield self.code_document(item)

    def run_paths(self, paths: Iterable[Path], *, published: str | None) -> Iterator[Result]:
        """Read files, folders or JSONL and code every document in them."""
        docs = iter_documents(list(paths), published=published, max_bytes=self.settings.max_bytes)
        return self.run(docs)


def _doc_error(doc_id: str, stage: str, exc: BaseException) -> DocError:
    message = exc.message if isinstance(exc, EventwireError) else f"{type(exc).__name__}: {exc}"
    return DocError(doc_id=doc_id, stage=stage, type=type(exc).__name__, message=message)
