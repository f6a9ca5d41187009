"""Names to actors: countries, organisations, sectors and people, phrase by phrase.

Works on spaCy tokens; knows nothing of events. The vocabulary comes from ``data/`` through
:class:`~eventwire.vocab.Vocab`; people are learned from the article itself (titles,
appositions), because bare surnames flip between PERSON, GPE and ORG in the NER output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from eventwire.model import Actor
from eventwire.vocab import ActorEntry, Vocab

MAX_NGRAM = 7
# dependency labels that stay inside the noun phrase that names an actor
PHRASE_DEPS = frozenset(
    {
        "compound",
        "amod",
        "poss",
        "nmod",
        "appos",
        "conj",
        "cc",
        "det",
        "nummod",
        "case",
        "punct",
        "quantmod",
        "npadvmod",
        "predet",
        "preconj",
        "dep",
    }
)
# group references: "the two sides", "both countries", "the three leaders"
GROUP_NOUNS = frozenset(
    {
        "side",
        "country",
        "leader",
        "government",
        "nation",
        "party",
        "delegation",
        "representative",
        "minister",
        "state",
        "power",
        "ally",
        "neighbour",
        "neighbor",
        "partner",
        "capital",
        "president",
        "official",
        "envoy",
        "diplomat",
    }
)
# a state's missions abroad: they act for the state that sends them, never for the country
# they sit in
MISSION_NOUNS = frozenset(
    {"embassy", "consulate", "mission", "legation", "ambassador", "envoy", "diplomat"}
)
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
# short names two countries share, with the countries' codes: which one a document means
# follows from its other names for them
SHARED_NAMES = {"Congo": ("COG", "COD")}
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "my", "me"})
PERSON_LABELS = frozenset({"PERSON"})
SMALL_WORDS = frozenset({"of", "for", "the", "and", "to", "former", "acting", "deputy", "interim"})
LIST_BOUNDARIES = frozenset({"and", "or", ",", ";", "(", ")"})
ROLE_PREFIXES = ("former ", "then-", "acting ", "deputy ", "vice ", "senior ", "interim ")


@dataclass
class Person:
    """A person the article introduces, with what it says about them."""

    name: str
    country: str | None
    sector: str | None
    role: str | None
    aliases: set[str] = field(default_factory=set)

    def actor(self, text: str) -> Actor:
        """This person as an actor mentioned by ``text``."""
        return Actor(
            text=text, country=self.country, sector=self.sector, name=self.name, role=self.role
        )


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


class ActorMatcher:
    """Finds country and organisation names in a sentence, longest match first.

    ``shared`` maps a short name two countries share ("Congo") to the code it stands for in
    the document at hand (see :func:`shared_name_codes`)."""

    def __init__(self, vocab: Vocab, shared: dict[str, str] | None = None) -> None:
        self.vocab = vocab
        self.shared = shared or {}

    def lookup(self, phrase: str) -> ActorEntry | None:
        """Look up one phrase, with and without a leading article or trailing possessive."""
        phrase = _norm(phrase)
        if phrase.endswith("'s"):
            phrase = phrase[:-2].rstrip()
        hit = self.vocab.actor(phrase)
        bare = phrase
        if hit is None and phrase.lower().startswith("the "):
            bare = phrase[4:]
            hit = self.vocab.actor(bare)
        code = self.shared.get(bare.casefold())
        if hit is not None and code is not None and code != hit.code:
            hit = replace(hit, code=code)
        return hit

    def find(self, tokens: Sequence[Any]) -> list[tuple[int, int, ActorEntry]]:
        """Return ``(first token index, end token index, entry)`` for every match."""
        out: list[tuple[int, int, ActorEntry]] = []
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            if tok.is_punct or tok.is_space or (tok.is_stop and tok.text != "US"):
                i += 1
                continue
            found = None
            for size in range(min(MAX_NGRAM, n - i), 0, -1):
                last = tokens[i + size - 1]
                if last.is_punct and last.text not in (".",):
                    continue
                phrase = tokens[i].doc[tokens[i].i : last.i + 1].text
                entry = self.lookup(phrase)
                if entry is not None:
                    found = (tokens[i].i, last.i + 1, entry)
                    break
            if found:
                out.append(found)
                i += found[1] - found[0]
            else:
                i += 1
        return out


class PeopleRegistry:
    """People learned from the article: "U.S. Secretary of State John Kerry", "Kim, the U.S.
    envoy". Later bare mentions ("Kerry", "Kim") resolve to the most recent person with that
    name part."""

    def __init__(self, vocab: Vocab, matcher: ActorMatcher) -> None:
        self.vocab = vocab
        self.matcher = matcher
        self.people: list[Person] = []
        self.by_alias: dict[str, Person] = {}

    def get(self, text: str) -> Person | None:
        """The person a name (full or one part) refers to, most recent first."""
        key = _norm(text).casefold()
        if key.endswith("'s"):
            key = key[:-2]
        return self.by_alias.get(key)

    def learn(self, span: Any) -> Person:
        """Learn (or update) the person named by a PERSON span from its context."""
        name = _norm(span.text)
        if name.endswith("'s"):
            name = name[:-2]
        country, sector, role = self._context(span)
        person = self.get(name)
        if person is None or (
            country and person.country and person.country != country and len(name.split()) > 1
        ):
            person = Person(name=name, country=None, sector=None, role=None)
            self.people.append(person)
        if country and not person.country:
            person.country = country
        if sector and not person.sector:
            person.sector = sector
        if role and not person.role:
            person.role = role
        person.aliases.add(name.casefold())
        for part in name.split():
            if len(part) > 2 and part[0].isupper():
                self.by_alias[part.casefold()] = person
        self.by_alias[name.casefold()] = person
        return person

    def _context(self, span: Any) -> tuple[str | None, str | None, str | None]:
        """Country, sector and role from the words around a person's name."""
        head = span.root
        words: list[Any] = []
        # title words before the name inside the same phrase: "South Korean President Yoon"
        words.extend(t for t in head.lefts if t.i < span.start)
        for tok in list(head.lefts):
            if tok.i < span.start:
                words.extend(tok.subtree)
        # the words right before the name, up to a list boundary or another name
        adjacent: list[Any] = []
        left = head.left_edge.i
        i = span.start - 1
        while i >= left:
            tok = span.doc[i]
            if tok.lower_ in LIST_BOUNDARIES or tok.ent_type_ == "PERSON":
                break
            adjacent.insert(0, tok)
            i -= 1
        own = self._read_title(adjacent)
        if own[0] is not None:
            # the name's own titles win over a phrase it is wrongly hung under ("Yoon, U.S.
            # President Joe Biden, and ..." parsed as an apposition of Yoon)
            return own
        # the noun this name is in apposition to, and appositions of the name
        if head.dep_ == "appos":
            words.extend(t for t in head.head.subtree if t.i < span.start or t.i >= span.end)
        for child in head.children:
            if child.dep_ == "appos":
                words.extend(
                    t for t in child.subtree if not (t.dep_ in ("relcl", "acl") and t.head == child)
                )
        tokens = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
        return self._read_title(tokens)

    def _read_title(self, tokens: Sequence[Any]) -> tuple[str | None, str | None, str | None]:
        country = None
        for _s, _e, entry in self.matcher.find(tokens):
            country = entry.code
            break
        text = " ".join(t.text for t in tokens).casefold().replace(" - ", "-")
        role = None
        sector = None
        best = 0
        for title, sec in self.vocab.titles.items():
            pos = f" {text} ".find(f" {title} ")
            if pos >= 0 and len(title) > best:
                best = len(title)
                role = title
                sector = sec
        if role is not None:
            before = f" {text} "[: f" {text} ".find(f" {role} ") + 1]
            for prefix in ROLE_PREFIXES:
                if before.rstrip().endswith(prefix.strip()):
                    role = prefix + role if prefix.endswith("-") else f"{prefix}{role}"
                    break
            role = " ".join(
                w if w in SMALL_WORDS or w.endswith("-") else w.capitalize() for w in role.split()
            )
        return country, sector, role


