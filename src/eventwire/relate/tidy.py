"""Cross-checks between a document's people and things, after both are found.

spaCy's small model tags some places and exercises as PERSON and some surnames as ORG; each
finder alone cannot tell, but together they can: a thing named like a person of the same text
is that person, a bare one-word "person" with no role is usually a place, and a person named
like an operation is that operation.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.model import Claim, Person, Thing
from eventwire.vocab import RelateVocab


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def tidy(
    people: Sequence[Person], things: Sequence[Thing], rv: RelateVocab
) -> tuple[tuple[Person, ...], tuple[Thing, ...]]:
    """Drop the people that are not people and the things that are people or not names."""
    bare = {
        _fold(p.name)
        for p in people
        if len(p.name.split()) == 1 and p.role is None and not p.aliases
    }
    # an organisation named like a person of the text is that person; an operation, weapon,
    # agreement or policy (found by its head word or context) yields only to a person with a role
    person_names = {_fold(n) for p in people for n in (p.name, *p.aliases)}
    with_role = {_fold(n) for p in people if p.role for n in (p.name, *p.aliases)}
    kept_things = tuple(
        t
        for t in things
        if _is_name(t, rv)
        and (
            t.named  # the text names it: "a protest movement known as the Aragalaya"
            or _fold(t.name) not in (person_names if t.category == "organisation" else with_role)
        )
    )
    thing_names = {_fold(n) for t in kept_things for n in (t.name, *t.aliases)}
    kept_people = tuple(
        p for p in people if _fold(p.name) not in bare and _fold(p.name) not in thing_names
    )
    return kept_people, kept_things


def _is_name(thing: Thing, rv: RelateVocab) -> bool:
    if "," in thing.name:  # a list ("Kyiv, Kharkiv, Odesa"), never one thing
        return False
    if thing.category != "organisation" or thing.acronym:
        return True
    if not any(c.isupper() for c in thing.name):
        return False
    words = thing.name.split()
    return not (len(words) == 1 and words[0].casefold() in rv.generic_names)


def merge_claims(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """One claim per claimant and sentence; the events it reports kept in ``event_ids``."""
    merged: dict[tuple[int, str], Claim] = {}
    for claim in claims:
        key = (claim.start, claim.claimant)
        first = merged.get(key)
        ids = [claim.event_id] if claim.event_id else []
        if first is None:
            merged[key] = claim.model_copy(update={"event_ids": ids})
        else:
            about = list(dict.fromkeys([*first.about, *claim.about]))
            merged[key] = first.model_copy(
                update={"event_ids": [*first.event_ids, *ids], "about": about}
            )
    return tuple(merged.values())
