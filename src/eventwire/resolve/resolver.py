"""Resolve stage: every noun phrase, date expression and place of a parsed document."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from spacy.tokens import Span

from eventwire.model import Actor, Parsed, Place, Resolved, When
from eventwire.resolve.actors import (
    FIRST_PERSON,
    MISSION_NOUNS,
    PERSON_PRONOUNS,
    PHRASE_DEPS,
    PLURAL_PRONOUNS,
    SHARED_NAMES,
    THING_PRONOUNS,
    ActorMatcher,
    PeopleRegistry,
    dedupe,
    drop_titles,
    focus_country,
    group_size,
    shared_name_codes,
)
from eventwire.resolve.dates import resolve_date, resolve_offset
from eventwire.resolve.places import Gazetteer
from eventwire.resolve.reference import Memory
from eventwire.settings import Settings
from eventwire.vocab import Vocab

SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "write", "declare", "announce", "note"})
PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "across", "inside", "from", "around", "throughout", "within"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DATE_LABELS = frozenset({"DATE", "TIME"})
# "a day after", "hours after", "two weeks before": distances that place one act against another
OFFSET_UNITS = frozenset({"minute", "hour", "day", "night", "week", "month", "year"})
# nouns a declaration can make a day into ("declared Monday a public holiday")
DAY_NOUNS = frozenset({"day", "holiday"})
DECLARE_LEMMAS = frozenset({"declare", "make", "name", "designate", "proclaim"})
# verbs whose object is a planned act, dated by the day in it ("called for protests on Thursday")
CALL_LEMMAS = frozenset(
    {"call", "urge", "plan", "schedule", "announce", "set", "demand", "summon", "appeal"}
)
DIRECTIONS = ("north", "south", "east", "west")
# prepositions that set an act across a whole country ("declared martial law across Ukraine")
SCOPE_PREPS = frozenset({"across", "throughout"})
ORG_CODES_LEN = 3
# a dateline left at the head of the first paragraph: "PORT-AU-PRINCE - The first ..."
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+)*)\s*(?:\([^()]{1,40}\))?\s+[-\u2013\u2014]\s"
)
# how often the focus country must be named before its officials need not be named as such
DOMINANT_MIN = 2
# short forms that are also ordinary words: only read as countries when capitalised
ORG_KINDS = frozenset({"org"})
_PLACE_WORDS = frozenset({"to", "into", "in", "from", "at", "toward", "towards", "across", "near"})
NON_STATE = frozenset({"IGO", "NGO", "", None})
# nouns for a country's relation to another: "its neighbour" is the other country
RELATION_NOUNS = frozenset(
    {"neighbour", "neighbor", "ally", "rival", "adversary", "enemy", "foe", "archrival"}
)
# prepositions whose object is part of the phrase that names an actor ("the leaders of
# France", "envoys from Qatar", "embassies, including those of the United States")
PHRASE_PREPS = frozenset({"of", "from", "including"})
# acts of a third party that brings others together: its doers are not "the two sides"
MEDIATOR_LEMMAS = frozenset(
    {"mediate", "broker", "host", "facilitate", "sponsor", "convene", "arbitrate", "moderate"}
)
MEDIATOR_NOUNS = frozenset({"mediator", "broker", "facilitator", "host", "guarantor"})
PLACE_NOUNS = frozenset(
    {
        "capital",
        "city",
        "region",
        "province",
        "country",
        "north",
        "south",
        "east",
        "west",
        "border",
        "state",
        "territory",
        "coast",
    }
)


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


class Resolver:
    """Stage: ``Parsed`` → ``Resolved``."""

    name = "resolve"

    def __init__(self, settings: Settings, vocab: Vocab) -> None:
        self.settings = settings
        self.vocab = vocab
        self.matcher = ActorMatcher(vocab)
        self.gazetteer = Gazetteer()

    def __call__(self, parsed: Parsed) -> Resolved:
        """Resolve one parsed document."""
        return _DocResolver(self, parsed).run()


class _DocResolver:
    """The state of resolving one document (people, memory, counts)."""

    def __init__(self, stage: Resolver, parsed: Parsed) -> None:
        self.stage = stage
        self.parsed = parsed
        self.matcher = ActorMatcher(stage.vocab, shared_name_codes(stage.vocab, self._unshared()))
        self.people = PeopleRegistry(stage.vocab, self.matcher)
        self.memory = Memory()
        self.actors: dict[tuple[int, int], tuple[Actor, ...]] = {}
        self.dates: dict[tuple[int, int], When] = {}
        self.places: dict[tuple[int, int], Place] = {}
        self.counts: Counter[str] = Counter()
        self.short_forms: dict[str, Counter[str]] = {d: Counter() for d in DIRECTIONS}
        self.token_actor: dict[tuple[int, int], Actor] = {}
        # block -> country of its own dateline; block -> the one in force (carried on)
        self.own_dateline: dict[int, str] = {}
        self.datelines: dict[int, str] = {}
        # block -> country of the scene an earlier sentence set ("In Washington, ...")
        self.scene: dict[int, str] = {}

    def _unshared(self) -> Counter[str]:
        """Codes of the document's country names other than the shared short ones."""
        shared = {n.casefold() for n in SHARED_NAMES}
        counts: Counter[str] = Counter()
        for pblock in self.parsed.blocks:
            tokens = list(pblock.sdoc)
            for start, end, entry in self.stage.matcher.find(tokens):
                text = pblock.sdoc[start:end].text.casefold().removesuffix("'s").strip()
                if text.removeprefix("the ") not in shared:
                    counts[entry.code] += 1
        return counts

    def run(self) -> Resolved:
        # pass 1: names in every sentence, so that counts and short forms are known
        for b, pblock in enumerate(self.parsed.blocks):
            for sent in pblock.sdoc.sents:
                self._names(b, sent)
        self._headline_names()
        focus = focus_country(self.counts)
        self._datelines()
        # pass 2: people, phrases and references in text order
        last_ref: Any = None
        for b, pblock in enumerate(self.parsed.blocks):
            ref = _iso(pblock.block.ref_date) or _iso(self.parsed.cleaned.doc.published)
            if b and pblock.block.ref_date != last_ref:
                # a new dated brief: "the two leaders" no longer means the last brief's pair
                self.memory.groups.clear()
                self.memory.subjects.clear()
            last_ref = pblock.block.ref_date
            for sent in pblock.sdoc.sents:
                self._people(b, sent)
                self._phrases(b, sent)
                self._dates(b, sent, ref)
                self._places(b, sent)
                self._set_scene(b, sent)
        people = tuple(
            Actor(text=p.name, country=p.country, sector=p.sector, name=p.name, role=p.role)
            for p in self.people.people
        )
        return Resolved(
            parsed=self.parsed,
            actors=self.actors,
            dates=self.dates,
            places=self.places,
            focus_country=focus,
            people=people,
            person_country=focus if self._dominant(focus, lenient=True) else None,
            sole_country=focus if self._dominant(focus) else None,
            datelines=self.datelines,
        )

    def _datelines(self) -> None:
        """The country of each block's dateline ("GOMA - Rebels ...", "SEOUL (Namsan Desk)
        - ..."), carried on to the blocks after it until the next."""
        current: str | None = None
        body = 0
        for b, pblock in enumerate(self.parsed.blocks):
            block = pblock.block
            if block.kind != "body":
                continue
            name = block.place
            if name is None and body == 0:
                # a dateline the clean stage left in the text: an upper-case place and a dash
                match = DATELINE.match(pblock.sdoc.text)
                name = match["place"].title() if match else None
            body += 1
            if name:
                place = self.stage.gazetteer.lookup(name)
                entry = self.matcher.lookup(name)
                code = place.country if place is not None else entry.code if entry else None
                if code and len(code) == ORG_CODES_LEN:
                    self.own_dateline[b] = code
                    current = code
            if current is not None:
                self.datelines[b] = current

    def _set_scene(self, b: int, sent: Any) -> None:
        """A sentence that opens with its place ("In Washington, the State Department said")
        sets the scene of the rest of its paragraph."""
        first = sent[0]
        if first.lower_ != "in" or first.dep_ != "prep":
            return
        for pobj in first.children:
            actor = self.token_actor.get((b, pobj.i))
            place = self.places.get((b, pobj.i))
            code = place.country if place is not None else None
            if code is None and actor is not None and not actor.name:
                code = actor.country
            if pobj.dep_ == "pobj" and code and len(code) == ORG_CODES_LEN:
                self.scene[b] = code

    def _headline_names(self) -> None:
        """Count the countries the headline and standfirst name as actors, twice each: what a
        story is about is said there, while its body may name the country only a few times
        ("Senegal's delayed vote" over a body about "Sall", "Dakar" and "the National
        Assembly"). A country after "to", "in", "from" is where, not who ("flees to India")."""
        doc = self.parsed.cleaned.doc
        # the first dateline ("DHAKA —") says where the story was filed: once, twice
        dateline = next((b.place for b in self.parsed.cleaned.blocks if b.place), None)
        if dateline:
            entry = self.stage.vocab.actor(dateline)
            if entry is not None and entry.kind not in ORG_KINDS:
                self.counts[entry.code] += 2
        for block in self.parsed.cleaned.blocks:
            if block.kind not in ("headline", "standfirst"):
                continue
            words = [w.strip(',.;:!?"()') for w in doc.text[block.start : block.end].split()]
            i = 0
            while i < len(words):
                before = words[i - 1].lower() if i else ""
                for n in (4, 3, 2, 1):
                    if i + n > len(words) or not words[i][:1].isupper():
                        continue
                    phrase = " ".join(words[i : i + n]).removesuffix("'s").removesuffix("\u2019s")
                    entry = self.stage.vocab.actor(phrase)
                    if entry is None or entry.kind in ORG_KINDS or entry.kind == "capital":
                        continue
                    if before not in _PLACE_WORDS:
                        self.counts[entry.code] += 2
                    i += n - 1
                    break
                i += 1

    def _dominant(self, focus: str | None, *, lenient: bool = False) -> bool:
        """Whether the story is about its focus country alone: named more than once, and at
        least twice as often as any other country (an article about two countries' conflict,
        or one country's act in another, has no country its officials belong to by default)."""
        if focus is None:
            return False
        others = [n for c, n in self.counts.items() if c != focus]
        if not others and lenient:
            return True  # the only country the text names ("Venezuela's council barred ...")
        return self.counts[focus] >= DOMINANT_MIN and self.counts[focus] >= 2 * max(
            others, default=0
        )

    # -- names --------------------------------------------------------------------------
    def _names(self, b: int, sent: Any) -> None:
        tokens = [t for t in sent]
        for start, end, entry in self.matcher.find(tokens):
            span = sent.doc[start:end]
            if (
                any(t.ent_type_ == "PERSON" for t in span)
                and len(span) == 1
                and span[0].ent_iob_ != "B"
            ):
                continue
            sector = entry.sector or ("GOV" if entry.kind in ("capital", "metonym") else None)
            actor = Actor(
                text=span.text,
                country=entry.code,
                sector=sector,
                start=span.start_char,
                end=span.end_char,
            )
            for tok in span:
                self.token_actor[(b, tok.i)] = actor
            root = span.root
            is_place = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS
            counts_for_country = entry.kind not in ORG_KINDS or entry.sector not in NON_STATE
            if counts_for_country and not is_place and entry.kind != "capital":
                self.counts[entry.code] += 1
            first = span.text.split()[0].lower() if span.text.split() else ""
            if first in DIRECTIONS and len(span) > 1:
                self.short_forms[first][entry.code] += 1

    def _people(self, b: int, sent: Any) -> None:
        for ent in sent.ents:
            if ent.label_ == "PERSON" and (self._place_named(b, ent) or self._state_named(b, ent)):
                continue
            if ent.label_ == "PERSON":
                ent = _whole_name(ent)
                before = len(self.people.people)
                person = self.people.learn(ent)
                if person.country is None:
                    first = len(self.people.people) > before
                    person.country = self._implied_country(b, ent, person, first=first)
            else:
                # a known person the NER labelled GPE or ORG ("Biden", "Kishida")
                found = self.people.get(ent.text)
                if found is None:
                    continue
                person = found
            actor = person.actor(ent.text).model_copy(
                update={"start": ent.start_char, "end": ent.end_char}
            )
            for tok in ent:
                self.token_actor[(b, tok.i)] = actor
        # bare surnames the NER missed ("Kishida" as ORG, "Biden" as GPE, or no entity at all)
        for tok in sent:
            if tok.pos_ == "PROPN" and (b, tok.i) not in self.token_actor:
                known = self.people.get(tok.text)
                if known is not None:
                    self.token_actor[(b, tok.i)] = known.actor(tok.text)

    def _place_named(self, b: int, ent: Any) -> bool:
        """A listed country or city the NER took for a person, where the sentence sets
        something in it ("clashed with police in Dakar")."""
        root = ent.root
        if not (root.dep_ == "pobj" and _locative(root.head)):
            return False
        actors = [self.token_actor.get((b, t.i)) for t in ent]
        return all(a is not None and a.country and not a.name for a in actors)

    def _state_named(self, b: int, ent: Any) -> bool:
        """A country or organisation name, whole, that the NER took for a person ("Burkina
        Faso condemned Mali", "Nigerien police"), unless the article has named a person so."""
        if self.people.get(ent.text) is not None:
            return False
        actors = [self.token_actor.get((b, t.i)) for t in ent]
        if not all(a is not None and a.country and not a.name for a in actors):
            return False
        # one listed name spans the whole entity, not a name part that is also a country
        return len({(a.start, a.end) for a in actors if a is not None}) == 1

    def _implied_country(self, b: int, ent: Any, person: Any, *, first: bool) -> str | None:
        """The country (or organisation) the text implies for a person it gives none:
        an organisation's office ("Secretary-General") takes the organisation just named; a
        state office takes the place the sentence sets the person's act in ("In Washington,
        President Joe Biden announced", "declared martial law across Ukraine")."""
        vocab = self.stage.vocab
        role = (person.role or "").casefold()
        if any(role == t or role.endswith(" " + t) for t in vocab.org_titles):
            near = [
                (key, actor)
                for key, actor in self.token_actor.items()
                if actor.sector == "IGO"
                and not actor.name
                and (key[0] == b - 1 or (key[0] == b and key[1] < ent.start))
            ]
            return max(near, key=lambda kv: kv[0])[1].country if near else None
        if person.sector not in vocab.state_sectors:
            return None
        root = ent.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return None
        fronted = self._fronted_place(b, ent)
        if fronted is not None:
            return fronted
        if not first:
            # a person the text has named before without a country does not take the
            # country of a later scene
            return None
        # the scene an earlier sentence of the paragraph set, or the paragraph's own dateline
        return self.scene.get(b) or self.own_dateline.get(b)

    def _fronted_place(self, b: int, ent: Any) -> str | None:
        """The country of the place the person's own clause is set in ("In Washington,
        President Joe Biden announced", "declared martial law across Ukraine")."""
        root = ent.root
        verb = root.head
        sent_start = root.sent.start
        preps = [c for c in verb.children if c.dep_ == "prep"]
        # "declared martial law across Ukraine": the scope may hang off the object
        preps += [
            p for c in verb.children if c.dep_ == "dobj" for p in c.children if p.dep_ == "prep"
        ]
        for prep in preps:
            fronted = prep.lower_ == "in" and prep.i == sent_start and prep.head == verb
            if not (fronted or prep.lower_ in SCOPE_PREPS):
                continue
            for pobj in prep.children:
                actor = self.token_actor.get((b, pobj.i))
                if (
                    pobj.dep_ == "pobj"
                    and actor is not None
                    and not actor.name
                    and actor.sector in (None, "GOV")
                    and actor.country
                    and len(actor.country) == ORG_CODES_LEN
                ):
                    return actor.country
        return None

    # -- phrases --------------------------------------------------------------------------
    def _speaker(self, b: int, sent: Any) -> tuple[Actor, ...]:
        for tok in sent:
            if tok.lemma_ in SPEECH_LEMMAS and tok.pos_ == "VERB":
                for child in tok.children:
                    if child.dep_ in ("nsubj",) and child.lower_ not in FIRST_PERSON:
                        return self._phrase_actors(b, child)
        return ()

    def _phrases(self, b: int, sent: Any) -> None:
        speaker: tuple[Actor, ...] | None = None
        for tok in sent:
            if self._name_verb(b, tok):
                # "ECOWAS imposed sanctions" with the name tagged as the verb: it still names
                # the actor
                self.actors[(b, tok.i)] = (self.token_actor[(b, tok.i)],)
                continue
            if tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"):
                continue
            actors: tuple[Actor, ...] = ()
            lower = tok.lower_
            if tok.pos_ == "PRON" or (
                tok.pos_ == "DET" and lower in PLURAL_PRONOUNS | THING_PRONOUNS | PERSON_PRONOUNS
            ):
                if lower == "them" and tok.dep_ in ("dobj", "pobj"):
                    actors = ()  # objects called "them" are more often things than parties
                elif lower in PERSON_PRONOUNS:
                    actors = self.memory.person()
                elif lower in PLURAL_PRONOUNS:
                    actors = self.memory.plural()
                elif lower in THING_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
                    actors = (
                        self._own_subject(b, tok) or self._reporter(b, tok) or self.memory.single()
                    )
                elif lower in FIRST_PERSON:
                    if speaker is None:
                        speaker = self._speaker(b, sent)
                    actors = speaker
                actors = tuple(a.model_copy(update={"text": tok.text}) for a in actors)
            else:
                size = group_size(tok)
                if size is not None and not self._phrase_names(b, tok):
                    actors = self.memory.group(size)
                    actors = tuple(a.model_copy(update={"text": tok.text}) for a in actors)
                else:
                    actors = self._phrase_actors(b, tok)
            if actors:
                self.actors[(b, tok.i)] = actors
                if tok.dep_ not in ("compound", "amod", "conj", "appos", "poss"):
                    self.memory.remember(
                        actors,
                        subject=tok.dep_ in ("nsubj", "nsubjpass"),
                        third_party=_third_party(tok),
                    )
        self._meetings(b, sent)

    def _other_country(self, b: int, tok: Any, owners: set[str | None]) -> tuple[Actor, ...]:
        """The latest single country named before ``tok`` in its paragraph that is not one of
        ``owners``."""
        for (bb, i), actors in sorted(self.actors.items(), reverse=True):
            if bb != b or i >= tok.i:
                continue
            countries = {a.country for a in actors}
            if len(countries) == 1 and not (countries & owners) and not actors[0].name:
                (code,) = countries
                if code and len(code) == ORG_CODES_LEN and actors[0].sector not in ("IGO", "NGO"):
                    return (Actor(text=tok.text, country=code),)
        return ()

    def _name_verb(self, b: int, tok: Any) -> bool:
        """A capitalised country or organisation name opening the sentence that the tagger
        took for a verb ("ECOWAS imposed sanctions", "ECOWAS defence chiefs met")."""
        if tok.pos_ not in ("VERB", "AUX") or not tok.text[:1].isupper():
            return False
        actor = self.token_actor.get((b, tok.i))
        if actor is None or actor.name or not actor.country:
            return False
        before = tok.doc[tok.sent.start : tok.i]
        return all(t.pos_ in ("DET", "PUNCT") for t in before)

    def _reporter(self, b: int, tok: Any) -> tuple[Actor, ...]:
        """ "The junta announced it was suspending exports": "it" as the subject of what an
        actor (not a person) says or announces is that actor."""
        verb = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
            return ()
        head = verb.head
        if head.lemma_ not in SPEECH_LEMMAS:
            return ()
        for _ in range(3):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                found = self.actors.get((b, subjects[0].i), ())
                if len(found) == 1 and not found[0].name:
                    return found
                return ()
            if head.dep_ not in ("conj", "xcomp") or head.head == head:
                return ()
            head = head.head
        return ()

    def _own_subject(self, b: int, tok: Any) -> tuple[Actor, ...]:
        """A possessive "its" refers to the subject of its own clause when that is a state
        ("Venezuela freed ten Americans from its prisons")."""
        if tok.dep_ != "poss":
            return ()
        verb = tok.head
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i < tok.i:
                found = self.actors.get((b, child.i), ())
                if len({a.country for a in found if a.country}) == 1 and not found[0].name:
                    return found
        return ()

    def _meetings(self, b: int, sent: Any) -> None:
        """Remember the parties of a meeting as a group ("Yoon met Kishida" → "the two
        sides")."""
        for tok in sent:
            pos = "NOUN" if tok.pos_ == "NOUN" else "VERB"
            entries = self.stage.vocab.triggers.get((tok.lemma_.lower(), pos), ())
            if not any(t.type == "CONSULT" for t in entries):
                continue
            parties: list[Actor] = []
            if pos == "NOUN":
                # "Kishida held talks with Marcos": the holder and the noun's partners
                if tok.dep_ != "dobj":
                    continue
                for child in tok.head.children:
                    if child.dep_ == "nsubj":
                        parties.extend(self.actors.get((b, child.i), ()))
            for child in tok.children:
                if child.dep_ in ("nsubj", "dobj"):
                    parties.extend(self.actors.get((b, child.i), ()))
                elif child.dep_ == "prep" and child.lower_ == "with":
                    for pobj in child.children:
                        parties.extend(self.actors.get((b, pobj.i), ()))
            group = dedupe(parties)
            if len({a.country for a in group if a.country}) >= 2:
                self.memory.groups.append(group)

    def _phrase_names(self, b: int, tok: Any) -> bool:
        return any((b, t.i) in self.token_actor for t in self._phrase_tokens(tok))

    def _phrase_tokens(self, tok: Any) -> list[Any]:
        out = [tok]
        stack = [tok]
        while stack:
            cur = stack.pop()
            for child in cur.children:
                keep = (
                    child.dep_ in PHRASE_DEPS
                    or (child.dep_ == "prep" and child.lower_ in PHRASE_PREPS)
                    or (child.dep_ == "pobj" and cur.dep_ == "prep")
                )
                if keep:
                    out.append(child)
                    stack.append(child)
        return out

    def _short_form(self, tok: Any) -> Actor | None:
        """ "the North" in a Korea story: the most mentioned country named "North ..."."""
        lower = tok.lower_
        if lower not in DIRECTIONS or not tok.text[0].isupper():
            return None
        if (
            not any(c.lower_ == "the" for c in tok.children)
            and tok.i > 0
            and tok.nbor(-1).lower_ != "the"
        ):
            return None
        counts = self.short_forms[lower]
        if not counts:
            return None
        code = counts.most_common(1)[0][0]
        return Actor(text=f"the {tok.text}", country=code)

    def _phrase_actors(self, b: int, tok: Any) -> tuple[Actor, ...]:
        found: list[Actor] = []
        kinds: list[Actor] = []
        pronoun_poss: list[Actor] = []
        # a conjoined phrase that names its own country or group keeps its own actors
        # ("Sudan's army and the RSF": the RSF is not an army of Sudan's); one that names none
        # shares the head's modifiers ("Russian missiles and artillery")
        joined: list[Actor] = []
        skip: set[int] = set()
        for conj in tok.children:
            if conj.dep_ != "conj":
                continue
            own = self._phrase_actors(b, conj)
            if any(a.country for a in own):
                joined.extend(own)
                skip.update(t.i for t in conj.subtree)
        tokens = self._phrase_tokens(tok)
        left = min(t.i for t in tokens)
        if left > tok.sent.start and self._name_verb(b, tok.doc[left - 1]):
            # "ECOWAS defence chiefs met" with "ECOWAS" tagged as a verb: it modifies the
            # phrase right after it
            tokens.append(tok.doc[left - 1])
        for t in sorted(tokens, key=lambda t: t.i):
            if t.i in skip:
                continue
            actor = self.token_actor.get((b, t.i))
            if actor is None:
                short = self._short_form(t)
                if short is not None:
                    actor = short
            if actor is not None:
                found.append(actor)
            elif t.dep_ == "poss" and t.pos_ == "PRON" and t.head == tok:
                pronoun_poss.extend(self.actors.get((b, t.i), ()))
            elif t != tok and t.pos_ == "NOUN" and t.dep_ in ("poss", "compound", "pobj"):
                # "the party's committee", "dozens of protesters": a kind of actor inside
                sector_word = self._sector(t)
                if sector_word is not None:
                    kinds.append(Actor(text=t.text, country=None, sector=sector_word))
        sector = self._sector(tok)
        if tok.lemma_.lower() in RELATION_NOUNS and tok.tag_ in ("NN", "NNP"):
            owners = found or pronoun_poss
            if owners:
                # "cut power exports to its neighbour": not the owner but the other country
                # the text last named
                return self._other_country(b, tok, {a.country for a in owners})
        if not found:
            # "its embassy", "his government": the owner's country, as that kind of actor
            found = (
                pronoun_poss
                if sector is None
                else [Actor(text=a.text, country=a.country) for a in pronoun_poss if a.country]
            )
        if not found and sector is None:
            found = kinds[:1]
        if (
            sector is not None
            and tok.pos_ in ("NOUN", "PROPN")
            and (b, tok.i) not in self.token_actor
        ):
            countries = [a for a in found if a.country and not a.name]
            text = tok.doc[min(t.i for t in self._phrase_tokens(tok)) : tok.i + 1].text
            if countries:
                found = [
                    a.model_copy(update={"sector": sector, "text": text}) if not a.name else a
                    for a in found
                ]
            elif not any(a.name for a in found):
                found = [Actor(text=text, country=None, sector=sector)]
        if (
            not joined
            and tok.lemma_.lower() in MISSION_NOUNS
            and not any(a.country for a in found)
            and any(c.dep_ == "prep" and c.lower_ in ("in", "at") for c in tok.children)
        ):
            # "Western embassies in Nairobi": missions whose country the text does not give
            # are not of the country they sit in
            return ()
        return drop_titles(dedupe(found + joined))

    def _sector(self, tok: Any) -> str | None:
        sectors = self.stage.vocab.sectors
        # the longest listed phrase ending in the word ("opposition supporters", "riot
        # police"), then the word alone
        mods = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod")]
        for k in range(len(mods)):
            stem = " ".join(mods[k:])
            found = sectors.get(f"{stem} {tok.lemma_.lower()}") or sectors.get(
                f"{stem} {tok.lower_}"
            )
            if found:
                return found
        return sectors.get(tok.lemma_.lower()) or sectors.get(tok.lower_)

    # -- dates and places -------------------------------------------------------------------
    def _dates(self, b: int, sent: Any, ref: dt.date | None) -> None:
        for ent in sent.ents:
            if ent.label_ not in DATE_LABELS:
                continue
            when = resolve_date(ent.text, ref)
            if when is not None and when.value:
                self.dates[(b, ent.root.i)] = when
        for ent in sent.ents:
            key = (b, ent.root.i)
            if key in self.dates and (_declared_day(ent) or self._planned_day(b, sent, ent)):
                # the day a plan or a declaration is about, not when anything happened
                del self.dates[key]
        self._offsets(b, sent)

    def _planned_day(self, b: int, sent: Any, ent: Any) -> bool:
        """ "Organisers on Wednesday rejected talks and called for fresh demonstrations on
        Thursday": a day later than the sentence's own day, after the object of a call or a
        plan, is the day of the planned act, not of the call."""
        when = self.dates[(b, ent.root.i)]
        if when.precision != "day" or not when.value or _call_of(ent.root) is None:
            return False
        for other in sent.ents:
            found = self.dates.get((b, other.root.i))
            if (
                other != ent
                and found is not None
                and found.precision == "day"
                and found.value
                and found.value < when.value
            ):
                return True
        return False

    def _offsets(self, b: int, sent: Any) -> None:
        """ "withdrew the bill on Wednesday, a day after police shot 22 protesters": the
        shooting's date is the Wednesday less a day. Only an anchor in the same sentence
        counts, and only for a clause with no date of its own."""
        doc = sent.doc
        for tok in sent:
            verb = tok.head
            if not (
                tok.dep_ == "npadvmod"
                and tok.lemma_.lower() in OFFSET_UNITS
                and verb.pos_ in ("VERB", "AUX")
                and tok.i < verb.i
            ):
                continue
            marks = [
                c.lower_
                for c in verb.children
                if c.dep_ == "mark" and c.lower_ in ("after", "before") and tok.i < c.i < verb.i
            ]
            if not marks:
                continue
            start, end = tok.left_edge.i, tok.right_edge.i + 1
            inside = {t.i for t in verb.subtree}
            span_ents = [e for e in sent.ents if e.start < end and start < e.end]
            if any(
                (b, e.root.i) in self.dates
                for e in sent.ents
                if e.root.i in inside and e not in span_ents
            ):
                continue  # "hours after Prigozhin accused the army on Friday"
            anchor = self._anchor(b, sent, verb, tok, inside)
            if anchor is None:
                continue
            if span_ents:
                if len(span_ents) != 1 or span_ents[0].label_ not in DATE_LABELS:
                    continue
                ent = span_ents[0]
            else:
                ent = Span(doc, start, end, label="DATE")
                try:
                    doc.ents = (*doc.ents, ent)
                except ValueError:
                    continue
            when = resolve_offset(doc[start:end].text, marks[0], anchor)
            if when is not None:
                self.dates[(b, ent.root.i)] = when

    def _anchor(self, b: int, sent: Any, verb: Any, tok: Any, inside: set[int]) -> When | None:
        """The day of the act an "a day after ..." clause hangs from: the nearest day date
        of the clause above it (or of a verb joined to that one)."""
        head = _clause_of(verb.head)
        best: tuple[int, When] | None = None
        for ent in sent.ents:
            when = self.dates.get((b, ent.root.i))
            if when is None or ent.root.i in inside or when.precision != "day":
                continue
            own = _clause_of(ent.root)
            if not (
                own == head
                or _dominates(own, head)
                or (_dominates(head, own) and own.dep_ in ("xcomp", "conj", "ccomp"))
            ):
                continue
            distance = abs(ent.root.i - tok.i)
            if best is None or distance < best[0]:
                best = (distance, when)
        return best[1] if best else None

    def _places(self, b: int, sent: Any) -> None:
        countries = [c for c, _n in self.counts.most_common(6)]
        for ent in sent.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            root = ent.root
            anchor = root
            while anchor.dep_ in ("conj", "appos", "compound") and anchor.head != anchor:
                anchor = anchor.head
            if not (anchor.dep_ == "pobj" and _locative(anchor.head)):
                continue
            place = self.stage.gazetteer.lookup(ent.text, countries=countries)
            if place is not None:
                self.places[(b, root.i)] = place
        for tok in sent:
            # "the Hanoi summit", "the Madrid talks": a place naming an event noun
            head = tok.head
            if (
                tok.dep_ == "compound"
                and tok.pos_ == "PROPN"
                and tok.ent_type_ in PLACE_LABELS
                and head.pos_ == "NOUN"
                and (b, tok.i) not in self.places
                and self.stage.vocab.triggers.get((head.lemma_.lower(), "NOUN"))
            ):
                place = self.stage.gazetteer.lookup(tok.text, countries=countries)
                if place is not None:
                    self.places[(b, tok.i)] = place
        for tok in sent:
            # a place name the NER missed or mislabelled ("in and around Kyiv, Kharkiv, Odesa"
            # tagged as one organisation)
            if (
                tok.pos_ != "PROPN"
                or tok.dep_ == "compound"
                or (b, tok.i) in self.places
                or tok.ent_type_ in ("DATE", "TIME", "NORP")
                or (
                    tok.ent_type_ == "PERSON"
                    and getattr(self.token_actor.get((b, tok.i)), "name", "") is not None
                )
            ):
                continue
            anchor = tok
            while anchor.dep_ in ("conj", "appos") and anchor.head != anchor:
                anchor = anchor.head
            if not (anchor.dep_ == "pobj" and _locative(anchor.head)):
                continue
            first = min([c.i for c in tok.children if c.dep_ == "compound"] + [tok.i])
            place = self.stage.gazetteer.lookup(
                sent.doc[first : tok.i + 1].text, countries=countries
            )
            if place is not None:
                self.places[(b, tok.i)] = place
        for tok in sent:
            if not (tok.lemma_.lower() in PLACE_NOUNS and tok.dep_ == "pobj"):
                continue
            if tok.head.lower_ not in PLACE_PREPS or (b, tok.i) in self.places:
                continue
            owners = [
                self.token_actor[(b, t.i)]
                for t in tok.children
                if (b, t.i) in self.token_actor and t.dep_ in ("amod", "poss", "compound")
            ]
            owners = [a for a in owners if a.country and not a.name]
            if owners:
                text = tok.doc[tok.left_edge.i : tok.i + 1].text
                self.places[(b, tok.i)] = Place(text=text, name=None, country=owners[0].country)


