"""Pairing extracted events with gold events (``eval/FORMAT.md``, normalisation and rules 0-1, 5).

Extracted events are plain dicts in the SPEC event-record shape: ``sentence`` is
``{"index", "start", "end", "text"}``, ``source``/``target`` are lists of actor dicts with a
``country``, ``location`` is null or ``{"country", ...}``, ``date`` a string or null and
``negated`` a bool. A bare string is also accepted for ``sentence``, ``location`` and actors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventwire.evaluate.gold import GoldEvent

#: Organisation codes kept whole; any other code longer than three letters is read as a
#: CAMEO-style country+sector code (``USAGOV``) and cut to its country.
ORG_CODES: frozenset[str] = frozenset(
    {
        "UNO", "UN", "EU", "NATO", "ASEAN", "AU", "ECOWAS", "IAEA", "OAS", "WHO", "ICC", "IMF",
        "OPEC", "GCC", "SCO", "OSCE", "WTO", "IGO", "NGO", "UNSC", "ICRC", "BRICS", "EAC", "SADC",
        "IGAD", "CSTO",
    }
)  # fmt: skip

_STRAIGHTEN = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201c": '"',  # left double quote
        "\u201d": '"',  # right double quote
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
    }
)
_SPACES = re.compile(r"\s+")

Event = Mapping[str, Any]


def normalize_text(text: str | None) -> str:
    """Normalise text for comparison.

    Unicode NFKC, curly quotes and apostrophes made straight, en and em dashes made ``-``,
    every run of whitespace (non-breaking spaces included) made one space, ends stripped;
    case is kept.

    Args:
        text: any text, or None (read as empty).

    Returns:
        The normalised text.
    """
    text = unicodedata.normalize("NFKC", text or "").translate(_STRAIGHTEN)
    return _SPACES.sub(" ", text).strip()


def reduce_code(code: str) -> str:
    """Reduce an actor code to the country or organisation it counts as.

    Args:
        code: an ISO3 country, organisation or CAMEO-style code (``USAGOV``).

    Returns:
        The code upper-cased; cut to its first three letters when longer than three and not an
        organisation code (``USAGOV`` → ``USA``, ``UNO`` and ``NATO`` kept).
    """
    code = code.strip().upper()
    if len(code) <= 3 or code in ORG_CODES:
        return code
    return code[:3]


def actor_codes(actors: Iterable[Any] | None) -> frozenset[str]:
    """Return the reduced codes of a list of actors.

    Args:
        actors: actor dicts (``country``, else ``code`` or ``org``) or bare code strings.

    Returns:
        The set of reduced codes; actors without a code are left out.
    """
    out: set[str] = set()
    for actor in actors or ():
        code: Any = actor
        if isinstance(actor, Mapping):
            code = actor.get("country") or actor.get("code") or actor.get("org")
        if isinstance(code, str) and code.strip():
            out.add(reduce_code(code))
    return frozenset(out)


def event_sentence(event: Event) -> str:
    """Return an extracted event's sentence text, normalised."""
    sentence = event.get("sentence")
    if isinstance(sentence, Mapping):
        text = sentence.get("text")
    elif isinstance(sentence, str):
        text = sentence
    else:
        text = event.get("sentence_text")
    return normalize_text(text if isinstance(text, str) else "")


def event_date(event: Event) -> str | None:
    """Return an extracted event's date string (``YYYY[-MM[-DD]]``) or None."""
    date = event.get("date")
    if isinstance(date, Mapping):
        date = date.get("value") or date.get("date")
    return str(date) if date else None


def event_location(event: Event) -> str | None:
    """Return an extracted event's location country code, upper-cased, or None."""
    loc = event.get("location")
    if isinstance(loc, Mapping):
        loc = loc.get("country")
    if isinstance(loc, str) and loc.strip():
        return loc.strip().upper()
    return None


def is_negated(event: Event) -> bool:
    """Return whether an event is marked ``negated: true`` (set aside by rule 0)."""
    return event.get("negated") is True


def date_agrees(gold: str, got: str | None) -> bool:
    """Apply rule 5: agree at the gold precision and be no coarser.

    Args:
        gold: the gold date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
        got: the extracted date, or None.

    Returns:
        True when ``got`` starts with ``gold`` and is at least as precise
        (gold ``2022-11``, got ``2022-11-02``: True; gold ``2022-11-13``, got ``2022-11``: False).
    """
    if not got:
        return False
    return len(got) >= len(gold) and got[: len(gold)] == gold


def can_pair(gold: GoldEvent, event: Event) -> bool:
    """Apply rule 1's pair test.

    Args:
        gold: a gold event.
        event: an extracted event.

    Returns:
        True when the event's sentence contains one of the gold sentences, its type is one of
        the gold types, its sources share a code with the gold sources, and its targets agree
        (gold ``[]``: no target; gold ``None``: anything; otherwise a shared code).
    """
    sentence = event_sentence(event)
    if not any(normalize_text(s) in sentence for s in gold.sentences):
        return False
    if event.get("type") not in gold.type:
        return False
    if not actor_codes(event.get("source")) & actor_codes(gold.source):
        return False
    if gold.target is None:
        return True
    targets = actor_codes(event.get("target"))
    if not gold.target:
        return not targets
    return bool(targets & actor_codes(gold.target))


def max_matching(golds: Sequence[GoldEvent], events: Sequence[Event]) -> dict[int, int]:
    """Choose gold/extracted pairs as rule 1 says.

    A maximum bipartite matching by augmenting paths: required gold events are taken first
    (in the order given), then optional ones. An augmenting path never unmatches a gold event
    that is already matched, so the optional events are added without losing a required pair,
    and the result has as many required pairs as possible and as many pairs as possible.

    Args:
        golds: the gold events.
        events: the extracted events (negated ones already set aside).

    Returns:
        A map from gold index to extracted-event index, one entry per pair.
    """
    fits = [[i for i, ev in enumerate(events) if can_pair(g, ev)] for g in golds]
    owner: dict[int, int] = {}  # extracted index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for ei in fits[gi]:
            if ei in seen:
                continue
            seen.add(ei)
            if ei not in owner or augment(owner[ei], seen):
                owner[ei] = gi
                return True
        return False

    order = [i for i, g in enumerate(golds) if not g.optional]
    order += [i for i, g in enumerate(golds) if g.optional]
    for gi in order:
        augment(gi, set())
    return {gi: ei for ei, gi in owner.items()}
