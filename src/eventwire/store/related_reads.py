"""Reading people, things, claims and quotes; mixed into :class:`~eventwire.store.Store`."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from eventwire.store import rows
from eventwire.store.query import like_escape, period_conditions
from eventwire.store.relations import fold_tokens

_PERSON_COLUMNS = (
    "p.person_id, p.name, p.country, p.sector, p.first_seen, p.last_seen, p.num_documents"
)
_THING_COLUMNS = (
    "t.thing_id, t.name, t.category, t.acronym, t.expansion, t.first_seen, t.last_seen, "
    "t.num_documents"
)
_CLAIM_COLUMNS = (
    "c.id, c.doc_id, c.event_id, c.claimant, c.claimant_country, c.status, c.status_by, c.date, "
    'c.published, c.text, c.start, c."end", c.record, d.title, d.url'
)


def _like(text: str) -> str:
    return f"%{like_escape(text)}%"


def _name_like(name: str) -> str:
    """A LIKE pattern over folded name keys: every folded word of ``name`` in any order."""
    return "%" + "%".join(sorted(fold_tokens(name))) + "%"


class RelatedReads:
    """Queries over people, things, claims and quotes."""

    @property
    def conn(self) -> sqlite3.Connection:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def _listed(
        self,
        select: str,
        where: tuple[str, list[Any]],
        order: str,
        limit: int | None,
        offset: int,
    ) -> list[sqlite3.Row]:
        sql = f"{select}{where[0]} ORDER BY {order} LIMIT ? OFFSET ?"
        return self.conn.execute(
            sql, [*where[1], -1 if limit is None else limit, offset]
        ).fetchall()

    def _counted(self, table: str, where: tuple[str, list[Any]]) -> int:
        return int(
            self.conn.execute(f"SELECT COUNT(*) FROM {table}{where[0]}", where[1]).fetchone()[0]
        )

    def _aliases(self, sql: str, key: int, exclude: tuple[str | None, ...]) -> list[str]:
        """Every name the mention rows (``name``, ``record``) give, in order, but ``exclude``."""
        aliases: dict[str, None] = {}
        for name, record in self.conn.execute(sql, (key,)):
            for alias in (name, *json.loads(record).get("aliases", [])):
                if alias not in exclude:
                    aliases[alias] = None
        return list(aliases)

    # --- people --------------------------------------------------------------------------

    def _people_where(
        self, name: str | None, country: str | None, role: str | None
    ) -> tuple[str, list[Any]]:
        conds: list[str] = []
        args: list[Any] = []
        if name:
            conds.append(
                "p.person_id IN (SELECT person_id FROM person_names WHERE name_key LIKE ?)"
            )
            args.append(_name_like(name))
        if country:
            conds.append("p.country = ?")
            args.append(country.upper())
        if role:
            conds.append(
                "p.person_id IN (SELECT person_id FROM person_mentions "
                "WHERE role LIKE ? ESCAPE '\\')"
            )
            args.append(_like(role))
        return (" WHERE " + " AND ".join(conds)) if conds else "", args

    def people(
        self,
        *,
        name: str | None = None,
        country: str | None = None,
        role: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """People matching the filters, most often mentioned first.

        Args:
            name: words of the name, in any order (case and accents ignored).
            country: the person's country code.
            role: text within any role a document gave them.
            limit: at most this many (None for all).
            offset: skip this many first.

        Returns:
            One dict per person: ``person_id``, ``name``, ``aliases``, ``country``,
            ``sector``, ``role`` and ``role_status`` (as the latest document gave them),
            ``first_seen``, ``last_seen``, ``num_documents``, ``num_events``.
        """
        found = self._listed(
            f"SELECT {_PERSON_COLUMNS} FROM people p",
            self._people_where(name, country, role),
            "p.num_documents DESC, p.name, p.person_id",
            limit,
            offset,
        )
        return [self._person_summary(row) for row in found]

    def count_people(
        self, *, name: str | None = None, country: str | None = None, role: str | None = None
    ) -> int:
        """How many people :meth:`people` would list without a limit."""
        return self._counted("people p", self._people_where(name, country, role))

    def _person_summary(self, row: sqlite3.Row) -> dict[str, Any]:
        out = dict(row)
        out["aliases"] = self._aliases(
            "SELECT name, record FROM person_mentions WHERE person_id = ? ORDER BY published, id",
            row["person_id"],
            (row["name"],),
        )
        latest = self.conn.execute(
            "SELECT role, role_status FROM person_mentions "
            "WHERE person_id = ? AND role IS NOT NULL ORDER BY published DESC, id DESC LIMIT 1",
            (row["person_id"],),
        ).fetchone()
        out["role"] = latest["role"] if latest else None
        out["role_status"] = latest["role_status"] if latest else None
        out["num_events"] = int(
            self.conn.execute(
                "SELECT COUNT(*) FROM person_events WHERE person_id = ?", (row["person_id"],)
            ).fetchone()[0]
        )
        return out

    def person(self, person_id: int, *, events: int = 100) -> dict[str, Any] | None:
        """One person with their roles over time, documents, events and quotes.

        Args:
            person_id: the stored person.
            events: at most this many of their events (by date).

        Returns:
            The :meth:`people` dict plus ``roles`` (each distinct role and status with the
            first and last publication dates it was given, ``since``/``until`` where a text
            said, and the documents), ``documents``, ``events`` (SPEC records with ``url``)
            and ``quotes``; None when there is no such person.
        """
        row = self.conn.execute(
            f"SELECT {_PERSON_COLUMNS} FROM people p WHERE p.person_id = ?", (person_id,)
        ).fetchone()
        if row is None:
            return None
        out = self._person_summary(row)
        mentions = self.conn.execute(
            "SELECT m.doc_id, m.published, m.name, m.role, m.role_status, m.role_since, "
            "m.role_until, d.title, d.url FROM person_mentions m "
            "JOIN documents d ON d.doc_id = m.doc_id WHERE m.person_id = ? "
            "ORDER BY m.published, m.id",
            (person_id,),
        ).fetchall()
        out["documents"] = [dict(m) for m in mentions]
        out["roles"] = _role_history(mentions)
        out["events"] = [
            {**rows.spec_dict(record), "url": url}
            for record, url in self.conn.execute(
                "SELECT e.record, d.url FROM person_events pe "
                "JOIN events e ON e.id = pe.event_rowid "
                "JOIN documents d ON d.doc_id = e.doc_id WHERE pe.person_id = ? "
                "ORDER BY e.date, e.id LIMIT ?",
                (person_id, events),
            )
        ]
        out["quotes"] = [
            dict(q)
            for q in self.conn.execute(
                'SELECT q.doc_id, q.text, q.start, q."end", d.published FROM quotes q '
                "JOIN documents d ON d.doc_id = q.doc_id WHERE q.person_id = ? "
                "ORDER BY d.published, q.id",
                (person_id,),
            )
        ]
        return out

    # --- things --------------------------------------------------------------------------

    def _things_where(
        self, name: str | None, category: str | None, party: str | None
    ) -> tuple[str, list[Any]]:
        conds: list[str] = []
        args: list[Any] = []
        if name:
            conds.append("t.thing_id IN (SELECT thing_id FROM thing_names WHERE name_key LIKE ?)")
            args.append(_name_like(name))
        if category:
            conds.append("t.category = ?")
            args.append(category)
        if party:
            conds.append("t.thing_id IN (SELECT thing_id FROM thing_parties WHERE party = ?)")
            args.append(party.upper())
        return (" WHERE " + " AND ".join(conds)) if conds else "", args

    def things(
        self,
        *,
        name: str | None = None,
        category: str | None = None,
        party: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Named things matching the filters, most often mentioned first.

        Args:
            name: words of a name, acronym or expansion, in any order.
            category: ``agreement``, ``policy``, ``operation``, ``weapon`` or ``organisation``.
            party: a country or organisation code among its parties.
            limit: at most this many (None for all).
            offset: skip this many first.

        Returns:
            One dict per thing: ``thing_id``, ``name``, ``category``, ``acronym``,
            ``expansion``, ``aliases``, ``parties``, ``first_seen``, ``last_seen``,
            ``num_documents``, ``lifecycle`` (number of steps).
        """
        found = self._listed(
            f"SELECT {_THING_COLUMNS} FROM things t",
            self._things_where(name, category, party),
            "t.num_documents DESC, t.name, t.thing_id",
            limit,
            offset,
        )
        return [self._thing_summary(row) for row in found]

    def count_things(
        self, *, name: str | None = None, category: str | None = None, party: str | None = None
    ) -> int:
        """How many things :meth:`things` would list without a limit."""
        return self._counted("things t", self._things_where(name, category, party))

    def _thing_summary(self, row: sqlite3.Row) -> dict[str, Any]:
        out = dict(row)
        out["aliases"] = self._aliases(
            "SELECT name, record FROM thing_mentions WHERE thing_id = ? ORDER BY published, id",
            row["thing_id"],
            (row["name"], row["acronym"]),
        )
        out["parties"] = [
            p[0]
            for p in self.conn.execute(
                "SELECT party FROM thing_parties WHERE thing_id = ? GROUP BY party "
                "ORDER BY COUNT(*) DESC, party",
                (row["thing_id"],),
            )
        ]
        out["lifecycle"] = int(
            self.conn.execute(
                "SELECT COUNT(*) FROM thing_lifecycle WHERE thing_id = ?", (row["thing_id"],)
            ).fetchone()[0]
        )
        return out

    def thing(self, thing_id: int) -> dict[str, Any] | None:
        """One thing with its parties, lifecycle and documents.

        Returns:
            The :meth:`things` dict, where ``parties`` becomes a list of ``{party,
            documents}`` and ``lifecycle`` the steps in date order (``stage``, ``trigger``,
            ``date``, ``doc_id``, ``event_id``, ``sentence``); plus ``documents``. None when
            there is no such thing.
        """
        row = self.conn.execute(
            f"SELECT {_THING_COLUMNS} FROM things t WHERE t.thing_id = ?", (thing_id,)
        ).fetchone()
        if row is None:
            return None
        out = self._thing_summary(row)
        out["parties"] = [
            {"party": p, "documents": n}
            for p, n in self.conn.execute(
                "SELECT party, COUNT(*) FROM thing_parties WHERE thing_id = ? GROUP BY party "
                "ORDER BY COUNT(*) DESC, party",
                (thing_id,),
            )
        ]
        out["lifecycle"] = [
            dict(step)
            for step in self.conn.execute(
                "SELECT l.stage, l.trigger, l.date, l.doc_id, l.event_id, "
                "substr(d.text, l.sentence_start + 1, l.sentence_end - l.sentence_start) "
                "AS sentence FROM thing_lifecycle l JOIN documents d ON d.doc_id = l.doc_id "
                "WHERE l.thing_id = ? ORDER BY l.date, l.id",
                (thing_id,),
            )
        ]
        out["documents"] = [
            dict(d)
            for d in self.conn.execute(
                "SELECT m.doc_id, m.published, m.name, d.title, d.url FROM thing_mentions m "
                "JOIN documents d ON d.doc_id = m.doc_id WHERE m.thing_id = ? "
                "ORDER BY m.published, m.id",
                (thing_id,),
            )
        ]
        return out

    # --- claims --------------------------------------------------------------------------

    def _claims_where(
        self,
        status: str | None,
        claimant: str | None,
        country: str | None,
        about: str | None,
        since: str | None,
        until: str | None,
    ) -> tuple[str, list[Any]]:
        conds: list[str] = []
        args: list[Any] = []
        if status:
            conds.append("c.status = ?")
            args.append(status)
        if claimant:
            conds.append("c.claimant LIKE ? ESCAPE '\\'")
            args.append(_like(claimant))
        if country:
            conds.append("c.claimant_country = ?")
            args.append(country.upper())
        if about:
            conds.append(
                "EXISTS (SELECT 1 FROM json_each(c.record, '$.about') j WHERE j.value = ?)"
            )
            args.append(about.upper())
        # the events' date rule: the period the claim's date names overlaps the range
        dated, dated_args = period_conditions(
            "COALESCE(c.date, c.published)", since or None, until or None
        )
        conds += dated
        args += dated_args
        return (" WHERE " + " AND ".join(conds)) if conds else "", args

    def claims(
        self,
        *,
        status: str | None = None,
        claimant: str | None = None,
        country: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Claims matching the filters, newest first.

        Args:
            status: ``asserted``, ``unverified``, ``confirmed`` or ``denied``.
            claimant: text within the claimant's name.
            country: the claimant's country code.
            about: a country code the claim is about.
            since: on or after this date (the event's date, else publication); a day, month
                or year, matched as the events are (the periods overlap).
            until: on or before this date.
            limit: at most this many (None for all).
            offset: skip this many first.

        Returns:
            The stored claim records (``doc_id``, ``kind``, ``claimant``, ``text``, ``status``
            ...) with ``claim_id``, ``title``, ``url`` and ``published`` of the document.
        """
        where, args = self._claims_where(status, claimant, country, about, since, until)
        sql = (
            f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.doc_id = c.doc_id"
            f"{where} ORDER BY COALESCE(c.date, c.published) DESC, c.id LIMIT ? OFFSET ?"
        )
        out = []
        for row in self.conn.execute(sql, [*args, -1 if limit is None else limit, offset]):
            record = json.loads(row["record"])
            record.update(
                claim_id=row["id"],
                event_id=row["event_id"],
                title=row["title"],
                url=row["url"],
                published=row["published"],
            )
            out.append(record)
        return out

    def count_claims(
        self,
        *,
        status: str | None = None,
        claimant: str | None = None,
        country: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        """How many claims :meth:`claims` would list without a limit."""
        where, args = self._claims_where(status, claimant, country, about, since, until)
        sql = f"SELECT COUNT(*) FROM claims c{where}"
        return int(self.conn.execute(sql, args).fetchone()[0])

    def quotes(self, doc_id: str) -> list[dict[str, Any]]:
        """The quotations of one document with their speakers (``person_id`` when resolved)."""
        return [
            dict(q)
            for q in self.conn.execute(
                'SELECT person_id, speaker, speaker_country, text, start, "end" FROM quotes '
                "WHERE doc_id = ? ORDER BY start",
                (doc_id,),
            )
        ]

    def document_people(self, doc_id: str) -> list[dict[str, Any]]:
        """The people one document names, in the order it first names them.

        Returns:
            One dict per person: ``person_id``, ``name`` (the stored name), ``mentioned``
            (what this document called them), ``country``, ``role`` and ``role_status`` as
            this document gave them.
        """
        return [
            dict(row)
            for row in self.conn.execute(
                "SELECT p.person_id, p.name, m.name AS mentioned, p.country, m.role, "
                "m.role_status FROM person_mentions m JOIN people p ON p.person_id = m.person_id "
                "WHERE m.doc_id = ? ORDER BY m.id",
                (doc_id,),
            )
        ]

    def document_things(self, doc_id: str) -> list[dict[str, Any]]:
        """The named things one document names, in the order it first names them.

        Returns:
            One dict per thing: ``thing_id``, ``name`` (the stored name), ``mentioned`` (what
            this document called it) and ``category``.
        """
        return [
            dict(row)
            for row in self.conn.execute(
                "SELECT t.thing_id, t.name, m.name AS mentioned, t.category "
                "FROM thing_mentions m JOIN things t ON t.thing_id = m.thing_id "
                "WHERE m.doc_id = ? ORDER BY m.id",
                (doc_id,),
            )
        ]


def _role_history(mentions: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Each distinct (role, status) with when it was given, in the order first given."""
    history: dict[tuple[str, str | None], dict[str, Any]] = {}
    for m in mentions:
        if not m["role"]:
            continue
        key = (" ".join(fold_tokens(m["role"])), m["role_status"])
        entry = history.get(key)
        if entry is None:
            entry = history[key] = {
                "role": m["role"],
                "status": m["role_status"],
                "since": m["role_since"],
                "until": m["role_until"],
                "first_seen": m["published"],
                "last_seen": m["published"],
                "documents": [],
            }
        entry["since"] = entry["since"] or m["role_since"]
        entry["until"] = entry["until"] or m["role_until"]
        if m["published"] and (entry["first_seen"] is None or m["published"] < entry["first_seen"]):
            entry["first_seen"] = m["published"]
        if m["published"] and (entry["last_seen"] is None or m["published"] > entry["last_seen"]):
            entry["last_seen"] = m["published"]
        entry["documents"].append(m["doc_id"])
    return sorted(history.values(), key=lambda e: (e["first_seen"] or "", e["role"]))
