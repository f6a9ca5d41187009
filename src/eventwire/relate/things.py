"""Named things of one document: agreements, policies, operations, weapons, organisations.

Patterns, not names: capitalised noun phrases ending in a category head word ("Reciprocal
Access Agreement"), a capitalised modifier before a head ("the Hanoi summit"), acronyms in
parentheses ("(GSOMIA)"), quoted names with a head inside or beside them ("the “strategic
patience” approach"), "Operation X", "Article 4", designators ("Hwasong-17"), ship prefixes
("USS ..."), names in apposition to a head ("exercise, Freedom Edge"), generic doctrine terms
("state of emergency"), and organisations the vocabulary or the NER knows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.model import Event, Lifecycle, Mention, Resolved, Thing
from eventwire.relate.spans import clean_text, find_actors, is_org, iter_sentences, mention
from eventwire.vocab import RelateVocab, Vocab

DESIGNATOR = re.compile(r"^[A-Z][A-Za-z]{0,9}-\d{1,4}[A-Za-z]?$")
LINKS = frozenset({"of", "for", "and", "on", "in", ":", "-"})
QUOTES = {"\u201c": "\u201d", '"': '"'}
ORG_LABELS = frozenset({"ORG"})
NAMED_LABELS = frozenset({"ORG", "LAW", "EVENT", "PRODUCT", "FAC", "WORK_OF_ART"})
MAX_QUOTED = 7
NAMED = ""  # the code slot of a candidate the text itself names ("a drill known as X")
NAMING_VERBS = frozenset({"know", "call", "dub", "name", "nickname", "title", "brand"})


@dataclass
class _Draft:
    name: str
    category: str
    aliases: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    acronym: str | None = None
    expansion: str | None = None
    code: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    lifecycle: list[Lifecycle] = field(default_factory=list)
    heads: list[tuple[int, int]] = field(default_factory=list)
    named: bool = False


class ThingFinder:
    """Finds the named things of one resolved document."""

    def __init__(self, vocab: Vocab, rv: RelateVocab) -> None:
        self.vocab = vocab
        self.rv = rv
        self.terms = sorted(rv.thing_terms, key=len, reverse=True)

    def find(self, resolved: Resolved, events: Sequence[Event], doc_id: str) -> tuple[Thing, ...]:
        """The things of one document, in order of first mention."""
        drafts: dict[str, _Draft] = {}
        by_sentence: dict[tuple[int, int], list[Event]] = {}
        for event in events:
            by_sentence.setdefault((event.sentence.start, event.sentence.end), []).append(event)
        for b, offset, sent in iter_sentences(resolved):
            found: list[tuple[Any, str, str | None]] = []  # (span, category, code)
            self._entities(sent, found)
            self._headed(sent, found)
            self._quoted(sent, found)
            self._terms(sent, found)
            self._acronyms(sent, found, drafts)
            key = (offset + sent.start_char, offset + sent.end_char)
            sent_events = by_sentence.get(key, [])
            for span, category, found_code in found:
                code = found_code or None
                draft = self._add(drafts, span, category, code)
                draft.named = draft.named or found_code == NAMED
                draft.mentions.append(mention(span, sent, offset))
                draft.heads.append((b, span.root.i))
                self._parties(draft, span, b, resolved, sent_events, code)
                self._lifecycle(draft, span, sent, offset, sent_events)
        return tuple(
            Thing(
                doc_id=doc_id,
                name=d.name,
                aliases=[a for a in dict.fromkeys(d.aliases) if a != d.name],
                category=d.category,
                parties=list(dict.fromkeys(d.parties)),
                acronym=d.acronym,
                expansion=d.expansion,
                lifecycle=d.lifecycle,
                mentions=sorted(d.mentions, key=lambda m: m.start),
                named=d.named,
            )
            for d in drafts.values()
        )

    # -- candidates -------------------------------------------------------------------------
    def _category(self, words: Sequence[str]) -> str | None:
        for size in (2, 1):
            if len(words) >= size:
                head = " ".join(words[-size:]).casefold()
                if head in self.rv.thing_heads:
                    return self.rv.thing_heads[head]
        return None

    def _entities(self, sent: Any, found: list[tuple[Any, str, str | None]]) -> None:
        taken: set[int] = set()
        for ent in sent.ents:
            if ent.label_ not in NAMED_LABELS:
                continue
            span = _trim(ent)
            if span is None:
                continue
            span = _with_place(span)
            if DESIGNATOR.match(span[-1].text) and self._weapon_near(span[-1]):
                # "US Air Force C-130 cargo planes": the designator names the weapon (found
                # by _headed); what comes before it may still name an organisation
                span = _trim(span[:-1]) if len(span) > 1 else None
                if span is None:
                    continue
            entry = self.vocab.actor(clean_text(span.text))
            if entry is not None and not is_org(entry):
                continue
            words = [t.lemma_ if t.i == span.end - 1 else t.text for t in span]
            category = self._category([t.text for t in span]) or self._category(words)
            if span[0].text in ("Operation", "Exercise") and len(span) > 1:
                category = "operation"
            if category is None and ent.label_ in ORG_LABELS:
                category = "organisation"
            if category is None:
                continue
            found.append((span, category, entry.code if entry else None))
            taken.update(range(span.start, span.end))
        # organisation names are capitalised: look up only those runs (the slow part)
        tokens = [t for t in sent if t.i not in taken and t.text[:1].isupper()]
        for s, e, entry in find_actors(self.vocab, tokens):
            if is_org(entry) and entry.sector in ("IGO", None) and len(entry.code) > 1:
                toks = tokens[s:e]
                if toks[-1].i - toks[0].i == e - s - 1:
                    span = sent.doc[toks[0].i : toks[-1].i + 1]
                    found.append((span, "organisation", entry.code))

    def _headed(self, sent: Any, found: list[tuple[Any, str, str | None]]) -> None:
        doc = sent.doc
        covered = {i for span, _c, _k in found for i in range(span.start, span.end)}
        for tok in sent:
            if tok.i in covered:
                continue
            low = tok.lower_
            category = self.rv.thing_heads.get(low) or self.rv.thing_heads.get(tok.lemma_.lower())
            if tok.text in ("Operation", "Exercise") and tok.i + 1 < sent.end:
                end = tok.i + 1
                while end < sent.end and doc[end].text[:1].isupper() and doc[end].is_alpha:
                    end += 1
                if end > tok.i + 1:
                    found.append((doc[tok.i : end], "operation", None))
                continue
            if tok.text == "Article" and tok.i + 1 < sent.end and doc[tok.i + 1].like_num:
                found.append((doc[tok.i : tok.i + 2], "agreement", None))
                continue
            if DESIGNATOR.match(tok.text) and self._weapon_near(tok):
                found.append((doc[tok.i : tok.i + 1], "weapon", None))
                continue
            if low in self.rv.ship_prefixes and tok.text.isupper():
                end = tok.i + 1
                while end < sent.end and doc[end].text[:1].isupper() and doc[end].is_alpha:
                    end += 1
                if end > tok.i + 1:
                    found.append((doc[tok.i : end], "weapon", None))
                continue
            if category is None:
                continue
            start = tok.i
            while start - 1 >= sent.start:
                prev = doc[start - 1]
                if (prev.text[:1].isupper() and not prev.is_punct and prev.i != sent.start) or (
                    prev.lower_ in LINKS
                    and start - 2 >= sent.start
                    and doc[start - 2].text[:1].isupper()
                    and doc[start].text[:1].isupper()
                ):
                    start -= 1
                else:
                    break
            if start == tok.i:
                self._apposed(tok, category, found)
                continue
            if not tok.text[:1].isupper() and doc[start].ent_type_ not in ("GPE", "LOC", "NORP"):
                continue
            span = doc[start : tok.i + 1]
            entry = self.vocab.actor(clean_text(span.text))
            if entry is None or is_org(entry):
                found.append((span, category, entry.code if entry else None))

    def _apposed(self, tok: Any, category: str, found: list[tuple[Any, str, str | None]]) -> None:
        """ "exercise, Freedom Edge," and "“Vigilant Storm,” the largest-ever ... exercise";
        "a protest movement known as the Aragalaya", "a coalition called Hayat Tahrir al-Sham"."""
        names = [c for c in tok.children if c.dep_ == "appos"]
        for acl in tok.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in NAMING_VERBS:
                names += [c for c in acl.children if c.dep_ == "oprd"]
                for prep in acl.children:
                    if prep.lower_ == "as":
                        names += [c for c in prep.children if c.dep_ == "pobj"]
        for child in names:
            if child.pos_ == "PROPN":
                start = child.left_edge.i
                if child.doc[start].dep_ == "det":
                    start += 1
                span = child.doc[start : child.i + 1]
                if len(span) and all(t.text[:1].isupper() for t in span if t.is_alpha):
                    found.append((span, category, NAMED))

    def _weapon_near(self, tok: Any) -> bool:
        doc = tok.doc
        for nxt in doc[tok.i + 1 : min(len(doc), tok.i + 5)]:
            if self.rv.thing_heads.get(nxt.lemma_.lower()) == "weapon":
                return True
            if nxt.is_punct and nxt.text != "-":
                break
        return tok.head.lemma_.lower() in self.rv.thing_heads and (
            self.rv.thing_heads[tok.head.lemma_.lower()] == "weapon"
        )

    def _quoted(self, sent: Any, found: list[tuple[Any, str, str | None]]) -> None:
        doc = sent.doc
        i = sent.start
        while i < sent.end:
            close = QUOTES.get(doc[i].text)
            if close is None:
                i += 1
                continue
            j = i + 1
            while j < sent.end and doc[j].text != close and j - i <= MAX_QUOTED + 1:
                j += 1
            if j >= sent.end or doc[j].text != close or j - i > MAX_QUOTED + 1:
                i += 1
                continue
            inner = doc[i + 1 : j]
            while len(inner) > 1 and inner[-1].is_punct:
                inner = inner[:-1]
            i = j + 1
            words = [t.text for t in inner if not t.is_punct]
            if not words or inner[0].pos_ in ("VERB", "AUX", "PRON", "ADP"):
                continue
            category = self._category(words) or self._category(
                [t.lemma_ for t in inner if not t.is_punct]
            )
            after = [t for t in doc[j + 1 : min(sent.end, j + 12)] if not t.is_punct]
            if category is None and after:
                category = self._category([after[0].lemma_])
                if category is None:
                    appos = [t for t in after if t.dep_ in ("appos",)]
                    if (appos and doc[j + 1].text in (",",)) or doc[j - 1].text == ",":
                        target = appos[0] if appos else after[0]
                        category = self._category([target.lemma_])
            if category is not None:
                found.append((inner, category, None))

    def _terms(self, sent: Any, found: list[tuple[Any, str, str | None]]) -> None:
        low = sent.text.casefold()
        covered: set[int] = set()
        for term in self.terms:
            for m in re.finditer(rf"\b{re.escape(term)}\b", low):
                span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or covered & set(range(span.start, span.end)):
                    continue
                covered.update(range(span.start, span.end))
                start = span.start
                while start - 1 >= sent.start and sent.doc[start - 1].dep_ in (
                    "amod",
                    "nummod",
                ):
                    start -= 1
                whole = sent.doc[start : span.end]
                found.append((whole, self.rv.thing_terms[term], None))
                if start != span.start:
                    found.append((span, self.rv.thing_terms[term], None))

    def _acronyms(
        self, sent: Any, found: list[tuple[Any, str, str | None]], drafts: dict[str, _Draft]
    ) -> None:
        doc = sent.doc
        for tok in sent:
            if not (
                tok.text == "("
                and tok.i + 2 < sent.end
                and doc[tok.i + 2].text == ")"
                and doc[tok.i + 1].text.isupper()
                and len(doc[tok.i + 1].text) >= 2
            ):
                continue
            acro = doc[tok.i + 1]
            before = [(s, c, k) for s, c, k in found if s.end == tok.i]
            if before:
                span, category, code = before[0]
                found.append((acro.doc[acro.i : acro.i + 1], category, code))
                draft = self._add(drafts, span, category, code)
                draft.acronym, draft.expansion = acro.text, clean_text(span.text)
                draft.aliases.append(acro.text)
                continue
            head = doc[tok.i - 1] if tok.i > sent.start else None
            if head is None:
                continue
            guessed = self._category([head.lemma_])
            if acro.lower_ in self.rv.weapon_acronyms:
                guessed = "weapon"
            if guessed is None:
                continue
            category = guessed
            span = doc[head.left_edge.i : head.i + 1]
            designated = [t for t in span if DESIGNATOR.match(t.text)]
            if designated:
                d = designated[0]
                span = doc[d.i : d.i + 1]
                found.append((span, category, None))
                draft = self._add(drafts, span, category, None)
            else:
                while span[0].dep_ in ("det", "poss") and len(span) > 1:
                    span = span[1:]
                draft = self._add(drafts, span, category, None)
                draft.expansion = clean_text(span.text)
                found.append((span, category, None))
            draft.acronym = acro.text
            draft.aliases.append(acro.text)
        for tok in sent:
            if (
                tok.lower_ in self.rv.weapon_acronyms
                and tok.text.isupper()
                and not any(s.start <= tok.i < s.end for s, _c, _k in found)
                and not (tok.i > sent.start and doc[tok.i - 1].text == "(")
            ):
                found.append((doc[tok.i : tok.i + 1], "weapon", None))

    # -- merging and context ----------------------------------------------------------------
    def _add(self, drafts: dict[str, _Draft], span: Any, category: str, code: str | None) -> _Draft:
        name = clean_text(span.text)
        if name.lower().startswith("the "):
            name = name[4:]
        key = name.casefold()
        for draft in drafts.values():
            if (
                key == draft.name.casefold()
                or key in (a.casefold() for a in draft.aliases)
                or (code is not None and code == draft.code)
            ):
                if key != draft.name.casefold():
                    draft.aliases.append(name)
                return draft
        draft = _Draft(name=name, category=category, code=code)
        drafts[key] = draft
        return draft

    def _parties(
        self,
        draft: _Draft,
        span: Any,
        b: int,
        resolved: Resolved,
        sent_events: Sequence[Event],
        code: str | None,
    ) -> None:
        if code:
            draft.parties.append(code)
            return
        if draft.category == "organisation":
            if resolved.focus_country and not draft.parties:
                draft.parties.append(resolved.focus_country)
            return
        root = span.root
        near = [*root.lefts, *span]
        for tok in near:
            for actor in resolved.actors.get((b, tok.i), ()):
                if actor.country:
                    draft.parties.append(actor.country)
        for s, e, entry in find_actors(self.vocab, list(span)):
            _ = (s, e)
            draft.parties.append(entry.code)
        for event in sent_events:
            sides = (
                [*event.source, *event.target] if draft.category == "agreement" else event.source
            )
            draft.parties.extend(a.country for a in sides if a.country)

    def _lifecycle(
        self, draft: _Draft, span: Any, sent: Any, offset: int, sent_events: Sequence[Event]
    ) -> None:
        tok = span.root
        for _ in range(3):
            tok = tok.head
            stage = self.rv.lifecycle.get(tok.lemma_.lower())
            if stage is not None:
                event_id = next(
                    (e.event_id for e in sent_events if e.trigger.casefold() == tok.lower_),
                    sent_events[0].event_id if sent_events else None,
                )
                step = Lifecycle(
                    stage=stage,
                    trigger=tok.text,
                    event_id=event_id,
                    sentence_start=offset + sent.start_char,
                    sentence_end=offset + sent.end_char,
                )
                if step not in draft.lifecycle:  # the same name twice in one sentence
                    draft.lifecycle.append(step)
                return
            if tok.dep_ == "ROOT":
                return


def _trim(span: Any) -> Any | None:
    start, end = span.start, span.end
    doc = span.doc
    for k in range(start, end):
        if doc[k].text == "(":
            end = k
            break
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "\u2019s")):
        end -= 1
    return doc[start:end] if start < end else None


def _with_place(span: Any) -> Any:
    """An organisation name the tagger cut before "of <country>" ("the Law Society" + "of
    Kenya", "the National Council of Churches" + "of Kenya") keeps it."""
    doc = span.doc
    end = span.end
    if span.root.ent_type_ != "ORG" or end + 1 >= len(doc) or doc[end].lower_ != "of":
        return span
    nxt = doc[end + 1]
    if nxt.ent_type_ not in ("GPE", "LOC") and not (nxt.pos_ == "PROPN" and not nxt.ent_type_):
        return span
    stop = end + 2
    while stop < len(doc) and (
        (doc[stop].ent_iob_ == "I" and nxt.ent_type_)
        or (doc[stop].pos_ == "PROPN" and not nxt.ent_type_)
    ):
        stop += 1
    return doc[span.start : stop]
