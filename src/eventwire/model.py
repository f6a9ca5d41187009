"""The record model: every record that flows between stages or leaves eventwire.

Records are frozen pydantic models. Field names follow SPEC.md's event record. Offsets are
half-open character offsets into ``Document.text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base of all records: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Document(Record):
    """An article as read.

    ``published`` is the publication date (``YYYY-MM-DD``) or None when unknown.
    """

    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    text: str


class Block(Record):
    """A line-level block of a cleaned document.

    ``kind`` says what the cleaner took it for: ``body`` text is coded, the rest is kept
    only for provenance (``headline``, ``standfirst``, ``caption``, ``dateline``, ``boilerplate``,
    ``repeat``). ``ref_date`` is the date that relative expressions in the block resolve against
    (the brief's own date line, else the publication date). ``place`` is the dateline place.
    """

    start: int
    end: int
    kind: Literal["body", "headline", "standfirst", "caption", "dateline", "boilerplate", "repeat"]
    ref_date: str | None = None
    place: str | None = None
    paragraph: int = 0


class Cleaned(Record):
    """A document with its text normalised (same length) and its blocks classified."""

    doc: Document
    blocks: tuple[Block, ...]


class Sentence(Record):
    """A sentence of the document."""

    index: int
    start: int
    end: int
    text: str


class Actor(Record):
    """One resolved actor.

    ``country`` is ISO 3166 alpha-3 or an organisation code (``UNO``, ``NATO``, ``EU`` ...).
    """

    text: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    role: str | None = None
    start: int | None = None
    end: int | None = None


class Place(Record):
    """A resolved place."""

    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class When(Record):
    """A resolved date at the precision the text gives."""

    value: str | None
    text: str | None = None
    precision: Literal["day", "week", "month", "year"] | None = None


class Event(Record):
    """One coded event, exactly the fields of SPEC.md's event record (plus extras)."""

    doc_id: str
    event_id: str
    sentence: Sentence
    trigger: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str
    goldstein: float
    quad_class: int
    source: list[Actor]
    target: list[Actor]
    date: str | None = None
    date_text: str | None = None
    location: Place | None = None
    negated: bool = False
    modality: Literal[
        "asserted", "reported", "intended", "conditional", "threatened", "promised"
    ] = "asserted"
    attributed_to: str | None = None
    confidence: float = 0.5

    def to_json_dict(self) -> dict[str, Any]:
        """Return the SPEC record as a JSON-ready dict."""
        out = self.model_dump(mode="json", exclude_none=False)
        for side in ("source", "target"):
            out[side] = [
                {k: v for k, v in actor.items() if k not in ("start", "end")} for actor in out[side]
            ]
        return out


class DocError(Record):
    """A document that failed, in place of its records; the batch goes on."""

    doc_id: str
    stage: str
    type: str
    message: str


@dataclass(frozen=True)
class ParsedBlock:
    """A body block with its spaCy parse (token offsets are relative to ``block.start``)."""

    block: Block
    sdoc: Any


@dataclass(frozen=True)
class Parsed:
    """A cleaned document with a spaCy ``Doc`` per body block: the one foreign type that
    crosses a stage boundary."""

    cleaned: Cleaned
    blocks: tuple[ParsedBlock, ...]


@dataclass(frozen=True)
class Resolved:
    """A parsed document with its mentions resolved.

    Keys are ``(block index, token index)`` of the head token of a noun phrase or date.
    ``actors`` holds the actor set each head stands for (pronouns and group references
    included); ``dates`` the resolved date expressions; ``places`` the resolved places;
    ``speakers`` the speaker actors of sentences that report speech, keyed by
    ``(block index, sentence start token)``. ``person_country`` is the country people the text
    gives none belong to (the focus country where the story is about it, or names no other);
    ``sole_country`` the focus country where the story is about it alone (named twice, twice
    as often as any other); ``datelines`` maps a block to the country of the dateline in force
    there ("PORT-AU-PRINCE -").
    """

    parsed: Parsed
    actors: Mapping[tuple[int, int], tuple[Actor, ...]]
    dates: Mapping[tuple[int, int], When]
    places: Mapping[tuple[int, int], Place]
    focus_country: str | None = None
    people: tuple[Actor, ...] = field(default_factory=tuple)
    person_country: str | None = None
    sole_country: str | None = None
    datelines: Mapping[int, str] = field(default_factory=dict)


class Mention(Record):
    """Where a person or thing is named: the name's offsets and its sentence's offsets."""

    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


class Person(Record):
    """A named person of one document, with the role and country the text gives.

    ``role_status`` says when the role holds where the text says so: ``current``,
    ``former`` ("former foreign minister"), ``then`` ("then-President"), ``newly``
    ("newly elected", "was sworn in as") or ``acting``; ``role_since`` / ``role_until`` are
    the dates the text gives for taking or leaving office. ``roles`` lists every role phrase
    the text uses for the person, in text order.
    """

    doc_id: str
    kind: Literal["person"] = "person"
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    role_status: Literal["current", "former", "then", "newly", "acting"] | None = None
    role_since: str | None = None
    role_until: str | None = None
    roles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Lifecycle(Record):
    """One step in a thing's life that the text reports, linked to the coded event."""

    stage: Literal["proposed", "signed", "extended", "suspended", "withdrawn", "violated"]
    trigger: str
    event_id: str | None = None
    sentence_start: int
    sentence_end: int


class Thing(Record):
    """A named agreement, policy, operation, weapon or organisation of one document."""

    doc_id: str
    kind: Literal["thing"] = "thing"
    name: str
    aliases: list[str] = Field(default_factory=list)
    category: Literal["agreement", "policy", "operation", "weapon", "organisation"]
    parties: list[str] = Field(default_factory=list)
    acronym: str | None = None
    expansion: str | None = None
    lifecycle: list[Lifecycle] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    named: bool = Field(
        default=False,
        exclude=True,
        description="The text introduces it by name (apposition, 'known as', 'called'): "
        "evidence the relate stage weighs, not part of the record.",
    )


class Claim(Record):
    """A statement the text reports as someone's claim, with its verification status.

    ``status`` is ``asserted`` (the claimant's word only), ``unverified`` (the text says it
    could not be verified), ``confirmed`` or ``denied`` (by ``status_by`` when named).
    ``event_id`` is the first event the claim reports, ``event_ids`` all of them (one sentence
    of a claimant may report several).
    """

    doc_id: str
    kind: Literal["claim"] = "claim"
    claimant: str
    claimant_country: str | None = None
    text: str
    event_id: str | None = None
    event_ids: list[str] = Field(default_factory=list)
    about: list[str] = Field(default_factory=list)
    date: str | None = None
    status: Literal["asserted", "unverified", "confirmed", "denied"] = "asserted"
    status_by: str | None = None
    start: int
    end: int


class Quote(Record):
    """A direct quotation with its speaker resolved to a person or an organisation."""

    doc_id: str
    kind: Literal["quote"] = "quote"
    text: str
    speaker: str | None = None
    speaker_country: str | None = None
    start: int
    end: int


class Related(Record):
    """What the relate stage learned about one document."""

    doc_id: str
    people: tuple[Person, ...] = ()
    things: tuple[Thing, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def records(self) -> tuple[Person | Thing | Claim | Quote, ...]:
        """Every record, people first, then things, claims and quotes."""
        return (*self.people, *self.things, *self.claims, *self.quotes)
