"""Small helpers over spaCy tokens shared by the relate modules: offsets, names, lookups."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from eventwire.model import Mention, Resolved
from eventwire.vocab import ActorEntry, Vocab

MAX_NGRAM = 6
STATE_KINDS = frozenset({"name", "short", "demonym", "capital", "metonym"})


def iter_sentences(resolved: Resolved) -> Iterator[tuple[int, int, Any]]:
    """Yield ``(block index, block start offset, sentence span)`` in text order."""
    for b, pblock in enumerate(resolved.parsed.blocks):
        for sent in pblock.sdoc.sents:
            yield b, pblock.block.start, sent


def mention(span: Any, sent: Any, offset: int) -> Mention:
    """A :class:`Mention` for a span of a sentence whose block starts at ``offset``."""
    return Mention(
        text=span.text,
        start=offset + span.start_char,
        end=offset + span.end_char,
        sentence_start=offset + sent.start_char,
        sentence_end=offset + sent.end_char,
    )


def clean_text(text: str) -> str:
    """One line, straight apostrophes, no possessive ending."""
    text = " ".join(text.replace("\u2019", "'").split())
    if text.endswith("'s"):
        text = text[:-2].rstrip()
    return text


def lookup(vocab: Vocab, phrase: str) -> ActorEntry | None:
    """A country or organisation named by ``phrase`` (leading "the" and "'s" dropped)."""
    phrase = clean_text(phrase)
    if not phrase:
        return None
    hit = vocab.actor(phrase)
    if hit is None and phrase.lower().startswith("the "):
        hit = vocab.actor(phrase[4:])
    return hit


def find_actors(vocab: Vocab, tokens: Sequence[Any]) -> list[tuple[int, int, ActorEntry]]:
    """``(first index, end index, entry)`` into ``tokens`` for each name found, longest first."""
    out: list[tuple[int, int, ActorEntry]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_punct or (tok.is_stop and tok.text != "US"):
            i += 1
            continue
        for size in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
            window = tokens[i : i + size]
            if any(window[k + 1].i != window[k].i + 1 for k in range(size - 1)):
                continue
            entry = lookup(vocab, tok.doc[tok.i : window[-1].i + 1].text)
            if entry is not None:
                out.append((i, i + size, entry))
                i += size
                break
        else:
            i += 1
    return out


def is_org(entry: ActorEntry) -> bool:
    """An organisation (``NATO``, ``AU``), not a state name, demonym or capital."""
    return entry.kind not in STATE_KINDS


def join(tokens: Sequence[Any]) -> str:
    """The text of ``tokens`` with the spacing the document gives them."""
    text = "".join(t.text_with_ws for t in tokens).strip()
    return " ".join(text.replace("\u2019", "'").split())
