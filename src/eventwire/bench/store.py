"""Store benchmark (``eventwire bench --store``): build a synthetic event database, time queries.

The database holds ``n_events`` realistic events (ten per article, real PLOVER/CAMEO codes,
60 countries with a skew towards the big ones, day/month/unknown dates over 2015-2024,
sentences from templates), loaded with :meth:`Store.put_many`. Each query is run three
times and the best time is kept, in milliseconds, fetching one page of 100 records.
"""

from __future__ import annotations

import functools
import gc
import random
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from eventwire.model import Actor, Document, Event, Place, Sentence
from eventwire.store import EventQuery, Store

EVENTS_PER_DOC = 10
PAGE = 100
SENTENCE_STRIDE = 160  # each synthetic sentence starts at index * 160 in its article

# (PLOVER type, mode, CAMEO, Goldstein, quad class, trigger, sentence template)
_KINDS: tuple[tuple[str, str | None, str, float, int, str, str], ...] = (
    (
        "CONSULT",
        "visit",
        "043",
        2.8,
        1,
        "met",
        "{s} President {p} met {t} counterpart in {c} on {d} to discuss {topic}.",
    ),
    (
        "CONSULT",
        None,
        "040",
        1.0,
        1,
        "talks",
        "{s} and {t} officials held talks on {topic} in {c}, the foreign ministry said.",
    ),
    (
        "AGREE",
        None,
        "057",
        8.0,
        2,
        "signed",
        "{s} signed an agreement with {t} on {topic} after months of negotiations.",
    ),
    (
        "COOPERATE",
        None,
        "061",
        6.4,
        2,
        "cooperate",
        "{s} and {t} agreed to cooperate on {topic}, officials in {c} said on {d}.",
    ),
    (
        "AID",
        None,
        "073",
        7.4,
        2,
        "sent",
        "{s} sent humanitarian aid to {t} after the floods, the {topic} ministry said.",
    ),
    (
        "REQUEST",
        None,
        "020",
        3.0,
        1,
        "urged",
        "{s} urged {t} to return to negotiations over {topic}.",
    ),
    (
        "ACCUSE",
        None,
        "112",
        -2.0,
        3,
        "accused",
        "{s} accused {t} of violating the ceasefire near {c} on {d}.",
    ),
    (
        "REJECT",
        None,
        "120",
        -4.0,
        3,
        "rejected",
        "{s} rejected {t}'s proposal on {topic}, calling it a provocation.",
    ),
    (
        "THREATEN",
        None,
        "138",
        -7.0,
        3,
        "threatened",
        "{s} threatened {t} with retaliation over {topic}.",
    ),
    (
        "SANCTION",
        None,
        "163",
        -8.0,
        4,
        "imposed sanctions",
        "{s} imposed sanctions on {t} over its {topic} programme.",
    ),
    (
        "ASSAULT",
        None,
        "190",
        -10.0,
        4,
        "attacked",
        "{s} forces attacked {t} positions near {c} early on {d}, killing several soldiers.",
    ),
    (
        "MOBILIZE",
        None,
        "154",
        -7.2,
        4,
        "deployed",
        "{s} deployed troops to the border with {t} amid tension over {topic}.",
    ),
)
_COUNTRIES = (
    "USA",
    "CHN",
    "RUS",
    "UKR",
    "GBR",
    "FRA",
    "DEU",
    "JPN",
    "KOR",
    "PRK",
    "IND",
    "PAK",
    "IRN",
    "ISR",
    "PSE",
    "SYR",
    "IRQ",
    "TUR",
    "SAU",
    "EGY",
    "ETH",
    "SDN",
    "SSD",
    "NGA",
    "ZAF",
    "KEN",
    "MMR",
    "THA",
    "VNM",
    "PHL",
    "IDN",
    "AUS",
    "BRA",
    "ARG",
    "MEX",
    "COL",
    "VEN",
    "CUB",
    "CAN",
    "POL",
    "ITA",
    "ESP",
    "SWE",
    "FIN",
    "NOR",
    "AFG",
    "YEM",
    "LBY",
    "MLI",
    "NER",
    "BFA",
    "SOM",
    "LKA",
    "BGD",
    "NPL",
    "KHM",
    "TWN",
    "QAT",
    "ARE",
    "UNO",
)
_TOPICS = (
    "nuclear weapons",
    "trade tariffs",
    "the border dispute",
    "grain exports",
    "refugees",
    "energy supplies",
    "the peace process",
    "missile launches",
    "maritime security",
    "climate finance",
    "debt relief",
    "election observers",
    "prisoner exchanges",
    "counterterrorism",
    "fishing rights",
    "the pipeline",
    "vaccine supplies",
    "water sharing",
)
_CITIES = (
    ("Phnom Penh", "KHM", 11.56, 104.92),
    ("Geneva", "CHE", 46.2, 6.15),
    ("Brussels", "BEL", 50.85, 4.35),
    ("Kyiv", "UKR", 50.45, 30.52),
    ("Addis Ababa", "ETH", 9.03, 38.74),
    ("Doha", "QAT", 25.29, 51.53),
    ("New York", "USA", 40.71, -74.0),
    ("Beijing", "CHN", 39.9, 116.4),
)
_NAMES = ("Lee", "Okafor", "Tanaka", "Ivanova", "Haddad", "Silva", "Novak", "Mensah")


