"""People of one document with their roles over time, read from the dependency tree.

A person is first named by a PERSON entity; later surname-only mentions join the most recent
person whose name has that part, so two Kims stay two people. Roles come from the title before
the name ("former U.S. President Barack Obama"), appositions ("Hwang Joon-kook, the top nuclear
envoy"), predicates ("was sworn in as Sri Lanka's acting president", "becoming the first Sri
Lankan president") and relative clauses ("who serves as the AU's High Representative"); the
country from the role's own modifiers, an organisation office, a group the person leads or
belongs to ("The U.S. delegation was led by X"), a person they serve ("adviser to X"), the
coded events, and last the article's focus country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.model import Actor, Event, Mention, Person, Resolved
from eventwire.relate.spans import clean_text, find_actors, is_org, iter_sentences, join, mention
from eventwire.vocab import RelateVocab, Vocab

STOP_LEFT = frozenset({",", ";", ":", "(", ")", "and", "or", "\u2014", "\u2013", '"', "\u201c"})
NP_DROP = frozenset({"det", "punct", "cc", "conj", "relcl", "acl", "appos", "advcl"})
ALIAS_CUE = re.compile(r"^[^.;]{0,40}?\b(?:known as|nicknamed|dubbed)\s+[\"\u201c]([^\"\u201d]+)")
NP_ALWAYS = frozenset({"det", "punct"})
MAX_TITLE = 8
ADJ_OK = frozenset({"ADJ", "NOUN", "PROPN", "PUNCT", "PART", "NUM", "X"})


@dataclass
class _Role:
    text: str
    priority: int
    status: str | None = None
    country: str | None = None
    org: bool = False
    sector: str | None = None
    related: str | None = None


# appointment verbs whose subject takes the role itself ("became president", "served as")
SELF_APPOINTING = frozenset({"become", "serve", "swear", "take", "win"})


@dataclass
class _Draft:
    name: str
    parts: list[str]
    mentions: list[Mention] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    roles: list[_Role] = field(default_factory=list)
    member_of: str | None = None
    since: str | None = None
    until: str | None = None
    aliases: list[str] = field(default_factory=list)
    context_country: str | None = None


class PeopleFinder:
    """Finds the people of one resolved document (built once per stage, called per document)."""

    def __init__(self, vocab: Vocab, rv: RelateVocab) -> None:
        self.vocab = vocab
        self.rv = rv
        titles = dict(vocab.titles)
        for word, sector in rv.person_nouns.items():
            titles.setdefault(word, sector)
        self.titles = titles
        self.title_words = {w for t in titles for w in re.split(r"[ -]", t)}

    # -- names ------------------------------------------------------------------------------
    def _name_span(self, ent: Any) -> Any | None:
        doc = ent.doc
        start, end = ent.start, ent.end
        while (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
        while start < end and (
            doc[start].lower_ in self.titles
            or doc[start].lower_ in self.rv.role_status
            or (doc[start].pos_ == "VERB" and doc[start].tag_ in ("VBG", "VBN"))
        ):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "\u2019s")):
            end -= 1
        if start >= end:
            return None
        span = doc[start:end]
        text = clean_text(span.text)
        first = doc[start - 1] if start > 0 else None
        if (
            not text[:1].isupper()
            or self.vocab.actor(text) is not None
            or (first is not None and first.lower_ == "the" and len(span) == 1)
            or text.split()[0].casefold() in self.rv.ship_prefixes
        ):
            return None
        return span

    def find(self, resolved: Resolved, events: Sequence[Event], doc_id: str) -> tuple[Person, ...]:
        """The people of one document, in order of first mention."""
        drafts: list[_Draft] = []
        by_part: dict[str, _Draft] = {}
        for b, offset, sent in iter_sentences(resolved):
            taken: set[int] = set()
            for ent in sent.ents:
                if ent.label_ != "PERSON" and not self._coordinated_name(ent):
                    continue
                span = self._name_span(ent)
                if span is None:
                    continue
                taken.update(range(ent.start, ent.end))
                draft = self._draft(span, drafts, by_part)
                self._read(draft, span, sent, offset, b, resolved)
            for tok in sent:
                if tok.i in taken or tok.pos_ != "PROPN" or len(tok.text) < 3:
                    continue
                known = by_part.get(clean_text(tok.text).casefold())
                if known is not None and tok.ent_type_ not in ("PERSON",):
                    span = tok.doc[tok.i : tok.i + 1]
                    known.mentions.append(mention(span, sent, offset))
                    known.forms.append(clean_text(tok.text))
                    self._predicates(known, tok, b, resolved)  # "Rajapaksa ..., becoming ..."
        return self._finish(drafts, resolved, events, doc_id)

    def _coordinated_name(self, ent: Any) -> bool:
        """An entity the tagger calls an organisation, coordinated with a person's name and
        shaped like one: "Uhuru Kenyatta and Phumzile Mlambo-Ngcuka"."""
        if ent.label_ != "ORG" or not 2 <= len(ent) <= 4:
            return False
        root = ent.root
        beside = [root.head] if root.dep_ == "conj" else []
        beside += [c for c in root.children if c.dep_ == "conj"]
        if not any(t.ent_type_ == "PERSON" for t in beside):
            return False
        words = [t for t in ent if t.is_alpha]
        return (
            bool(words)
            and all(t.text[:1].isupper() and not t.is_upper for t in words)
            and not any(t.lower_ in self.rv.thing_heads for t in ent)
            and self.vocab.actor(clean_text(ent.text)) is None
        )

    def _draft(self, span: Any, drafts: list[_Draft], by_part: dict[str, _Draft]) -> _Draft:
        name = clean_text(span.text)
        parts = [p for p in name.split() if p[:1].isupper()]
        key = name.casefold()
        for draft in reversed(drafts):
            full = draft.name.casefold()
            if key == full or (len(parts) == 1 and key in draft.parts):
                return draft
            if len(parts) > 1 and f" {key} " in f" {full} ":
                return draft
            if len(draft.parts) == 1 and len(parts) > 1 and draft.parts[0] in key.split():
                draft.forms.append(draft.name)
                draft.name, draft.parts = name, [p.casefold() for p in parts]
                self._index(draft, by_part)
                return draft
        draft = _Draft(name=name, parts=[p.casefold() for p in parts])
        drafts.append(draft)
        self._index(draft, by_part)
        return draft

    @staticmethod
    def _index(draft: _Draft, by_part: dict[str, _Draft]) -> None:
        by_part[draft.name.casefold()] = draft
        for part in draft.parts:
            if len(part) > 2:
                by_part[part] = draft

    # -- what the text says around one mention ----------------------------------------------
    def _read(
        self, draft: _Draft, span: Any, sent: Any, offset: int, b: int, resolved: Resolved
    ) -> None:
        if not draft.mentions:
            draft.context_country = self._previous_subject(
                span, sent, b, resolved
            ) or self._scene_country(span, sent, b, resolved)
        draft.mentions.append(mention(span, sent, offset))
        draft.forms.append(clean_text(span.text))
        head = span.root
        pre = self._pre_title(span)
        if pre:
            self._add_role(draft, pre, 2)
        for child in head.children:
            if child.dep_ == "appos" and child.i >= span.end:
                self._np_role(draft, child, exclude=span, priority=2)
        top = head
        while top.dep_ == "conj":
            top = top.head
        shared = top is head or top.head.tag_ in ("NNS", "NNPS")  # "ministers X and Y" share
        if top.dep_ == "appos" and top.head.i < span.start and shared:
            self._respectively(draft, head, top)
            self._np_role(draft, top.head, exclude=span, priority=2)
        self._predicates(draft, head, b, resolved)
        if top.dep_ == "compound" and top.head.lemma_.lower() in self.rv.office_nouns:
            draft.roles.append(_Role(self.rv.office_nouns[top.head.lemma_.lower()], 1))
        self._membership(draft, top)
        rest = sent.doc[span.end : sent.end].text
        cue = ALIAS_CUE.match(rest)
        if cue:
            draft.aliases.append(clean_text(cue.group(1)))

    @staticmethod
    def _previous_subject(span: Any, sent: Any, b: int, resolved: Resolved) -> str | None:
        """The state the previous sentence is about, when this one opens with the person.

        "China ... was more cautious. Foreign ministry spokesman Wang Wenbin said ...": a
        spokesman or minister introduced without a country speaks for that state.
        """
        head = span.root
        if head.dep_ not in ("nsubj", "nsubjpass") or head.head.dep_ != "ROOT":
            return None
        if sent.start == 0 or any(
            t.pos_ in ("NOUN", "PROPN")
            for t in sent[: span.start - sent.start]
            if t.ent_type_ in ("GPE", "NORP")
        ):
            return None
        before = sent.doc[sent.start - 1].sent
        for tok in before:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                if tok.ent_type_ != "GPE":
                    return None
                own = [a for a in resolved.actors.get((b, tok.i), ()) if a.text == tok.text]
                if own and own[0].country and own[0].sector is None:
                    return own[0].country
                return None
        return None

    @staticmethod
    def _state_of(tok: Any, b: int, resolved: Resolved) -> str | None:
        """The state a token names on its own ("Washington", "the White House", "Ukrainian
        forces"), not an organisation or a group with a sector other than the state's."""
        for actor in resolved.actors.get((b, tok.i), ()):
            if actor.country and actor.sector in (None, "GOV", "MIL"):
                return actor.country
        return None

    @classmethod
    def _scene_country(cls, span: Any, sent: Any, b: int, resolved: Resolved) -> str | None:
        """The state a sentence sets a person in when it gives no country of theirs.

        * "The White House said President Joe Biden had spoken ...": the person sits in what a
          state (or its seat of government) says;
        * "Ukrainian forces launched ..., Deputy Defence Minister Hanna Maliar said": the
          person reports what their state did;
        * "In Washington, Secretary of State Antony Blinken said ...": a sentence, or the
          paragraph it opens, set in a capital.
        """
        head = span.root
        cur = head
        while cur.head != cur:
            if cur.dep_ == "ccomp":
                for subj in cur.head.children:
                    if subj.dep_ == "nsubj" and not (span.start <= subj.i < span.end):
                        found = cls._state_of(subj, b, resolved)
                        if found:
                            return found
                break
            cur = cur.head
        if head.dep_ == "nsubj":
            for comp in head.head.children:
                if comp.dep_ == "ccomp":
                    for subj in comp.children:
                        if subj.dep_ in ("nsubj", "nsubjpass"):
                            found = cls._state_of(subj, b, resolved)
                            if found:
                                return found
        # a fronted "In <place>," of this sentence or of the paragraph's first sentence
        doc = sent.doc
        for first in (sent, doc[0].sent if doc else sent):
            if first[0].lower_ != "in":
                continue
            for pobj in (c for c in first[0].children if c.dep_ == "pobj"):
                end = max(t.i for t in pobj.subtree) + 1
                if end >= len(doc) or doc[end].text != ",":
                    continue
                place = resolved.places.get((b, pobj.i))
                if place is not None and place.country:
                    return place.country
                found = cls._state_of(pobj, b, resolved)
                if found:
                    return found
        return None

    def _pre_title(self, span: Any) -> list[Any]:
        doc = span.doc
        out: list[Any] = []
        i = span.start - 1
        while i >= max(span.sent.start, span.start - MAX_TITLE):
            tok = doc[i]
            if tok.lower_ == "of" and out and out[0].lower_ in self.title_words:
                out.insert(0, tok)
                i -= 1
                continue
            if (
                tok.lower_ in STOP_LEFT
                or (tok.ent_type_ == "PERSON" and tok.lower_ not in self.title_words)
                or tok.pos_ not in ADJ_OK
                or tok.dep_ == "det"
            ):
                break
            out.insert(0, tok)
            i -= 1
        # a title must touch the name: "President Win Myint", not "Myanmar Win Myint"
        return out if out and out[-1].lower_ in self.title_words else []

    def _np_role(self, draft: _Draft, node: Any, *, exclude: Any, priority: int) -> None:
        tokens = self._np_tokens(node, exclude)
        if tokens:
            self._add_role(draft, tokens, priority, node=node)
        for child in node.children:
            if child.dep_ == "relcl":
                self._relcl(draft, child)

    def _np_tokens(self, node: Any, exclude: Any | None) -> list[Any]:
        if node.lemma_.lower() not in self.title_words and node.lower_ not in self.title_words:
            return []
        skip: set[int] = set()
        for child in node.children:
            dated = child.dep_ == "prep" and any(
                t.ent_type_ in ("DATE", "TIME") for t in child.subtree
            )
            if dated or (child.dep_ in NP_DROP and child.i > node.i) or child.dep_ in NP_ALWAYS:
                skip.update(t.i for t in child.subtree)
        if exclude is not None:
            skip.update(range(exclude.start, exclude.end))
        return [t for t in node.subtree if (t.i not in skip and not t.is_punct) or t.text == "-"]

    def _relcl(self, draft: _Draft, verb: Any) -> None:
        if verb.lemma_.lower() in self.rv.appointment_verbs:
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ == "as":
                    for pobj in child.children:
                        tokens = self._np_tokens(pobj, None)
                        if tokens:
                            self._add_role(draft, tokens, 3, node=pobj, status="current")

    def _add_role(
        self,
        draft: _Draft,
        tokens: Sequence[Any],
        priority: int,
        *,
        node: Any = None,
        status: str | None = None,
    ) -> None:
        country = None
        org = False
        drop: set[int] = set()
        for s, e, entry in find_actors(self.vocab, list(tokens)):
            toks = tokens[s:e]
            # a name inside a prepositional phrase ("envoy for North Korea") is not theirs
            if (
                node is not None
                and any(t.head.i != node.i and t.head not in toks for t in toks)
                and not any(t.dep_ in ("poss", "compound", "amod") for t in toks)
            ):
                continue
            if any(t.dep_ == "pobj" for t in toks) and node is not None:
                continue
            if country is None or (is_org(entry) and not org):
                country, org = entry.code, is_org(entry)
            if entry.kind in ("name", "short", "capital", "metonym") and not is_org(entry):
                drop.update(t.i for t in toks)
        words = [
            t
            for t in tokens
            if t.i not in drop
            and not (t.text in ("'s", "\u2019s") and t.i - 1 in drop)
            and not (t.dep_ == "poss" and t.pos_ == "PRON")  # "its army chief"
        ]
        text = join(words).strip(" -,")
        if not text:
            return
        low = text.casefold()
        first = re.split(r"[ -]", low)[0]
        if first in self.rv.role_status:
            text = text[: len(first)].lower() + text[len(first) :]
        if status is None and first in self.rv.role_status:
            status = self.rv.role_status[first]
        sector = None
        best = 0
        for title, sec in self.titles.items():
            spaced = f" {low.replace('-', ' ')} "
            if (f" {title} " in spaced or f" {title} " in f" {low} ") and len(title) > best:
                best, sector = len(title), sec or None
        related = None
        if node is not None:
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "to"):
                    for pobj in prep.children:
                        if pobj.ent_type_ == "PERSON":
                            related = clean_text(
                                pobj.doc[pobj.left_edge.i : pobj.right_edge.i + 1].text
                            )
        draft.roles.append(_Role(text, priority, status, country, org, sector, related))

    def _respectively(self, draft: _Draft, head: Any, top: Any) -> None:
        """ "the defence ministers of Japan and South Korea, Minoru Kihara and Shin Won-sik"."""
        noun = top.head
        names = [top, *[t for t in top.conjuncts if t.i > top.i]]
        if head not in names:
            return
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                places = [pobj, *[t for t in pobj.conjuncts if t.i > pobj.i]]
                if len(places) != len(names) or len(names) < 2:
                    continue
                codes = []
                for place in places:
                    left = place.left_edge.i
                    found = find_actors(self.vocab, list(place.doc[left : place.i + 1]))
                    codes.append(found[0][2].code if found else None)
                draft.member_of = draft.member_of or codes[names.index(head)]

    def _predicates(self, draft: _Draft, head: Any, b: int, resolved: Resolved) -> None:
        self._appointed(draft, head)
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return
        verb = head.head
        verbs = [verb, *[c for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj")]]
        for v in verbs:
            lemma = v.lemma_.lower()
            if head.dep_ == "nsubj" and self._appoints_another(v):
                continue  # "Rajapaksa named Wickremesinghe acting president": not his role
            if lemma in self.rv.appointment_verbs:
                for node in self._complements(v):
                    tokens = self._np_tokens(node, None)
                    if tokens:
                        self._add_role(draft, tokens, 3, node=node, status="newly")
            if lemma in self.rv.take_verbs and any(
                c.dep_ == "dobj" and c.lemma_ in ("office", "power", "oath") for c in v.children
            ):
                draft.since = draft.since or self._date(v, b, resolved)
            if lemma in self.rv.leave_verbs:
                draft.until = draft.until or self._date(v, b, resolved)

    def _appoints_another(self, verb: Any) -> bool:
        """An active appointment verb with someone else as its object: the subject gives the
        role away ("appointed Musalia Mudavadi as ...", "named Kithure Kindiki minister")."""
        lemma = verb.lemma_.lower()
        if lemma not in self.rv.appointment_verbs or lemma in SELF_APPOINTING:
            return False
        return any(
            c.dep_ == "dobj"
            or (c.dep_ == "oprd" and any(t.ent_type_ == "PERSON" for t in c.subtree))
            for c in verb.children
        )

    def _appointed(self, draft: _Draft, head: Any) -> None:
        """The object of an appointment: "appointed Musalia Mudavadi as foreign minister",
        "named Wickremesinghe acting president" (the name inside the role's noun phrase)."""
        node = head
        for _ in range(3):
            if node.dep_ in ("nmod", "compound") and node.head.i != node.i:
                node = node.head
        if node.dep_ not in ("dobj", "oprd") or not self._appoints_another(node.head):
            return
        verb = node.head
        roles = [c for c in self._complements(verb) if c.i != head.i]
        if node is not head and node not in roles:
            roles.append(node)
        for role in roles:
            tokens = [t for t in self._np_tokens(role, None) if t not in head.subtree]
            tokens = [t for t in tokens if t.ent_type_ != "PERSON"]
            if tokens:
                self._add_role(draft, tokens, 3, node=role, status="newly")

    @staticmethod
    def _complements(verb: Any) -> list[Any]:
        out = []
        for child in verb.children:
            if child.dep_ in ("attr", "oprd", "xcomp", "dobj") and child.pos_ in ("NOUN", "PROPN"):
                out.append(child)
            if child.dep_ in ("prep", "prt"):
                for sub in [child, *child.children]:
                    if sub.lower_ == "as":
                        out.extend(p for p in sub.children if p.dep_ == "pobj")
        return out

    @staticmethod
    def _date(verb: Any, b: int, resolved: Resolved) -> str | None:
        for tok in verb.subtree:
            when = resolved.dates.get((b, tok.i))
            if when is not None and when.value:
                return when.value
        return None

    def _membership(self, draft: _Draft, top: Any) -> None:
        verb = None
        for _ in range(3):  # "included former Kenyan president Uhuru Kenyatta and ..."
            if top.dep_ in ("appos", "conj") and top.head.i != top.i:
                top = top.head
        if top.dep_ in ("dobj", "attr") and top.head.lemma_.lower() in self.rv.membership_verbs:
            verb = top.head
        elif top.dep_ == "pobj" and top.head.lower_ == "by":
            cand = top.head.head
            if cand.lemma_.lower() in self.rv.membership_verbs:
                verb = cand
        if verb is None:
            return
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                found = find_actors(self.vocab, list(child.subtree))
                if found:
                    draft.member_of = draft.member_of or found[0][2].code
                title = [
                    t for t in verb.subtree if t.lower_ in self.titles and t.dep_ == "compound"
                ]
                if title:
                    draft.roles.append(_Role(title[0].text, 1))

    # -- one record per person --------------------------------------------------------------
    def _finish(
        self, drafts: list[_Draft], resolved: Resolved, events: Sequence[Event], doc_id: str
    ) -> tuple[Person, ...]:
        from_events: dict[str, Counter[str]] = {}
        for event in events:
            for actor in (*event.source, *event.target):
                if actor.name and actor.country:
                    from_events.setdefault(actor.name.casefold(), Counter())[actor.country] += 1
        chosen: dict[int, _Role | None] = {}
        for n, draft in enumerate(drafts):
            ranked = sorted(
                enumerate(draft.roles),
                key=lambda kv: (-(kv[1].priority - self._demotion(kv[1])), kv[0]),
            )
            chosen[n] = ranked[0][1] if ranked else None
        countries: dict[int, str | None] = {}
        for n, draft in enumerate(drafts):
            countries[n] = self._country(draft, chosen[n], resolved.people, from_events)
        by_name = {d.name.casefold(): n for n, d in enumerate(drafts)}
        for n in range(len(drafts)):
            role = chosen[n]
            if countries[n] is None and role is not None and role.related:
                other = by_name.get(role.related.casefold())
                countries[n] = countries.get(other) if other is not None else None
        people = []
        for n, draft in enumerate(drafts):
            role = chosen[n]
            country = countries[n]
            if country is None and (role is None or role.sector in self.vocab.state_sectors):
                country = resolved.focus_country
            aliases = [f for f in dict.fromkeys([*draft.forms, *draft.aliases]) if f != draft.name]
            status = role.status if role else None
            if role is not None and status is None:
                status = "current"
            people.append(
                Person(
                    doc_id=doc_id,
                    name=draft.name,
                    aliases=aliases,
                    country=country,
                    sector=(role.sector if role else None)
                    or self._resolver_sector(draft, resolved),
                    role=role.text if role else None,
                    role_status=status,
                    role_since=draft.since,
                    role_until=draft.until,
                    roles=list(dict.fromkeys(r.text for r in draft.roles)),
                    mentions=sorted(draft.mentions, key=lambda m: m.start),
                )
            )
        return tuple(people)

    def _demotion(self, role: _Role) -> int:
        """Past roles and military ranks yield to an office ("its commander-in-chief, Senior
        General Min Aung Hlaing" holds the office; the rank is how he is addressed)."""
        words = role.text.casefold().split()
        rank = bool(words) and words[-1] in self.rv.ranks
        return int(role.status in ("former", "then")) + int(rank)

    @staticmethod
    def _known(draft: _Draft, people: Sequence[Actor]) -> Actor | None:
        for actor in people:
            name = clean_text(actor.name or "").casefold()
            if name and (
                name == draft.name.casefold() or name.endswith(" " + draft.name.casefold())
            ):
                return actor
        return None

    def _resolver_sector(self, draft: _Draft, resolved: Resolved) -> str | None:
        known = self._known(draft, resolved.people)
        return known.sector if known else None

    def _country(
        self,
        draft: _Draft,
        role: _Role | None,
        people: Sequence[Actor],
        from_events: dict[str, Counter[str]],
    ) -> str | None:
        if role is not None and role.org and role.country:
            return role.country
        if draft.member_of:
            return draft.member_of
        if role is not None and role.country:
            return role.country
        for other in draft.roles:
            if other.country:
                return other.country
        if role is not None and role.related:
            return None  # the served person's country, once every person has one
        if role is not None and draft.context_country:
            return draft.context_country
        known = self._known(draft, people)
        if known is not None and known.country:
            return known.country
        counts = from_events.get(draft.name.casefold())
        if counts:
            return counts.most_common(1)[0][0]
        return None
