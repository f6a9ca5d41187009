"""Stage: resolved mentions and coded events → people, things, claims and quotes.

``Relater`` reads what the text says about the people it names (roles over time), the named
agreements, policies, operations, weapons and organisations (with their parties and the events
of their life), the claims it reports with their verification status, and its quotations.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from eventwire.model import Event, Related, Resolved
from eventwire.relate.claims import find_claims, find_quotes
from eventwire.relate.people import PeopleFinder
from eventwire.relate.things import ThingFinder
from eventwire.relate.tidy import merge_claims, tidy
from eventwire.settings import Settings
from eventwire.vocab import Vocab, load_relate_vocab

__all__ = ["Relater"]


class Relater:
    """Stage: ``(Resolved, events)`` → :class:`~eventwire.model.Related`.

    Args:
        settings: the effective settings.
        vocab: the vocabulary; the relate cue words are loaded beside it.
    """

    name = "relate"

    def __init__(self, settings: Settings, vocab: Vocab) -> None:
        self.settings = settings
        self.vocab = vocab
        self.rv = load_relate_vocab()
        self.people = PeopleFinder(vocab, self.rv)
        self.things = ThingFinder(vocab, self.rv)
        self.seconds = 0.0  # time spent in this stage, for `eventwire bench --relate`

    def __call__(self, resolved: Resolved, events: Sequence[Event] = ()) -> Related:
        """Relate one resolved document and its coded events."""
        started = time.perf_counter()
        try:
            return self._relate(resolved, events)
        finally:
            self.seconds += time.perf_counter() - started

    def _relate(self, resolved: Resolved, events: Sequence[Event]) -> Related:
        doc_id = resolved.parsed.cleaned.doc.id
        people, things = tidy(
            self.people.find(resolved, events, doc_id),
            self.things.find(resolved, events, doc_id),
            self.rv,
        )
        return Related(
            doc_id=doc_id,
            people=people,
            things=things,
            claims=merge_claims(find_claims(resolved, events, self.rv, doc_id)),
            quotes=find_quotes(resolved, doc_id),
        )