def _templates(rng: random.Random) -> list[Event]:
    """A pool of distinct, fully validated events to copy from."""
    weights = [1.0 / (i + 1) ** 0.7 for i in range(len(_COUNTRIES))]
    pool = []
    for n in range(4000):
        type_, mode, cameo, goldstein, quad, trigger, template = rng.choice(_KINDS)
        src, tgt = rng.choices(_COUNTRIES, weights, k=2)
        city, city_country, lat, lon = rng.choice(_CITIES)
        text = template.format(
            s=src, t=tgt, p=rng.choice(_NAMES), c=city, d="Sunday", topic=rng.choice(_TOPICS)
        )
        pool.append(
            Event(
                doc_id="x",
                event_id="x",
                sentence=Sentence(index=0, start=0, end=len(text), text=text),
                trigger=trigger,
                type=type_,
                mode=mode,
                context=["diplomatic"] if quad <= 2 else ["military"],
                cameo=cameo,
                goldstein=goldstein,
                quad_class=quad,
                source=[Actor(text=src, country=src, sector="GOV", start=0, end=3)],
                target=[Actor(text=tgt, country=tgt, sector="GOV" if n % 3 else "MIL")],
                date_text="on Sunday",
                location=Place(text=city, name=city, country=city_country, lat=lat, lon=lon)
                if n % 4
                else None,
                confidence=round(rng.uniform(0.3, 0.95), 2),
            )
        )
    return pool


def synthetic(n_events: int, *, seed: int = 7) -> Iterator[tuple[Document, Sequence[Event]]]:
    """``(document, events)`` pairs holding ``n_events`` synthetic events in all."""
    rng = random.Random(seed)
    pool = _templates(rng)
    sentences: dict[tuple[int, int], Sentence] = {}
    n_docs = -(-n_events // EVENTS_PER_DOC)
    for i in range(n_docs):
        doc_id = f"syn-{i:07d}"
        day = 1 + rng.randrange(3650)
        year, rest = 2015 + day // 365, day % 365
        month, dom = 1 + min(rest // 31, 11), 1 + rest % 28
        published = f"{year}-{month:02d}-{dom:02d}"
        events = []
        for j in range(min(EVENTS_PER_DOC, n_events - i * EVENTS_PER_DOC)):
            t = rng.randrange(len(pool))
            template = pool[t]
            sent = sentences.get((t, j))
            if sent is None:
                start = j * SENTENCE_STRIDE
                sent = template.sentence.model_copy(
                    update={"index": j, "start": start, "end": start + template.sentence.end}
                )
                sentences[(t, j)] = sent
            r = rng.random()
            date = published if r < 0.7 else published[:7] if r < 0.9 else None
            events.append(
                template.model_copy(
                    update={
                        "doc_id": doc_id,
                        "event_id": f"{doc_id}:{j}:0",
                        "sentence": sent,
                        "date": date,
                    }
                )
            )
        text = "".join(event.sentence.text.ljust(SENTENCE_STRIDE) for event in events)
        url = f"https://news{i % 97}.example.com/{year}/{month:02d}/{doc_id}"
        yield Document(id=doc_id, url=url, published=published, text=text), events


def _best_ms(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 2)


QUERIES: dict[str, EventQuery] = {
    "actor_type_ms": EventQuery(actor="KOR", type="CONSULT", limit=PAGE),
    "date_quad_ms": EventQuery(since="2022-11-01", until="2022-11-30", quad=4, limit=PAGE),
    "text_ms": EventQuery(text="sanctions pipeline", limit=PAGE),
    "actor_since_until_ms": EventQuery(
        actor="ETH", since="2020-01-01", until="2021-06-30", limit=PAGE
    ),
    "source_target_ms": EventQuery(source_actor="RUS", target_actor="UKR", limit=PAGE),
    "rare_actor_text_ms": EventQuery(actor="NPL", text="refugees", limit=PAGE),
}


def _fetch(store: Store, query: EventQuery) -> int:
    return sum(1 for _ in store.events(query))


def bench_query(*, n_events: int = 1_000_000, path: Path | None = None) -> dict[str, float]:
    """Build a synthetic store of ``n_events`` events and time filtered queries on it.

    Args:
        n_events: events to generate (ten per document).
        path: the database file to build (it must not exist); a temporary one by default,
            removed afterwards.

    Returns:
        ``build_s`` (generating and loading), ``events``, ``db_mb`` and, per query, its best
        time of three in milliseconds fetching up to 100 records (``*_ms``), plus
        ``count_actor_type_ms`` for a full count.
    """
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        db = path if path is not None else Path(tmp) / "bench.db"
        start = time.perf_counter()
        gc.disable()  # millions of short-lived rows: the cyclic collector only slows the load
        try:
            with Store(db) as store:
                _, loaded = store.put_many(synthetic(n_events))
        finally:
            gc.enable()
        build_s = time.perf_counter() - start
        result: dict[str, float] = {"events": float(loaded), "build_s": round(build_s, 1)}
        with Store(db, readonly=True) as store:
            result["db_mb"] = round(store.stats()["size_bytes"] / 1e6, 1)
            for name, query in QUERIES.items():
                result[name] = _best_ms(functools.partial(_fetch, store, query))
            result["count_actor_type_ms"] = _best_ms(
                lambda: store.count_events(QUERIES["actor_type_ms"])
            )
        return result
