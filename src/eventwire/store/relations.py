"""Writing what the relate stage found: people and things resolved across documents.

A person is matched to a stored one by any folded full name it is known by (the name and
its multi-word aliases, token order ignored) with a compatible country (equal, or unknown on
one side); a surname alone matches only when exactly one stored person of the same country
carries it. A thing is matched by any folded name, acronym or expansion within its
category. Each document adds mention rows with what it said, so roles across articles form a
history; identities left without mentions are removed (see ``related.sql``).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from eventwire.model import Actor, Event, Person, Related, Thing

_PUNCT = str.maketrans({c: " " for c in "-‐‑–—.,'’`\"()"})


def fold_tokens(name: str) -> list[str]:
    """The tokens of ``name``, casefolded, without accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold().translate(_PUNCT).split()


def name_key(name: str) -> str:
    """A matching key for a name: folded tokens, sorted (word order ignored)."""
    return " ".join(sorted(fold_tokens(name)))


def _person_keys(person: Person) -> list[str]:
    names = [person.name, *(a for a in person.aliases if len(fold_tokens(a)) > 1)]
    return list(dict.fromkeys(k for k in map(name_key, names) if k))


def _surname(name: str) -> str:
    tokens = fold_tokens(name)
    return tokens[-1] if tokens else ""


def delete_related(conn: sqlite3.Connection, doc_id: str) -> None:
    """Remove one document's relate rows; prune people and things no longer mentioned."""
    people = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT person_id FROM person_mentions WHERE doc_id = ?", (doc_id,)
        )
    ]
    things = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT thing_id FROM thing_mentions WHERE doc_id = ?", (doc_id,)
        )
    ]
    for table in ("person_mentions", "thing_mentions", "thing_parties", "thing_lifecycle"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM quotes WHERE doc_id = ?", (doc_id,))
    _recount(conn, people, things)


def insert_related(
    conn: sqlite3.Connection,
    related: Related,
    events: Sequence[Event],
    *,
    published: str | None,
) -> tuple[int, int]:
    """Store one document's people, things, claims and quotes; return (people, things) touched.

    ``events`` are the document's events, already inserted (their rows are looked up by id).
    """
    doc_id = related.doc_id
    rowids = _event_rowids(conn, events)
    people: dict[int, Person] = {}
    for person in related.people:
        person_id = _match_person(conn, person)
        people[person_id] = person
        conn.execute(
            "INSERT INTO person_mentions (person_id, doc_id, published, name, country, sector, "
            "role, role_status, role_since, role_until, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                doc_id,
                published,
                person.name,
                person.country,
                person.sector,
                person.role,
                person.role_status,
                person.role_since,
                person.role_until,
                person.model_dump_json(),
            ),
        )
        acts_in = _actor_test(person)
        conn.executemany(
            "INSERT OR IGNORE INTO person_events (person_id, event_rowid) VALUES (?, ?)",
            [(person_id, rowids[e.event_id]) for e in events if acts_in(e)],
        )
    by_event = {e.event_id: e for e in events}
    things: list[int] = []
    for thing in related.things:
        thing_id = _match_thing(conn, thing)
        things.append(thing_id)
        conn.execute(
            "INSERT INTO thing_mentions (thing_id, doc_id, published, name, record) "
            "VALUES (?, ?, ?, ?, ?)",
            (thing_id, doc_id, published, thing.name, thing.model_dump_json()),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO thing_parties (thing_id, doc_id, party) VALUES (?, ?, ?)",
            [(thing_id, doc_id, party) for party in thing.parties],
        )
        conn.executemany(
            "INSERT INTO thing_lifecycle (thing_id, doc_id, stage, trigger, event_id, date, "
            "sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    thing_id,
                    doc_id,
                    step.stage,
                    step.trigger,
                    step.event_id if step.event_id in by_event else None,
                    _step_date(by_event.get(step.event_id or ""), published),
                    step.sentence_start,
                    step.sentence_end,
                )
                for step in thing.lifecycle
            ],
        )
    conn.executemany(
        "INSERT INTO claims (doc_id, event_id, claimant, claimant_country, status, status_by, "
        'date, published, text, start, "end", record) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                doc_id,
                c.event_id if c.event_id in by_event else None,
                c.claimant,
                c.claimant_country,
                c.status,
                c.status_by,
                c.date,
                published,
                c.text,
                c.start,
                c.end,
                c.model_dump_json(),
            )
            for c in related.claims
        ],
    )
    speakers = {name_key(n): pid for pid, p in people.items() for n in (p.name, *p.aliases)}
    conn.executemany(
        'INSERT INTO quotes (doc_id, person_id, speaker, speaker_country, text, start, "end") '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                doc_id,
                speakers.get(name_key(q.speaker)) if q.speaker else None,
                q.speaker,
                q.speaker_country,
                q.text,
                q.start,
                q.end,
            )
            for q in related.quotes
        ],
    )
    _recount(conn, list(people), things)
    return len(people), len(set(things))


def _event_rowids(conn: sqlite3.Connection, events: Sequence[Event]) -> dict[str, int]:
    if not events:
        return {}
    marks = ",".join("?" for _ in events)
    found = conn.execute(
        f"SELECT event_id, id FROM events WHERE event_id IN ({marks})",
        [e.event_id for e in events],
    )
    return {str(r[0]): int(r[1]) for r in found}


def _actor_test(person: Person) -> Callable[[Event], bool]:
    """Whether ``person`` is one of an event's actors (offsets overlap, or the same name)."""
    keys = {name_key(person.name), *map(name_key, person.aliases)}
    spans = [(m.start, m.end) for m in person.mentions]
    return lambda event: any(_is(a, keys, spans) for a in (*event.source, *event.target))


