"""Request and response bodies of the HTTP API (they make its OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_TEXT_CHARS = 2_000_000
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ErrorDetail(BaseModel):
    """What went wrong."""

    type: str = Field(description="A short name of the error, e.g. NotFound, StoreError.")
    message: str = Field(description="What went wrong and what to do about it.")
    doc_id: str | None = Field(description="The document concerned, when there is one.")


class ErrorBody(BaseModel):
    """The one error shape of every 4xx and 5xx answer."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (401, "The API key is needed and was not sent."),
        (403, "Wrong API key, or the server takes no key for this."),
        (404, "No such record."),
        (413, "Request body too large."),
        (415, "Body is not application/json."),
        (400, "Malformed JSON."),
        (422, "Invalid parameters or body."),
        (503, "The database cannot be opened."),
    )
}


class Sentence(BaseModel):
    """The sentence an event was coded from, with its offsets into the article."""

    index: int
    start: int
    end: int
    text: str


class ActorOut(BaseModel):
    """One actor of an event."""

    model_config = ConfigDict(extra="allow")

    text: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    role: str | None = None


class PlaceOut(BaseModel):
    """Where an event happened."""

    model_config = ConfigDict(extra="allow")

    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class EventOut(BaseModel):
    """The SPEC event record, plus the article's ``url`` and the event's ``cluster_id``."""

    model_config = ConfigDict(extra="allow")

    doc_id: str
    event_id: str
    sentence: Sentence
    trigger: str
    type: str
    mode: str | None = None
    context: list[str] = []
    cameo: str
    goldstein: float
    quad_class: int
    source: list[ActorOut]
    target: list[ActorOut]
    date: str | None = None
    date_text: str | None = None
    location: PlaceOut | None = None
    negated: bool = False
    modality: str
    attributed_to: str | None = None
    confidence: float
    url: str | None = None
    cluster_id: int | None = None


class EventPage(BaseModel):
    """One page of events."""

    total: int | None = Field(
        description="Events matching the filters; null with count=false, or when counting "
        "them all would take longer than the server's count_time_limit_ms."
    )
    limit: int
    offset: int
    sort: str
    events: list[EventOut]


class SpanOut(BaseModel):
    """A marked stretch of the article text: ``text[start:end]``."""

    kind: Literal["sentence", "trigger", "source", "target"]
    start: int
    end: int
    label: str


class DocumentEvent(EventOut):
    """An event of a document, with where its sentence, trigger and actors are."""

    spans: list[SpanOut]


class DocumentSummary(BaseModel):
    """A stored document without its text."""

    doc_id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    duplicate_of: str | None = None
    events: int = Field(description="How many events are stored for it.")
    snippet: str | None = Field(default=None, description="Text around the search match.")


class DocumentPage(BaseModel):
    """One page of documents (all of them, or those matching ``q``)."""

    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class DocumentOut(BaseModel):
    """A stored document with its text and every event in it."""

    doc_id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    ingested_at: str | None = None
    duplicate_of: str | None = None
    text: str
    events: list[DocumentEvent]


def _utf8(value: str | None) -> str | None:
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("text is not valid Unicode (lone surrogate)") from exc
        if "\x00" in value:
            raise ValueError("text contains a NUL character")
    return value


class DocumentIn(BaseModel):
    """An article to code and store: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$",
        description="Document id (default: derived from the url, or from the text's hash).",
    )
    text: str | None = Field(
        default=None, min_length=1, max_length=MAX_TEXT_CHARS, description="Plain article text."
    )
    html: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_TEXT_CHARS,
        description="An article page; its text is extracted (trafilatura).",
    )
    url: str | None = Field(
        default=None,
        min_length=1,
        max_length=2000,
        description="An http(s) article address the server fetches (capped, deadline-bound).",
    )
    title: str | None = Field(default=None, max_length=1000, description="Title, if known.")
    published: str | None = Field(
        default=None, description="Publication date YYYY-MM-DD (else the page's metadata)."
    )

    @field_validator("id", "text", "html", "url", "title")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        return _utf8(value)

    @field_validator("url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"(?i)https?://[^\s/]+", value):
            raise ValueError("url must be an absolute http(s) address")
        return value

    @field_validator("published")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if _ISO_DAY.fullmatch(value) is None:
            raise ValueError("published must be YYYY-MM-DD")
        dt.date.fromisoformat(value)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> DocumentIn:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        if self.text is not None and not self.text.strip():
            raise ValueError("text is empty")
        return self


class Stored(BaseModel):
    """What ``POST /api/documents`` did, and the document's events."""

    doc_id: str
    status: Literal["new", "replaced", "unchanged", "duplicate"]
    duplicate_of: str | None = None
    events: list[EventOut]


class ActorCount(BaseModel):
    """An actor code and how often it acts."""

    country: str
    events: int
    as_source: int
    as_target: int
    names: list[str]


class ActorList(BaseModel):
    """Actor codes, most events first."""

    actors: list[ActorCount]


class DayCount(BaseModel):
    """Events on one day in one quad class."""

    date: str
    quad_class: int
    count: int


class TypeCount(BaseModel):
    """Events of one PLOVER type."""

    type: str
    count: int
    goldstein: float


class QuadCount(BaseModel):
    """Events of one quad class."""

    quad_class: int
    count: int


