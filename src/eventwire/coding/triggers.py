"""Find trigger words in a parsed sentence and decide which of them make events.

A trigger is a verb, noun or adjective whose lemma is in ``data/triggers``. Triggers inside the
complement of another trigger ("agreed to increase sanctions") are folded into it; light verbs
("launched an invasion", "signed a decree ordering a mobilisation") give way to the noun.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eventwire.vocab import Trigger, Vocab

POS_CLASS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
# types whose verbs frame another act: "agreed to X", "urged Y to X", "threatened to X"
FRAMING_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "CONCEDE"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl"})
SETTING_PREPS = frozenset(
    {"after", "following", "before", "during", "amid", "despite", "since", "until", "as"}
)
COMMAND_VERBS = frozenset({"order", "instruct", "command", "direct"})
NEED_VERBS = frozenset({"need", "require", "lack"})
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
        if child.dep_ in OBJECT_DEPS or child.dep_ in (
            "prt",
            "prep",
            "acomp",
            "advmod",
            "npadvmod",
        ):
            for t in child.subtree:
                out.add(t.lemma_.lower())
                out.add(t.lower_)
    if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.add(tok.head.lemma_.lower())
    for child in tok.children:
        # "found the minister guilty": the small model makes the small clause a ccomp
        if child.dep_ in ("amod", "compound", "nmod") or (
            child.dep_ == "ccomp" and child.pos_ == "ADJ"
        ):
            out.add(child.lemma_.lower())
            out.add(child.lower_)
    return out


def _lemma_variants(tok: Any) -> list[str]:
    """Lemmas to try when the tagger's lemma is not in the vocabulary: the small model
    sometimes strips too much or too little from an inflected verb ("hoped" → "hop",
    "stopped" → "stopp"), so the base is rebuilt from the surface form."""
    word = tok.lower_
    out: list[str] = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # "stopped" → "stop"
    elif word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
        if len(word) > 5 and word[-4] == word[-5]:
            out.append(word[:-4])
    elif word.endswith("es"):
        out += [word[:-1], word[:-2]]
    elif word.endswith("s"):
        out.append(word[:-1])
    return [w for w in out if w != tok.lemma_.lower()]


def _classifies(tok: Any) -> bool:
    """A noun that names or classifies rather than reports an act: the last word of a proper
    name, or "It is the first grant under the programme"."""
    if tok.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children
    ):
        # the last word of a name ("Official Security Assistance", "the Camp David Accords"):
        # a programme or a treaty named, not an act
        return True
    head = tok.head
    return (
        tok.dep_ == "attr"
        and head.lemma_ == "be"
        and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that", "which") for c in head.children
        )
    )


def _object_clause(tok: Any) -> bool:
    """True for "wanted the president to resign" (object + clause, or the small model's
    clause with its own subject and "to"), stated rather than guessed."""
    kids = list(tok.children)
    if any(c.dep_ == "aux" and c.lower_ in ("might", "may", "could") for c in kids):
        return False  # "might want him to leave": a guess about a wish, not a demand
    if any(c.dep_ == "dobj" for c in kids) and any(c.dep_ == "xcomp" for c in kids):
        return True
    return any(
        c.dep_ == "ccomp"
        and any(g.dep_ == "nsubj" for g in c.children)
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in kids
    )


def _fits(tok: Any, trig: Trigger) -> bool:
    # "pulled out of the palace": the small model often tags the particle as a preposition
    if trig.particle and not any(
        c.dep_ in ("prt", "prep", "advmod") and c.lower_ == trig.particle and c.i > tok.i
        for c in tok.children
    ):
        return False
    # "called on Saturday for ...": a preposition of time is not the trigger's preposition
    preps = [
        c
        for c in tok.children
        if c.dep_ in ("prep", "prt")
        and c.lower_ == trig.prep
        and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj")
    ]
    if trig.require_prep and not preps:
        return False
    if trig.objects:
        # objects_in_prep: the listed objects are what the preposition governs ("withdrew
        # from the talks"), not any word of the clause ("withdrew troops under the agreement")
        found = (
            {w for p in preps for t in p.subtree for w in (t.lemma_.lower(), t.lower_)}
            if trig.objects_in_prep
            else _object_lemmas(tok)
        )
        if not found & set(trig.objects):
            return False
    if trig.not_objects and (_object_lemmas(tok) & set(trig.not_objects)):
        return False  # "warned of a cholera outbreak": a warning, not a threat
    if trig.object_clause and not _object_clause(tok):
        # "wanted the president to resign", not "wanted to leave"
        return False
    if trig.plain and any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "aux" and c.lower_ == "to") for c in tok.children
    ):
        # "helped Kenya", not "to help him oust" or "help support": the purpose or the
        # complement is the act
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
        if not entries and pos == "VERB":
            for lemma in _lemma_variants(tok):
                entries = vocab.triggers.get((lemma, pos), ())
                if entries:
                    break
        if pos == "NOUN" and _classifies(tok):
            continue
        if (
            pos == "NOUN"
            and tok.dep_ in ("compound", "nmod")
            and tok.head.pos_ == "NOUN"
            and (tok.head.lower_ in vocab.sectors or tok.head.lemma_.lower() in vocab.sectors)
        ):
            continue  # "protest organisers", "aid workers": a kind of actor, not an act
        if pos == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in NEED_VERBS:
            continue  # "25 million people needed aid": a need, not an act
        fitting = [t for t in entries if _fits(tok, t)]
        if not fitting:
            continue
        # constrained entries (objects, particle, a required preposition) are more specific
        # than bare ones; a required recipient ("fired at") outranks the object alone
        best = max(
            fitting,
            key=lambda t: (
                bool(t.objects) + bool(t.particle) + 2 * t.require_prep,
                -len(t.cameo),
            ),
        )
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
    if top.dep_ == "conj" and top.pos_ in ("VERB", "AUX"):
        return False  # "called the deal a step and said the UN stood ready": another act
    return top.dep_ in COMPLEMENT_DEPS | {"dobj", "prep", "pobj", "conj", "oprd", "attr"} and not (
        top.dep_ == "conj" and tok == top
    )


def _verb_chain(tok: Any, frame: Any) -> bool:
    """True when ``tok`` is reached from ``frame`` through verbs and prepositions only ("vowed
    to retaliate", "committed to the disarmament"), not through a noun's modifier."""
    cur = tok.head
    while cur != frame and cur.head != cur:
        if cur.pos_ not in ("VERB", "AUX", "ADP", "PART"):
            return False
        cur = cur.head
    return bool(cur == frame)


def _object_of(tok: Any, verb: Any) -> bool:
    """True when ``tok`` sits in the object of ``verb`` ("launched an invasion", "signed a
    decree ordering a mobilisation"), not in one of its adverbial phrases."""
    cur = tok
    while cur.head != cur and cur.head != verb:
        cur = cur.head
    return cur.head == verb and cur.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "obj")


