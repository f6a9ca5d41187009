"""Score ``eventwire relate`` records against a gold document's people and things.

Rule 7 of ``eval/FORMAT.md`` and the things rule: a gold person is found when a person record
shares a name form (name or alias, normalised, case-folded) and has the right country; its role
is right when at least half of the gold role's words (less "of", "the", "for", "and") are in
the record's role. A gold thing is found when a thing record shares a name form; its kind is
right when the record's ``category`` equals the gold ``kind``. The first record that qualifies
is the one judged, as in the reference scorer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.evaluate.gold import GoldDoc
from eventwire.evaluate.match import actor_codes, normalize_text

RELATE_KINDS = frozenset({"person", "thing", "claim", "quote"})
_ROLE_STOP = frozenset({"of", "the", "for", "and"})


@dataclass(frozen=True)
class RelateCounts:
    """The counts behind the people and things figures."""

    people: int = 0
    people_found: int = 0
    role_right: int = 0
    things: int = 0
    things_found: int = 0
    kind_right: int = 0

    def __add__(self, other: RelateCounts) -> RelateCounts:
        return RelateCounts(
            **{k: getattr(self, k) + getattr(other, k) for k in self.__dataclass_fields__}
        )

    def to_dict(self) -> dict[str, Any]:
        """The counts and the four figures as a JSON-ready dict."""
        out: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out.update(
            people_rate=_ratio(self.people_found, self.people),
            role_accuracy=_ratio(self.role_right, self.people_found),
            things_rate=_ratio(self.things_found, self.things),
            kind_accuracy=_ratio(self.kind_right, self.things_found),
        )
        return out


@dataclass(frozen=True)
class RelateScore:
    """One document's people and things score with what went wrong, one line each."""

    counts: RelateCounts
    misses: tuple[str, ...] = ()


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def name_forms(record: Mapping[str, Any]) -> set[str]:
    """The normalised, case-folded name and aliases of a record."""
    forms = [record.get("name"), *(record.get("aliases") or [])]
    return {normalize_text(str(f)).lower() for f in forms if f}


def role_agrees(gold: str | None, got: str | None) -> bool:
    """At least half of the gold role's words appear in the extracted role."""
    wanted = set(re.findall(r"[a-z]+", (gold or "").lower())) - _ROLE_STOP
    have = set(re.findall(r"[a-z]+", (got or "").lower()))
    return bool(wanted) and len(wanted & have) / len(wanted) >= 0.5


def split_records(
    records: Iterable[Mapping[str, Any]],
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """Split a mixed stream into (events, relate records) by ``kind``."""
    events: list[Mapping[str, Any]] = []
    related: list[Mapping[str, Any]] = []
    for record in records:
        (related if record.get("kind") in RELATE_KINDS else events).append(record)
    return events, related


def score_relate(gold: GoldDoc, records: Sequence[Mapping[str, Any]]) -> RelateScore:
    """Score one document's relate records against its gold people and things."""
    people = [r for r in records if r.get("kind") == "person"]
    things = [r for r in records if r.get("kind") == "thing"]
    found = role_right = things_found = kind_right = 0
    misses: list[str] = []
    for gp in gold.people:
        forms = name_forms({"name": gp.name, "aliases": list(gp.aliases)})
        hit = next(
            (
                r
                for r in people
                if name_forms(r) & forms and gp.country in actor_codes([r.get("country")])
            ),
            None,
        )
        if hit is None:
            near = next((r for r in people if name_forms(r) & forms), None)
            got = f"country {near.get('country')}" if near else "not found"
            misses.append(f"PERSON {gp.name} [{gp.country}] {gp.role}: {got}")
            continue
        found += 1
        if role_agrees(gp.role, hit.get("role")):
            role_right += 1
        else:
            misses.append(f"ROLE   {gp.name}: want {gp.role!r} got {hit.get('role')!r}")
    for gt in gold.things:
        forms = name_forms({"name": gt.name, "aliases": list(gt.aliases)})
        thing = next((r for r in things if name_forms(r) & forms), None)
        if thing is None:
            misses.append(f"THING  {gt.name} [{gt.kind}]: not found")
            continue
        things_found += 1
        if thing.get("category") == gt.kind:
            kind_right += 1
        else:
            misses.append(f"KIND   {gt.name}: want {gt.kind} got {thing.get('category')}")
    counts = RelateCounts(
        len(gold.people), found, role_right, len(gold.things), things_found, kind_right
    )
    return RelateScore(counts, tuple(misses))


def format_relate_total(counts: RelateCounts) -> str:
    """The total line, as the reference scorer prints it."""
    f = counts.to_dict()
    return (
        f"RELATE people={f['people_rate']:.3f} role={f['role_accuracy']:.3f}"
        f" things={f['things_rate']:.3f} kind={f['kind_accuracy']:.3f}"
    )