def _is(actor: Actor, keys: set[str], spans: Iterable[tuple[int, int]]) -> bool:
    if actor.name and name_key(actor.name) in keys:
        return True
    if actor.start is None or actor.end is None:
        return False
    return any(actor.start < end and start < actor.end for start, end in spans)


def _step_date(event: Event | None, published: str | None) -> str | None:
    if event is not None and event.date:
        return event.date
    return published[:10] if published else None


def _match_person(conn: sqlite3.Connection, person: Person) -> int:
    keys = _person_keys(person)
    found: int | None = None
    if keys:
        marks = ",".join("?" for _ in keys)
        rows = conn.execute(
            "SELECT DISTINCT p.person_id, p.country FROM person_names n "
            "JOIN people p ON p.person_id = n.person_id "
            f"WHERE n.name_key IN ({marks}) ORDER BY p.person_id",
            keys,
        ).fetchall()
        found = _compatible(rows, person.country)
    surname = _surname(person.name)
    if found is None and len(fold_tokens(person.name)) == 1 and person.country:
        # A surname alone: the one stored person of that country who carries it, if unique.
        rows = conn.execute(
            "SELECT person_id, country FROM people WHERE surname_key = ? AND country = ?",
            (surname, person.country),
        ).fetchall()
        found = int(rows[0][0]) if len(rows) == 1 else None
    if found is None and len(fold_tokens(person.name)) > 1 and person.country:
        # A full name for someone stored under the surname alone: give them the full name.
        rows = conn.execute(
            "SELECT p.person_id FROM people p JOIN person_names n ON n.person_id = p.person_id "
            "WHERE p.surname_key = ? AND p.country = ? AND n.name_key = ?",
            (surname, person.country, surname),
        ).fetchall()
        if len(rows) == 1:
            found = int(rows[0][0])
            conn.execute("UPDATE people SET name = ? WHERE person_id = ?", (person.name, found))
    if found is None:
        cur = conn.execute(
            "INSERT INTO people (name, surname_key, country, sector) VALUES (?, ?, ?, ?)",
            (person.name, surname, person.country, person.sector),
        )
        found = int(cur.lastrowid or 0)
    else:
        conn.execute(
            "UPDATE people SET country = COALESCE(country, ?), sector = COALESCE(sector, ?), "
            "name = CASE WHEN length(?) > length(name) THEN ? ELSE name END, "
            "surname_key = CASE WHEN length(?) > length(name) THEN ? ELSE surname_key END "
            "WHERE person_id = ?",
            (
                person.country,
                person.sector,
                person.name,
                person.name,
                person.name,
                surname,
                found,
            ),
        )
    conn.executemany(
        "INSERT OR IGNORE INTO person_names (name_key, person_id) VALUES (?, ?)",
        [(k, found) for k in (keys or [surname])],
    )
    return found


def _compatible(rows: Sequence[sqlite3.Row], country: str | None) -> int | None:
    """The first candidate with the same country, else one with a country unknown on a side."""
    same = [int(r[0]) for r in rows if country and r[1] == country]
    if same:
        return same[0]
    loose = [int(r[0]) for r in rows if r[1] is None or country is None]
    return loose[0] if loose else None


def _thing_keys(thing: Thing) -> list[str]:
    names = [thing.name, *thing.aliases, thing.acronym or "", thing.expansion or ""]
    return list(dict.fromkeys(k for k in map(name_key, names) if k))


def _match_thing(conn: sqlite3.Connection, thing: Thing) -> int:
    keys = _thing_keys(thing)
    marks = ",".join("?" for _ in keys)
    row = conn.execute(
        "SELECT t.thing_id FROM thing_names n JOIN things t ON t.thing_id = n.thing_id "
        f"WHERE n.name_key IN ({marks}) AND t.category = ? "
        "ORDER BY t.thing_id LIMIT 1",
        [*keys, thing.category],
    ).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO things (name, category, acronym, expansion) VALUES (?, ?, ?, ?)",
            (thing.expansion or thing.name, thing.category, thing.acronym, thing.expansion),
        )
        thing_id = int(cur.lastrowid or 0)
    else:
        thing_id = int(row[0])
        conn.execute(
            "UPDATE things SET acronym = COALESCE(acronym, ?), expansion = COALESCE(expansion, ?), "
            "name = COALESCE(?, name) WHERE thing_id = ?",
            (thing.acronym, thing.expansion, thing.expansion, thing_id),
        )
    conn.executemany(
        "INSERT OR IGNORE INTO thing_names (name_key, thing_id) VALUES (?, ?)",
        [(k, thing_id) for k in keys],
    )
    return thing_id


def _recount(conn: sqlite3.Connection, people: Sequence[int], things: Sequence[int]) -> None:
    """Refresh seen dates and document counts; delete identities with no mention left."""
    for table, key, mentions, ids in (
        ("people", "person_id", "person_mentions", people),
        ("things", "thing_id", "thing_mentions", things),
    ):
        for chunk in _chunks(sorted(set(ids)), 500):
            marks = ",".join("?" for _ in chunk)
            mine = f"FROM {mentions} m WHERE m.{key} = {table}.{key}"
            conn.execute(
                f"UPDATE {table} SET first_seen = (SELECT MIN(published) {mine}), "
                f"last_seen = (SELECT MAX(published) {mine}), "
                f"num_documents = (SELECT COUNT(DISTINCT doc_id) {mine}) WHERE {key} IN ({marks})",
                chunk,
            )
            conn.execute(
                f"DELETE FROM {table} WHERE num_documents = 0 AND {key} IN ({marks})",
                chunk,
            )


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