# _clause_of and _dominates mirror coding.clauses.clause/dominates: stages may not import one
# another (pyproject's import-linter contracts), and these two walks are all the dates need
def _clause_of(tok: Any) -> Any:
    """The verb heading the clause a token belongs to."""
    cur = tok
    for _ in range(12):
        if (cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux") or cur.head == cur:
            return cur
        cur = cur.head
    return cur


def _dominates(upper: Any, lower: Any) -> bool:
    cur = lower
    for _ in range(12):
        if cur == upper:
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _declared_day(ent: Any) -> bool:
    """ "declared Monday a non-working day", "Friday was declared a day of mourning": the
    date is the day declared, not the time of the declaring."""
    root = ent.root
    verb = root.head
    if (
        root.dep_ not in ("npadvmod", "dobj", "nsubjpass")
        or verb.lemma_.lower() not in DECLARE_LEMMAS
    ):
        return False
    for child in verb.children:
        if child.i <= ent.end - 1 or child.dep_ == "punct":
            continue
        nouns = [child]
        if child.dep_ == "prep" and child.lower_ == "as":
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        if any(n.lemma_.lower() in DAY_NOUNS and n.ent_type_ not in DATE_LABELS for n in nouns):
            return True
    return False


def _call_of(tok: Any) -> Any:
    """The call or plan whose object a date phrase sits after ("called for fresh
    demonstrations on Thursday", "called for demonstrations across the country on
    Thursday"), or None."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("on", "for", "from"):
        return None
    holder = prep.head
    if holder.pos_ == "VERB" and holder.lemma_.lower() in CALL_LEMMAS:
        objects = [
            c
            for c in holder.children
            if c.i < prep.i
            and (c.dep_ in ("dobj", "xcomp") or (c.dep_ == "prep" and c.lower_ == "for"))
        ]
        return holder if objects else None
    # a date on the called-for noun itself ("called for protests on Thursday")
    cur = holder
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            return None
        head = cur.head
        if cur.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in CALL_LEMMAS:
            return head.head
        if cur.dep_ == "dobj" and head.lemma_.lower() in CALL_LEMMAS:
            return head
        if head == cur:
            return None
        cur = head
    return None


def _third_party(tok: Any) -> bool:
    """Whether a phrase names the mediators or hosts of something rather than its parties
    ("talks mediated by Saudi Arabia and the United States", "Qatar brokered the deal", "the
    Egyptian mediators")."""
    if tok.lemma_.lower() in MEDIATOR_NOUNS:
        return True
    head = tok.head
    if tok.dep_ == "pobj" and (head.dep_ == "agent" or head.lower_ == "by"):
        return head.head.lemma_.lower() in MEDIATOR_LEMMAS
    if tok.dep_ == "nsubj":
        return head.lemma_.lower() in MEDIATOR_LEMMAS
    return False


def _locative(prep: Any) -> bool:
    """A preposition that places something: "in", "around", or "of" after a direction
    ("north of Kyiv")."""
    if prep.lower_ in PLACE_PREPS:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in DIRECTIONS


def _whole_name(span: Any) -> Any:
    """Extend a name the NER cut at a hyphen ("Yoon Suk" + "-yeol"); drop a participle it
    took in ("Asking Biden")."""
    doc = span.doc
    end = span.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    start = span.start
    # "Asking Biden to ...": a sentence-initial participle the NER took into the name
    while start < end - 1 and doc[start].pos_ == "VERB" and doc[start].tag_ in ("VBG", "VBN"):
        start += 1
    return doc[start:end] if (start, end) != (span.start, span.end) else span
