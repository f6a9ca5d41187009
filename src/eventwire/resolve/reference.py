"""Pronouns and group references ("they", "the two sides", "he") to the actors they stand for.

A small discourse memory, walked in text order: every noun phrase that names actors is
remembered; a reference takes the most recent entry that fits (a person for "he", a set of
the right size for "the three countries", a single country or organisation for "it").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.model import Actor


@dataclass
class Memory:
    """What the text has mentioned so far, most recent last."""

    people: list[tuple[Actor, ...]] = field(default_factory=list)
    groups: list[tuple[Actor, ...]] = field(default_factory=list)
    singles: list[tuple[Actor, ...]] = field(default_factory=list)
    subjects: list[tuple[Actor, ...]] = field(default_factory=list)

    def remember(
        self, actors: tuple[Actor, ...], *, subject: bool, third_party: bool = False
    ) -> None:
        """Note a resolved phrase (``subject`` when it is a clause subject; ``third_party``
        when it names the mediators or hosts of an act, who are never "the two sides")."""
        if not actors:
            return
        if third_party:
            if subject:
                self.subjects.append(actors)
            return
        countries = {a.country for a in actors if a.country}
        people = [a for a in actors if a.name]
        if len(people) == 1 and len(actors) == 1:
            self.people.append(actors)
        if len(countries) >= 2 or len(actors) >= 2:
            self.groups.append(actors)
        elif countries and not actors[0].name:
            self.singles.append(actors)
        if subject:
            self.subjects.append(actors)

    def person(self) -> tuple[Actor, ...]:
        """The latest person ("he", "his")."""
        return self.people[-1] if self.people else ()

    def group(self, size: int | None) -> tuple[Actor, ...]:
        """The latest set of actors of ``size`` distinct countries (any size ≥ 2 for None/0)."""
        recent = list(reversed(self.groups[-12:]))
        for actors in recent:
            n = len({a.country for a in actors if a.country})
            if size in (None, 0) or size == n:
                return actors
        for actors in recent:
            if size == len(actors):
                return actors
        if self.subjects and (size in (None, 0)):
            return self.subjects[-1]
        return ()

    def single(self) -> tuple[Actor, ...]:
        """The latest single country or organisation ("it", "its")."""
        for actors in reversed(self.subjects[-6:]):
            if len(actors) == 1 and not actors[0].name and actors[0].country:
                return actors
        return self.singles[-1] if self.singles else ()

    def plural(self) -> tuple[Actor, ...]:
        """The latest plural subject ("they"), else the latest group."""
        for actors in reversed(self.subjects[-4:]):
            if len(actors) >= 2:
                return actors
        if self.subjects and not self.subjects[-1][0].name:
            return self.subjects[-1]
        return self.group(None)
