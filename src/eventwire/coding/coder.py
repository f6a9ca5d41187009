"""Code stage: resolved sentences → PLOVER events with CAMEO, Goldstein and quad class."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from eventwire.coding import clauses as cl
from eventwire.coding.modality import is_negated, modality, speech_head
from eventwire.coding.patterns import noun_source, subject_actors, target_actors
from eventwire.coding.triggers import Candidate, find_candidates, fold
from eventwire.model import Actor, Event, Place, Resolved, Sentence, When
from eventwire.settings import Settings
from eventwire.vocab import Trigger, Vocab

ORG_CODES_LEN = 3
# sectors that act for a state as a whole (None: the state named bare)
STATE_SECTORS = frozenset({None, "GOV", "MIL"})
# prepositions that name what an act is aimed at or delivered to
AIM_PREPS = frozenset({"at", "on", "against", "into", "to"})
# words that set a kind of actor apart from the country where the story happens ("foreign
# forces", "Western governments", "the international community")
FOREIGN_WORDS = frozenset(
    {"foreign", "external", "international", "western", "outside", "overseas"}
)


@dataclass
class _Scene:
    """What the paragraph has established so far: its date and its place."""

    date: When | None = None
    place: Place | None = None


def _bare_person(actor: Actor) -> bool:
    """A person the text names by one word only, never in full, with nothing said about
    them (no country, sector or role): one the writer expects the reader to know."""
    if not actor.name or actor.country or actor.sector or actor.role:
        return False
    return len(actor.name.split()) == 1 and actor.text.casefold() == actor.name.casefold()


class Coder:
    """Stage: ``Resolved`` → list of ``Event``."""

    name = "code"

    def __init__(self, settings: Settings, vocab: Vocab) -> None:
        self.settings = settings
        self.vocab = vocab
        self.org_codes = frozenset(e.code for e in vocab.actors.values() if e.kind == "org")

    def __call__(self, resolved: Resolved) -> list[Event]:
        """Code every body sentence of one document."""
        return _DocCoder(self, resolved).run()


class _DocCoder:
    def __init__(self, stage: Coder, resolved: Resolved) -> None:
        self.vocab = stage.vocab
        self.settings = stage.settings
        self.resolved = resolved
        self.doc = resolved.parsed.cleaned.doc
        self.events: list[Event] = []
        self.seen: set[tuple[str, frozenset[str], frozenset[str], int, int]] = set()
        self.sent_index = 0
        self.org_codes = stage.org_codes
        # the country people the text gives none belong to: the story's own, where it has one
        self.person_country = resolved.person_country
        self.sole_country = resolved.sole_country

    def run(self) -> list[Event]:
        last_date: When | None = None
        for b, pblock in enumerate(self.resolved.parsed.blocks):
            scene = _Scene()
            for sent in pblock.sdoc.sents:
                self._sentence(b, pblock.block.start, sent, scene, last_date)
                self.sent_index += 1
            if scene.date is not None:
                last_date = scene.date
        return [e for e in self.events if e.confidence >= self.settings.min_confidence]

    # -- helpers ----------------------------------------------------------------------------
    def _lookup(self, b: int) -> Any:
        actors = self.resolved.actors

        def lookup(tok: Any) -> tuple[Actor, ...]:
            return actors.get((b, tok.i), ())

        return lookup

    def _fill(self, actors: tuple[Actor, ...], scene_country: str | None) -> list[Actor]:
        """Give the actors the text names only by their kind or by name a country."""
        out = []
        for actor in actors:
            if (
                actor.country is None
                and not actor.name
                and FOREIGN_WORDS & set(actor.text.casefold().split())
            ):
                # "any foreign force", "Western governments": not of the story's country
                continue
            if actor.country is None:
                # a person the text gives no country belongs to the story's country when the
                # story is about one country, not to the place where it happens to put them
                country = self.person_country if actor.name else scene_country
                if country is None:
                    continue
                actor = actor.model_copy(update={"country": country})
            out.append(actor)
        return out

    def _story_country(self, b: int) -> str | None:
        """The country an actor named only by its kind ("police", "gunmen") belongs to where
        its sentence sets no place: the story's own country where it is about one, else the
        country of its dateline, else the country it names most."""
        focus = self.resolved.focus_country
        if self.sole_country is not None:
            return focus
        return self.resolved.datelines.get(b) or focus

    def _date(self, b: int, tok: Any, sent: Any, base: When | None = None) -> When | None:
        dates = self.resolved.dates
        best: tuple[int, When] | None = None
        for ent in sent.ents:
            when = dates.get((b, ent.root.i))
            if when is None:
                continue
            when = cl.before_base(ent, when, base)
            # prefer dates of the trigger's own clause, then of a clause above it; skip dates
            # of other clauses ("after talks that opened last Tuesday")
            distance = abs(ent.root.i - tok.i)
            date_clause = cl.clause(ent.root)
            own = cl.clause(tok) if tok.pos_ not in ("VERB", "AUX") else tok
            holder = cl.noun_holder(ent.root)
            if (
                tok.pos_ in ("NOUN", "PROPN")
                and date_clause.dep_ in ("relcl", "acl")
                and cl.dominates(tok, date_clause)
            ):
                distance -= 150  # "talks that opened last Tuesday": the talks' own date
            elif (
                (date_clause.dep_ == "advcl" and cl.dominates(own, date_clause))
                or cl.of_subject(date_clause, own)
            ) and cl.is_when(date_clause):
                distance -= 90  # "agreed ... when they met on 2 June"
            elif (
                holder is not None
                and holder != tok
                and when.precision != "day"
                and not cl.names_act(ent.root, holder, own)
            ):
                continue  # "launches in the past few weeks": another act's time
            elif date_clause == own:
                distance -= 100
            elif cl.dominates(date_clause, own):
                distance -= 50
            elif date_clause.dep_ == "xcomp" and date_clause.head == own and own.tag_ == "VBD":
                distance -= 20  # "vowed to punish the mutineers on Saturday": the vow's day
            elif date_clause.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp"):
                continue
            if best is None or distance < best[0]:
                best = (distance, when)
        return best[1] if best else None

    def _own_year(self, b: int, sent: Any, carried: When) -> bool:
        """Whether the sentence names a year of its own other than the carried date's ("had
        seized power together in a 2021 coup"): then the carried date is not its time."""
        year = (carried.value or "")[:4]
        for ent in sent.ents:
            when = self.resolved.dates.get((b, ent.root.i))
            if when is not None and when.value and when.value[:4] != year:
                return True
        return False

    def _place(self, b: int, tok: Any, sent: Any) -> Place | None:
        best: tuple[int, Place] | None = None
        own = cl.clause(tok) if tok.pos_ not in ("VERB", "AUX") else tok
        for (bb, i), place in self.resolved.places.items():
            if bb != b or not (sent.start <= i < sent.end):
                continue
            where = sent.doc[i]
            distance = abs(i - tok.i)
            place_clause = cl.clause(where)
            if place_clause != own and not cl.dominates(place_clause, own):
                # a place of another clause ("a businessman awaiting trial in Miami")
                if cl.subordinate(where) and not cl.dominates(own, where):
                    continue
                if place_clause.dep_ == "relcl" and any(
                    c.lower_ in ("who", "whom", "whose") for c in place_clause.children
                ):
                    continue  # where a person named in the sentence is ("who was in Miami")
                distance += 30
            if cl.prep_of(where) == "from":
                # "crossed from Russia": where the act came from, not where it happened
                distance += 60
            if best is None or distance < best[0]:
                best = (distance, place)
        return best[1] if best else None

    # -- one sentence -----------------------------------------------------------------------
    def _sentence(
        self, b: int, offset: int, sent: Any, scene: _Scene, last_date: When | None
    ) -> None:
        cands = fold(find_candidates(sent, self.vocab), self.vocab.policy.promised)
        cands += self._conditional_threats(sent, cands, self._lookup(b))
        lookup = self._lookup(b)
        sentence = Sentence(
            index=self.sent_index,
            start=offset + sent.start_char,
            end=offset + sent.end_char,
            text=sent.text,
        )
        narrated: When | None = None
        for cand in cands:
            event = self._event(b, cand, sent, sentence, lookup, scene, last_date)
            if (
                event is not None
                and event.date
                and len(event.date) == 10
                and not event.negated
                and not cl.subordinate(cand.token)
                and event.modality != "intended"
            ):
                narrated = When(value=event.date, text=None, precision="day")
        # the paragraph's scene carries on to its later sentences
        for (bb, i), place in self.resolved.places.items():
            if bb == b and sent.start <= i < sent.end and cl.prep_of(sent.doc[i]) != "from":
                scene.place = place
        for ent in sent.ents:
            when = self.resolved.dates.get((b, ent.root.i))
            # only a date of the sentence's own act sets the scene, not one of a clause about
            # something earlier ("after talks that opened last Tuesday")
            if when is not None and when.precision == "day" and not cl.subordinate(ent.root):
                scene.date = when
        if narrated is not None and scene.date is not None:
            # the story's clock is where its latest act left it ("... but withdrew it the
            # next morning")
            scene.date = narrated

    def _conditional_threats(self, sent: Any, cands: list[Candidate], lookup: Any) -> list[Any]:
        """A promise of any act on condition of another actor's act ("the South and the
        United States will use every possible resource if North Korea uses its nuclear
        weapons") is a threat against that actor, whatever the verb."""
        taken = {c.token.i for c in cands}
        out = []
        for tok in sent:
            if tok.pos_ != "VERB" or tok.i in taken or tok.dep_ == "aux":
                continue
            if not any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in tok.children
            ):
                continue
            cond = cl.condition_subject(tok)
            if cond is None or not lookup(cond):
                continue
            own = subject_actors(tok, lookup)[0]
            if not own or {a.country for a in own} & {a.country for a in lookup(cond)}:
                continue
            trig = Trigger(lemma=tok.lemma_, pos="VERB", type="THREATEN", cameo="130")
            out.append(Candidate(tok, trig, "THREATEN"))
        return out

    def _event(
        self,
        b: int,
        cand: Candidate,
        sent: Any,
        sentence: Sentence,
        lookup: Any,
        scene: _Scene,
        last_date: When | None,
    ) -> Event | None:
        tok = cand.token
        trig = cand.trigger
        if trig.pos == "NOUN":
            source = noun_source(tok, lookup)
            source_token = None
        elif tok.dep_ == "aux":
            # a modal of obligation in reported speech ("Russia said Sudan must return the
            # helicopter"): the speaker asks it of the clause's subject
            speaker = speech_head(tok.head)
            addressees = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if speaker is None or not addressees:
                return None
            source, source_token = subject_actors(speaker, lookup)
            source_token = addressees[0]
        else:
            source, source_token = subject_actors(tok, lookup)
            if trig.pos == "ADJ" and not source:
                source, source_token = subject_actors(tok.head, lookup)
        own_place = self._place(b, tok, sent)
        place = own_place or scene.place
        # actors named only by their kind ("police", "the government") belong to the country
        # of the sentence's own place, else to the country the story is about
        scene_country = (
            own_place.country if own_place and own_place.country else self._story_country(b)
        )
        src = self._fill(source, scene_country)
        meeting = cand.type == "CONSULT" and trig.mode != "visit"
        # a meeting whose named participant the text gives no country still has its other
        # participants
        unplaced = meeting and any(a.name for a in source)
        if not src and not unplaced:
            if not (
                tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubjpass" for c in tok.children)
            ):
                return None
            if cand.type not in self.vocab.policy.domestic or scene_country is None:
                return None
            src = [Actor(text="", country=scene_country)]
        if tok.dep_ == "aux":
            tgt_raw = lookup(source_token)
        else:
            tgt_raw = target_actors(
                tok,
                lookup,
                prep=trig.prep,
                source_token=source_token,
                addressee=cand.type == "REQUEST",
            )
        tgt = self._fill(tgt_raw, scene_country)
        if not src and not tgt:
            return None
        focus = self.person_country
        if focus is not None and focus in {a.country for a in tgt_raw if not a.name}:
            # a person the text has given no country ("Putin threatened Ukraine", "President
            # Joe Biden praised Kenya") is not of the country its act is aimed at: its
            # country stays unknown
            unknown = [a for a in source if a.name and not a.country]
            if unknown:
                kept = tuple(a for a in source if not (a.name and not a.country))
                src = self._fill(kept, scene_country) + unknown
        negated = is_negated(tok)
        mode: Any = modality(tok)
        if mode == "conditional":
            # the condition of an "if" clause ("if Seoul is hoping to ...") is not an event
            return None
        typ = cand.type
        cameo = trig.cameo
        alone = self.vocab.policy.alone.get(f"{typ}/{cameo}")
        if alone is not None and not tgt and len({a.country for a in src}) == 1:
            # an act that needs a partner done by one party ("Turkish troops held drills")
            typ, cameo = alone.split("/", 1)
        promised = self.vocab.policy.promised
        if mode == "intended":
            # a promise or plan is coded, when announced, as the type of its modality
            typ = promised.get(f"{typ}/{trig.mode}") or promised.get(typ, typ)
            if cl.threat_condition(tok) and typ not in ("AGREE", "CONSULT", "SUPPORT"):
                # "will withdraw its force unless ...": a conditional hostile act is a threat
                typ = "THREATEN"
        if typ != trig.type and typ in self.vocab.policy.intent_cameo:
            cameo = self.vocab.policy.intent_cameo[typ]
        if meeting:
            # meetings: every participant is an actor, no recipient
            src = src + [a for a in tgt if a not in src]
            tgt = []
        if not tgt and typ == "THREATEN":
            cond = cl.condition_subject(tok)
            if cond is not None:
                tgt = self._fill(lookup(cond), scene_country)
        if not tgt and typ in self.vocab.policy.targeted:
            tgt = self._implied_target(tok, lookup, src, scene_country, typ, source=source)
        speaker = speech_head(tok)
        attributed = None
        if speaker is not None and speaker != tok:
            said_by = subject_actors(speaker, lookup)[0]
            if said_by:
                attributed = said_by[0].name or said_by[0].text
                if mode == "asserted":
                    mode = "reported"
        base = scene.date or last_date
        when = self._date(b, tok, sent, base)
        date_text = when.text if when else None
        if when is not None and when.value and len(when.value) == 10 and cl.next_day(tok):
            # "imposed a curfew on Friday night, but withdrew it the next morning"
            day = dt.date.fromisoformat(when.value) + dt.timedelta(days=1)
            when = When(value=day.isoformat(), text=None, precision="day")
        if when is None:
            lowered = sentence.text.lower()
            base = scene.date or (last_date if cl.past(tok) else None)
            if base is not None and base.value and any(w in lowered for w in cl.NEXT_DAY_WORDS):
                day = dt.date.fromisoformat(base.value) + dt.timedelta(days=1)
                when = When(value=day.isoformat(), text=None, precision="day")
            elif scene.date is not None:
                when = scene.date
            elif last_date is not None and cl.past(tok) and not self._own_year(b, sent, last_date):
                when = last_date
        location = self._location(typ, place, src, tgt)
        key = (
            typ,
            frozenset(a.country or "" for a in src),
            frozenset(a.country or "" for a in tgt),
            sentence.index,
            # two verbs with subjects of their own are two acts, also between sides of one
            # country ("the RSF accused the army ..., while the army accused the RSF ...")
            _own_subject(tok),
        )
        if key in self.seen:
            return None
        self.seen.add(key)
        info = self.vocab.cameo.get(cameo)
        mapped = self.vocab.cameo_plover.get(cameo)
        score = self.vocab.plover_scores.get((typ, trig.mode)) or self.vocab.plover_scores.get(
            (typ, None)
        )
        confidence = 0.4 + 0.2 * bool(source) + 0.2 * bool(tgt_raw) + 0.1 * bool(when)
        if not cl.subordinate(tok if trig.pos != "NOUN" else cl.clause(tok)):
            # the sentence's own act outranks one in a participle or adverbial clause
            # ("rioted on Monday, setting fire to mattresses")
            confidence += 0.05
        event = Event(
            doc_id=self.doc.id,
            event_id=f"{self.doc.id}:{sentence.index}:{tok.i - sent.start}",
            sentence=sentence,
            trigger=tok.text,
            type=typ,
            mode=trig.mode or (mapped.mode if mapped else None),
            context=list(trig.context or (mapped.context if mapped else ())),
            cameo=cameo,
            goldstein=info.goldstein if info else (score or 0.0),
            quad_class=self.vocab.plover_quad.get(typ, info.quad_class if info else 1),
            source=src,
            target=tgt,
            date=when.value if when else None,
            date_text=date_text,
            location=location,
            negated=negated,
            modality=mode,
            attributed_to=attributed,
            confidence=round(min(confidence, 0.95), 2),
        )
        self.events.append(event)
        return event

    def _implied_target(
        self,
        tok: Any,
        lookup: Any,
        src: list[Actor],
        scene_country: str | None,
        typ: str,
        *,
        source: tuple[Actor, ...] = (),
    ) -> list[Actor]:
        """The recipient the text implies, in order: the doer of the act a reaction is about
        ("condemned the detentions" → who detained); the parties themselves for a mutual
        act; else the country the story is about."""
        own = {a.country for a in src}
        aimed = self._aimed_place(tok, own) if typ in self.vocab.policy.placed else None
        if aimed is not None:
            return [aimed]
        objects = [c for c in tok.children if c.dep_ in ("dobj", "prep", "xcomp", "ccomp")]
        if typ in self.vocab.policy.reactions:
            for obj in objects:
                for t in obj.subtree:
                    entries = self.vocab.triggers.get((t.lemma_.lower(), "NOUN"))
                    if not entries or t == tok:
                        continue
                    # only the act's own doer: climbing would find the reaction's own subject
                    found = self._fill(noun_source(t, lookup, climb=False), scene_country)
                    if found:
                        return found
                    for event in reversed(self.events):
                        doers = {a.country for a in event.source}
                        if event.type == entries[0].type and not event.negated and doers - own:
                            return list(event.source)
        if len(own) >= 2 and typ in self.vocab.policy.mutual:
            return list(src)
        # an act done somewhere else is done to that place ("struck airfields around Kyiv")
        state = all(a.sector in STATE_SECTORS for a in src)
        if typ in self.vocab.policy.placed and state:
            place = self._place(self._block_of(tok), tok, tok.sent)
            if place is not None and place.country and place.country not in own:
                return [Actor(text="", country=place.country)]
        police = all(a.sector == "COP" or not (a.country or a.name) for a in source)
        if typ in self.vocab.policy.domestic and police and len(own) == 1:
            # an act at home by police or by a kind of actor ("gangs shot at the airport",
            # "Nigerien police fired tear gas") is done to its own country
            return [Actor(text="", country=next(iter(own)))]
        focus = self.resolved.focus_country
        stated = any(a.text for a in src)
        if (
            focus is not None
            and focus in own
            and typ in self.vocab.policy.outward
            and state
            and stated
        ):
            # the story's country acting on someone: the other country the story has been
            # about so far (never one it names only later)
            upto = (self._block_of(tok), tok.sent.end)
            other = next((c for c in self._ranking(upto) if c not in own), None)
            if other is not None:
                return [Actor(text="", country=other)]
        if focus is not None and not (focus in own and len(own) >= 2):
            # (not one of several doers: "Western embassies, including those of the US and
            # Germany, urged calm" is not asked of the US)
            if focus in own and self.sole_country is None:
                # a country's act on something the text does not name ("China urged both
                # countries to exercise restraint") is done to itself only in a story about
                # that country alone (a civil war, a coup)
                return []
            return [Actor(text="", country=focus)]
        return []

    def _aimed_place(self, tok: Any, own: set[str | None]) -> Actor | None:
        """A place the act is aimed at or delivered to stands for its country ("fired rockets
        at Tel Aviv", "shelled Kharkiv", "delivered aid to El Fasher")."""
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        b = self._block_of(tok)
        heads = [c for c in tok.children if c.dep_ == "dobj"]
        heads += [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in AIM_PREPS
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for head in heads:
            # the object itself, or the place it is "of" or "in" ("the city of El Fasher in
            # Sudan"), not places deeper in its modifiers
            near = [head, *(c for c in head.children if c.dep_ in ("compound", "conj", "appos"))]
            near += [
                p
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in ("of", "in")
                for p in c.children
                if p.dep_ == "pobj"
            ]
            for t in near:
                place = self.resolved.places.get((b, t.i))
                if place is not None and place.country and place.country not in own:
                    return Actor(text=t.text, country=place.country)
        return None

    def _block_of(self, tok: Any) -> int:
        for b, pblock in enumerate(self.resolved.parsed.blocks):
            if pblock.sdoc is tok.doc:
                return b
        return 0

    def _ranking(self, upto: tuple[int, int]) -> list[str]:
        """Countries by how often the story names them before ``upto`` (block, token index),
        organisations left out."""
        counts: Counter[str] = Counter()
        for key, actors in self.resolved.actors.items():
            if key >= upto:
                continue
            for actor in actors:
                code = actor.country
                if code and actor.sector not in ("IGO", "NGO") and code not in self.org_codes:
                    counts[code] += 1
        return [c for c, _n in counts.most_common()]

    def _location(
        self, typ: str, place: Place | None, src: list[Actor], tgt: list[Actor]
    ) -> Place | None:
        if place is not None:
            return place
        if typ not in self.vocab.policy.domestic:
            return None
        if typ == "ASSAULT" and tgt:
            countries = {a.country for a in tgt}
        else:
            countries = {a.country for a in src}
        if len(countries) == 1:
            (code,) = countries
            if code and len(code) == ORG_CODES_LEN and code.isalpha():
                return Place(text="", name=None, country=code)
        return None


def _own_subject(tok: Any) -> int:
    """The token index of a verb's own subject, -1 when it has none (a noun, an infinitive, a
    verb that shares its subject)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return -1
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return int(child.i)
    return -1