class Dyad(BaseModel):
    """Events from one actor code to another, with their mean Goldstein score."""

    source: str
    target: str
    count: int
    goldstein: float


class Stats(BaseModel):
    """Counts of the events matching the filters."""

    events: int
    dated: dict[str, int] = Field(
        description="Matching events dated to the day, only to a month or year, or not at all."
    )
    store: dict[str, int] = Field(description="What the whole database holds.")
    by_day: list[DayCount]
    by_type: list[TypeCount]
    by_quad: list[QuadCount]
    dyads: list[Dyad]


class RoleOut(BaseModel):
    """A role a person was given, with when and where (roles change: this is history)."""

    role: str
    status: str | None = Field(
        default=None, description="current, former, then, newly or acting, as the text said."
    )
    since: str | None = Field(default=None, description="Start of the role, when a text said.")
    until: str | None = Field(default=None, description="End of the role, when a text said.")
    first_seen: str | None = Field(
        default=None, description="Earliest publication date of an article giving this role."
    )
    last_seen: str | None = Field(
        default=None, description="Latest publication date of an article giving this role."
    )
    documents: list[str] = Field(description="The articles that gave it, oldest first.")


class PersonSummary(BaseModel):
    """One person across every stored article that names them."""

    person_id: int
    name: str = Field(description="The fullest form of the name any article used.")
    aliases: list[str] = Field(description="Other forms of the name the articles used.")
    country: str | None = None
    sector: str | None = None
    role: str | None = Field(default=None, description="The role the latest article gave.")
    role_status: str | None = None
    first_seen: str | None = Field(default=None, description="Earliest publication date.")
    last_seen: str | None = Field(default=None, description="Latest publication date.")
    num_documents: int = Field(description="Articles that name them.")
    num_events: int = Field(description="Stored events in which they are an actor.")


class PersonPage(BaseModel):
    """One page of people, most often named first."""

    total: int
    limit: int
    offset: int
    people: list[PersonSummary]


class PersonDocument(BaseModel):
    """An article naming a person, and what it called them."""

    doc_id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    name: str
    role: str | None = None
    role_status: str | None = None
    role_since: str | None = None
    role_until: str | None = None


class PersonQuote(BaseModel):
    """Words a person was quoted saying: ``text[start:end]`` of the article."""

    doc_id: str
    published: str | None = None
    text: str
    start: int
    end: int


class PersonOut(PersonSummary):
    """A person with their roles over time, articles, events and quotes."""

    roles: list[RoleOut]
    documents: list[PersonDocument]
    events: list[EventOut] = Field(description="Events they act in, by date (at most 100).")
    quotes: list[PersonQuote]


ThingCategory = Literal["agreement", "policy", "operation", "weapon", "organisation"]
ClaimStatus = Literal["asserted", "unverified", "confirmed", "denied"]


class ThingSummary(BaseModel):
    """A named agreement, policy, operation, weapon or organisation across articles."""

    thing_id: int
    name: str
    category: ThingCategory
    acronym: str | None = None
    expansion: str | None = None
    aliases: list[str]
    parties: list[str] = Field(description="Country or organisation codes, most named first.")
    first_seen: str | None = None
    last_seen: str | None = None
    num_documents: int
    lifecycle: int = Field(description="How many lifecycle steps the articles report.")


class ThingPage(BaseModel):
    """One page of named things, most often named first."""

    total: int
    limit: int
    offset: int
    things: list[ThingSummary]


class PartyCount(BaseModel):
    """A party to a thing and how many articles name it as one."""

    party: str
    documents: int


class LifecycleStep(BaseModel):
    """A step in a thing's life (proposed, signed, extended, ...), with its sentence."""

    stage: str
    trigger: str
    date: str | None = Field(default=None, description="The event's date, else publication.")
    doc_id: str
    event_id: str | None = Field(default=None, description="The coded event, when linked.")
    sentence: str


class ThingDocument(BaseModel):
    """An article naming a thing, and the name it used."""

    doc_id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    name: str


class ThingOut(BaseModel):
    """A named thing with its parties, lifecycle in date order and articles."""

    thing_id: int
    name: str
    category: ThingCategory
    acronym: str | None = None
    expansion: str | None = None
    aliases: list[str]
    parties: list[PartyCount]
    first_seen: str | None = None
    last_seen: str | None = None
    num_documents: int
    lifecycle: list[LifecycleStep]
    documents: list[ThingDocument]


class ClaimOut(BaseModel):
    """Something a claimant said was so, with whether it was confirmed or denied."""

    model_config = ConfigDict(extra="allow")

    claim_id: int
    doc_id: str
    event_id: str | None = None
    claimant: str
    claimant_country: str | None = None
    text: str = Field(description="The sentence: ``text[start:end]`` of the article.")
    start: int
    end: int
    about: list[str] = Field(default=[], description="Country codes the claim is about.")
    date: str | None = None
    status: ClaimStatus
    status_by: str | None = Field(default=None, description="Who confirmed or denied it.")
    published: str | None = None
    title: str | None = None
    url: str | None = None


class ClaimPage(BaseModel):
    """One page of claims, newest first."""

    total: int
    limit: int
    offset: int
    claims: list[ClaimOut]
