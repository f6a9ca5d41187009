"""Real article text and hand-coded events for the store and export tests."""

from __future__ import annotations

from pathlib import Path

from eventwire.model import Actor, Document, Event, Place, Sentence

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
SEED = (FIXTURES / "seed-003.txt").read_text(encoding="utf-8")
SEED_URL = "https://thediplomat.com/2022/11/facing-north-koreas-missile-threats/"

PHNOM_PENH = Place(text="Phnom Penh", name="Phnom Penh", country="KHM", lat=11.56, lon=104.92)
YOON = Actor(text="Yoon", country="KOR", sector="GOV", name="Yoon Suk-yeol", role="President")
BIDEN = Actor(
    text="U.S. President Joe Biden", country="USA", sector="GOV", name="Joe Biden", role="President"
)
KISHIDA = Actor(
    text="his Japanese counterpart, Prime Minister Kishida Fumio",
    country="JPN",
    sector="GOV",
    name="Kishida Fumio",
    role="Prime Minister",
)
PRK = Actor(text="North Korean", country="PRK", sector="GOV")


def sentence(text: str, start_phrase: str, index: int) -> Sentence:
    """The sentence of ``text`` that starts with ``start_phrase`` (up to its full stop)."""
    start = text.index(start_phrase)
    end = text.index(". ", start) + 1
    return Sentence(index=index, start=start, end=end, text=text[start:end])


def seed_doc(
    *,
    doc_id: str = "seed-003",
    url: str | None = SEED_URL,
    text: str = SEED,
    published: str = "2022-11-14",
) -> Document:
    return Document(
        id=doc_id,
        url=url,
        title="Facing North Korea's Missile Threats",
        published=published,
        text=text,
    )


def seed_events(doc: Document) -> list[Event]:
    """Three events a careful coder reads in the seed article."""
    met = sentence(doc.text, "South Korean President Yoon Suk-yeol and U.S. President", 8)
    also = sentence(doc.text, "Yoon also met his Japanese counterpart", 14)
    condemn = sentence(doc.text, "During the 45-minute summit", 15)
    yoon_at = doc.text.index("Yoon also met")
    return [
        Event(
            doc_id=doc.id,
            event_id=f"{doc.id}:8:9",
            sentence=met,
            trigger="met",
            type="CONSULT",
            mode="visit",
            context=["diplomatic"],
            cameo="043",
            goldstein=2.8,
            quad_class=1,
            source=[YOON.model_copy(update={"text": "South Korean President Yoon Suk-yeol"})],
            target=[BIDEN],
            date="2022-11-13",
            date_text="on November 13",
            location=PHNOM_PENH,
            confidence=0.91,
        ),
        Event(
            doc_id=doc.id,
            event_id=f"{doc.id}:14:2",
            sentence=also,
            trigger="met",
            type="CONSULT",
            mode="visit",
            context=["diplomatic"],
            cameo="043",
            goldstein=2.8,
            quad_class=1,
            source=[YOON.model_copy(update={"start": yoon_at, "end": yoon_at + 4})],
            target=[KISHIDA],
            date="2022-11-13",
            date_text="on Sunday",
            location=PHNOM_PENH,
            confidence=0.87,
        ),
        Event(
            doc_id=doc.id,
            event_id=f"{doc.id}:15:20",
            sentence=condemn,
            trigger="condemned",
            type="ACCUSE",
            mode=None,
            context=["military"],
            cameo="111",
            goldstein=-2.0,
            quad_class=3,
            source=[YOON, KISHIDA.model_copy(update={"text": "the two sides"})],
            target=[PRK],
            date="2022-11",
            date_text=None,
            location=None,
            modality="asserted",
            confidence=0.74,
        ),
    ]


# A wire report of the same Yoon-Kishida meeting, from another outlet.
WIRE = (
    "PHNOM PENH, Nov 13 (Reuters) - South Korean President Yoon Suk-yeol met Japanese Prime "
    "Minister Fumio Kishida on Sunday for their first formal summit in nearly three years, "
    "Yoon's office said. The two leaders agreed to work towards an early resolution of "
    "pending issues, including compensation for wartime forced labour. They also condemned "
    "North Korea's recent missile launches. "
)
WIRE_URL = "https://www.reuters.com/world/asia-pacific/south-korea-japan-leaders-meet/"


def wire_doc() -> Document:
    return Document(id="wire-1", url=WIRE_URL, published="2022-11-13", text=WIRE)


def wire_events(doc: Document) -> list[Event]:
    met = sentence(doc.text, "PHNOM PENH, Nov 13", 0)
    return [
        Event(
            doc_id=doc.id,
            event_id=f"{doc.id}:0:16",
            sentence=met,
            trigger="met",
            type="CONSULT",
            mode="visit",
            context=["diplomatic"],
            cameo="043",
            goldstein=2.8,
            quad_class=1,
            source=[YOON.model_copy(update={"text": "South Korean President Yoon Suk-yeol"})],
            target=[KISHIDA.model_copy(update={"text": "Japanese Prime Minister Fumio Kishida"})],
            date="2022-11-13",
            date_text="on Sunday",
            location=Place(text="PHNOM PENH", name="Phnom Penh", country="KHM"),
            confidence=0.9,
        ),
    ]


def syndicated_copy(text: str = SEED) -> str:
    """The seed article as a syndicating site runs it: new byline, one extra sentence."""
    body = text.replace("Recent Features", "By Mitch Shin, Seoul bureau", 1)
    return (
        body + "\nThis article first appeared in The Diplomat and is republished with permission."
    )
