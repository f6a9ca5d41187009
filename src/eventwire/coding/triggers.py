"""Find trigger words in a parsed sentence and decide which of them make events.

A trigger is a verb, noun or adjective whose lemma is in ``data/triggers``. Triggers inside the
complement of another trigger ("agreed to increase sanctions") are folded into it; light verbs
("launched an invasion", "signed a decree ordering a mobilisation") give way to the noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventwire.vocab import Trigger, Vocab

POS_CLASS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
# types whose verbs frame another act: "agreed to X", "urged Y to X", "threatened to X"
FRAMING_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "CONCEDE"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "attr", "oprd", "nsubjpass", "dative", "obj"})


@dataclass(frozen=True)
class Candidate:
    """A trigger token with its vocabulary entry (and the type after folding)."""

    token: Any
    trigger: Trigger
    type: str


def _object_lemmas(tok: Any) -> set[str]:
    out: set[str] = set()
    for child in tok.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ in ("prt", "prep", "acomp", "advmod"):
            for t in child.subtree:
                out.add(t.lemma_.lower())
                out.add(t.lower_)
    if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.add(tok.head.lemma_.lower())
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            out.add(child.lemma_.lower())
            out.add(child.lower_)
    return out


def _fits(tok: Any, trig: Trigger) -> bool:
    if trig.particle and not any(
        c.dep_ == "prt" and c.lower_ == trig.particle for c in tok.children
    ):
        return False
    if trig.require_prep and not any(
        c.dep_ in ("prep", "prt") and c.lower_ == trig.prep for c in tok.children
    ):
        return False
    if trig.objects and not (_object_lemmas(tok) & set(trig.objects)):
        return False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    return passive or not trig.passive_only


def find_candidates(sent: Any, vocab: Vocab) -> list[Candidate]:
    """Every token of ``sent`` that matches a trigger entry (the most specific entry wins)."""
    out: list[Candidate] = []
    for tok in sent:
        pos = POS_CLASS.get(tok.pos_)
        if pos is None:
            continue
        # "the peace deal signing", "missile launch": the head noun carries the event
        if (
            pos == "NOUN"
            and tok.dep_ == "compound"
            and tok.head.pos_ == "NOUN"
            and vocab.triggers.get((tok.head.lemma_.lower(), "NOUN"))
        ):
            continue
        entries = vocab.triggers.get((tok.lemma_.lower(), pos), ())
        if not entries and pos == "NOUN" and tok.tag_ in ("NNS", "NNPS"):
            entries = vocab.triggers.get((tok.lower_.rstrip("s"), pos), ())
        fitting = [t for t in entries if _fits(tok, t)]
        if not fitting:
            continue
        # constrained entries (objects, particle) are more specific than bare ones
        best = max(fitting, key=lambda t: (bool(t.objects) + bool(t.particle), -len(t.cameo)))
        out.append(Candidate(tok, best, best.type))
    return out


def _in_subtree(tok: Any, root: Any) -> bool:
    cur = tok
    while True:
        if cur == root:
            return True
        if cur.head == cur:
            return False
        cur = cur.head


def _complement_of(tok: Any, frame: Any) -> bool:
    """True when ``tok`` sits inside a complement clause (or object) of ``frame``."""
    cur = tok
    path = []
    while cur.head != cur and cur != frame:
        path.append(cur)
        cur = cur.head
    if cur != frame or not path:
        return False
    top = path[-1]
    return top.dep_ in COMPLEMENT_DEPS | {"dobj", "prep", "pobj", "conj"} and not (
        top.dep_ == "conj" and tok == top
    )


def fold(cands: list[Candidate]) -> list[Candidate]:
    """Fold triggers into the trigger that governs them; return the surviving ones.

    * a trigger in the complement or object of a framing verb is part of that act, and turns
      a promise into CONCEDE (retreat), THREATEN (force) or keeps AGREE;
    * a light verb ("sign", "launch") gives way to a noun trigger in its object;
    * a noun trigger inside the object of a verb trigger is that verb's object, not an event.
    """
    drop: set[int] = set()
    new_type: dict[int, str] = {}
    # an act someone says another "must" do is the request, not the act
    drop.update(c.token.head.i for c in cands if c.token.dep_ == "aux")
    for frame in cands:
        ft = frame.token
        for other in cands:
            ot = other.token
            if ot == ft or ot.i in drop or not _in_subtree(ot, ft):
                continue
            if ot.dep_ == "conj" and ot.head == ft:
                continue  # "discussed ... and condemned": two acts
            if frame.trigger.light and other.trigger.pos == "NOUN" and _complement_of(ot, ft):
                drop.add(ft.i)
                continue
            if not _complement_of(ot, ft):
                continue
            if frame.type in FRAMING_TYPES and frame.trigger.pos == "VERB":
                if frame.type == "AGREE" and other.type == "RETREAT":
                    new_type[ft.i] = "CONCEDE"
                elif frame.type == "AGREE" and other.type in ("ASSAULT", "COERCE", "MOBILIZE"):
                    new_type[ft.i] = "THREATEN"
                drop.add(ot.i)
            elif other.trigger.pos in ("NOUN", "ADJ"):
                drop.add(ot.i)
    out = []
    for cand in cands:
        if cand.token.i in drop:
            continue
        typ = new_type.get(cand.token.i, cand.type)
        out.append(Candidate(cand.token, cand.trigger, typ))
    return out