def _through_purpose(tok: Any, frame: Any) -> bool:
    """True when ``tok`` sits in an adverbial clause of ``frame`` (its purpose or reason) or
    in a condition ("to help defend Saudi Arabia if it is attacked")."""
    cur = tok
    while cur != frame and cur.head != cur:
        if cur.dep_ == "advcl" and (
            cur.head == frame or any(c.lower_ in ("if", "unless") for c in cur.children)
        ):
            return True
        cur = cur.head
    return False


def _through_setting(tok: Any, frame: Any) -> bool:
    cur = tok
    while cur != frame and cur.head != cur:
        if cur.dep_ == "prep" and cur.lower_ in SETTING_PREPS:
            return True
        cur = cur.head
    return False


def _clause_of_noun(tok: Any, noun: Any) -> bool:
    """True when verb ``tok`` heads a clause attached to ``noun`` (relative, complement)."""
    cur = tok
    while cur.head != cur and cur.head != noun:
        cur = cur.head
    return cur.head == noun and cur.dep_ in ("relcl", "acl", "ccomp") and cur != noun


def fold(cands: list[Candidate], promised: Mapping[str, str] | None = None) -> list[Candidate]:
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
            if frame.trigger.light and other.trigger.pos == "NOUN" and _object_of(ot, ft):
                if frame.type == "AGREE" and other.type == "RETREAT":
                    drop.add(ot.i)  # "signed a ceasefire": the signing is the agreement
                else:
                    drop.add(ft.i)
                continue
            if (
                frame.type in FRAMING_TYPES
                and frame.trigger.pos == "NOUN"
                and _clause_of_noun(ot, ft)
            ):
                # "a deal under which Japan will supply ...", "its demand that Israel ease
                # ...": the content of the agreement or demand is not an act of its own
                drop.add(ot.i)
                continue
            if (
                frame.type == "PROTEST"
                and other.type == "REQUEST"
                and ot.head == ft
                and ot.tag_ == "VBG"
                and ot.dep_ in ("advcl", "acl", "xcomp")
            ):
                # "demonstrated in Kirkuk, calling for independence": what the protest demands
                drop.add(ot.i)
                continue
            if not _complement_of(ot, ft):
                continue
            if (
                other.type == frame.type
                and frame.type != "REQUEST"
                and (
                    _object_of(ot, ft)
                    or not any(c.dep_ in ("nsubj", "nsubjpass") for c in ot.children)
                    or any(c.dep_ == "dobj" and c.lower_ == "what" for c in ot.children)
                )
            ):
                # "condemned what he called an unprovoked attack", "attacked the base, killing
                # ten": the same act told twice
                drop.add(ot.i)
                continue
            if (
                frame.type == "MOBILIZE"
                and frame.trigger.lemma in COMMAND_VERBS
                and other.type in ("RETREAT", "ASSAULT", "MOBILIZE", "COERCE")
                and other.trigger.pos == "VERB"
                and _verb_chain(ot, ft)
            ):
                # "ordered his troops to withdraw": what the forces are ordered to do is the act
                drop.add(ft.i)
                continue
            if frame.trigger.light:
                continue  # "signed a decree ordering ...": a light verb frames nothing
            framing = frame.trigger.pos == "VERB" or (
                frame.trigger.pos == "ADJ" and frame.type == "AGREE"
            )
            if frame.type in FRAMING_TYPES and framing:
                if _through_setting(ot, ft):
                    # "agreed to a ceasefire after two days of fighting": a time or cause
                    # phrase is not what the act is about
                    continue
                if _through_purpose(ot, ft):
                    # "to respond to the North's launches, Washington vowed ...": what a
                    # promise answers is not what it promises
                    continue
                # an act named inside a noun phrase of the promise ("two nationals suspected
                # of blowing up a plane") does not change what is promised
                direct = _verb_chain(ot, ft)
                if direct and frame.type == "AGREE" and other.type == "RETREAT":
                    # a promised concession, unless its kind is promised as an agreement
                    # ("agreed to release the prisoners")
                    key = f"RETREAT/{other.trigger.mode}"
                    new_type[ft.i] = (promised or {}).get(key, "CONCEDE")
                elif (
                    direct
                    and frame.type == "AGREE"
                    and other.type in ("ASSAULT", "COERCE", "MOBILIZE", "THREATEN")
                ):
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
