"""Where each event sits in its article: sentence, trigger and actor spans, and the marked text.

Offsets are half-open character offsets into ``Document.text``. A sentence's span is stored
with the event; an actor's span is the stored one when it holds the actor's text, else the
actor's text found inside the sentence; a trigger's span is the trigger found inside the
sentence (as a whole word, any case), or absent when the trigger is not written there.

:func:`segments` cuts the text at every span boundary into runs that each carry the set of
marks over them, so a page can show overlapping marks (two events in one sentence, an actor of
one event inside another's) as flat, escaped runs, in the spirit of spaCy's displaCy.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from eventwire.model import Actor, Event

Kind = Literal["sentence", "trigger", "source", "target"]


@dataclass(frozen=True)
class Span:
    """One marked stretch of the text.

    Attributes:
        kind: ``sentence``, ``trigger``, ``source`` or ``target`` (actors).
        start: first character.
        end: one past the last character.
        event: index of the event in the document's list.
        label: what to show beside it (an actor's ``KOR GOV``, an event's type).
    """

    kind: Kind
    start: int
    end: int
    event: int
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``GET /api/documents/{id}``."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "label": self.label}


@dataclass
class Segment:
    """A run of text with the same marks over all of it."""

    text: str
    start: int
    kinds: set[str] = field(default_factory=set)
    events: set[int] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)  # actor labels ending here
    anchors: list[int] = field(default_factory=list)  # events whose sentence starts here

    @property
    def css(self) -> str:
        """Space-separated CSS classes of the run's marks."""
        return " ".join(f"m-{kind}" for kind in sorted(self.kinds))

    @property
    def event_list(self) -> str:
        """Space-separated event indexes of the run, for a ``data-`` attribute."""
        return " ".join(str(n) for n in sorted(self.events))


def _find(text: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    needle = needle.strip()
    if not needle:
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    match = pattern.search(text, start, end)
    if match is None:
        return None
    return match.start(), match.end()


def actor_label(actor: Actor) -> str:
    """``KOR GOV``, ``KOR``, or ``?`` when the actor has no code."""
    return " ".join(part for part in (actor.country, actor.sector) if part) or "?"


def _actor_span(text: str, actor: Actor, event: Event) -> tuple[int, int] | None:
    sent = event.sentence
    if (
        actor.start is not None
        and actor.end is not None
        and 0 <= actor.start < actor.end <= len(text)
        and text[actor.start : actor.end].casefold() == actor.text.casefold()
    ):
        return actor.start, actor.end
    # offsets that do not point at the actor's text are not trusted: look in the sentence
    return _find(text, actor.text, sent.start, sent.end)


def event_spans(text: str, event: Event, index: int) -> list[Span]:
    """The sentence, trigger and actor spans of one event (those that can be placed)."""
    sent = event.sentence
    start = max(0, min(sent.start, len(text)))
    end = max(start, min(sent.end, len(text)))
    spans = [Span("sentence", start, end, index, event.type)]
    trigger = _find(text, event.trigger, start, end)
    if trigger is None and " " in event.trigger.strip():
        trigger = _find(text, event.trigger.split()[0], start, end)
    if trigger is not None:
        spans.append(Span("trigger", trigger[0], trigger[1], index, event.type))
    sides: tuple[tuple[Kind, list[Actor]], ...] = (
        ("source", event.source),
        ("target", event.target),
    )
    for kind, actors in sides:
        for actor in actors:
            place = _actor_span(text, actor, event)
            if place is not None:
                spans.append(Span(kind, place[0], place[1], index, actor_label(actor)))
    return spans


def document_spans(text: str, events: list[Event]) -> list[list[Span]]:
    """:func:`event_spans` of each event, in order."""
    return [event_spans(text, event, n) for n, event in enumerate(events)]


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` into runs at every span boundary; each run knows the marks over it."""
    cuts = {0, len(text)}
    for span in spans:
        cuts.add(span.start)
        cuts.add(span.end)
    bounds = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    out: list[Segment] = []
    for left, right in itertools.pairwise(bounds):
        seg = Segment(text=text[left:right], start=left)
        for span in spans:
            if span.start <= left and right <= span.end and span.start < span.end:
                seg.kinds.add(span.kind)
                seg.events.add(span.event)
            if span.kind in ("source", "target") and span.end == right:
                seg.labels.append(span.label)
            if span.kind == "sentence" and span.start == left and span.event not in seg.anchors:
                seg.anchors.append(span.event)
        out.append(seg)
    for seg in out:
        seg.labels = list(dict.fromkeys(seg.labels))
    return out