def shared_name_codes(vocab: Vocab, counts: Counter[str]) -> dict[str, str]:
    """The code each short name that two countries share stands for in one document: the
    country the document otherwise names more often by an unshared name, demonym or capital
    ("Democratic Republic of Congo", "Kinshasa": "Congo" is COD; "Brazzaville": COG).
    ``counts`` holds the codes of the document's unshared names."""
    out: dict[str, str] = {}
    for name, codes in SHARED_NAMES.items():
        entry = vocab.actor(name)
        best = max(codes, key=lambda c: (counts[c], entry is not None and entry.code == c))
        if counts[best]:
            out[name.casefold()] = best
    return out


def group_size(tok: Any) -> int | None:
    """2 for "the two sides" / "both countries", 3 for "the three leaders", else None."""
    words = [c.lower_ for c in tok.children if c.dep_ in ("nummod", "det", "predet", "quantmod")]
    if tok.pos_ == "NUM" and tok.lower_ in NUMBER_WORDS:
        return NUMBER_WORDS[tok.lower_]
    if tok.lemma_.lower() not in GROUP_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return None
    for word in words:
        if word in NUMBER_WORDS:
            return NUMBER_WORDS[word]
    if "all" in words:
        return 0
    return None


def dedupe(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """Keep the first actor for each (country, name, sector)."""
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out = []
    for actor in actors:
        key = (actor.country, actor.name, actor.sector)
        if key in seen:
            continue
        seen.add(key)
        out.append(actor)
    return tuple(out)


def focus_country(counts: Counter[str]) -> str | None:
    """The country the article is mostly about (organisations excluded)."""
    countries = [(n, c) for c, n in counts.items() if len(c) == 3 and c.isalpha() and c.isupper()]
    if not countries:
        return None
    return max(countries)[1]


def drop_titles(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """Drop bare country or organisation actors that only spell out a named person's title
    ("U.S. President Joe Biden" is one actor, Biden, not Biden and the United States)."""
    named = {a.country for a in actors if a.name and a.country}
    if not named:
        return actors
    return tuple(a for a in actors if a.name or a.country not in named)
