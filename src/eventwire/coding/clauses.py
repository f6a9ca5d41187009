"""Where a token sits in its sentence's clauses: which verb heads it, whether it is
subordinate, what its tense says about when it happened; used by the coder to pick an event's
date, place and recipient."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventwire.model import When

NEXT_DAY_WORDS = ("next morning", "next day", "following day", "following morning")


def clause(tok: Any) -> Any:
    """The verb heading the clause a token belongs to."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux":
            return cur
        if cur.head == cur:
            return cur
        cur = cur.head
    return cur


def dominates(upper: Any, lower: Any) -> bool:
    cur = lower
    for _ in range(12):
        if cur == upper:
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def next_day(tok: Any) -> bool:
    """Whether ``tok``'s own clause says "the next morning", "the following day"."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    words = " ".join(
        t.lower_
        for c in tok.children
        if c.dep_ not in ("conj", "ccomp", "advcl", "relcl")
        for t in c.subtree
    )
    return any(w in words for w in NEXT_DAY_WORDS)


def before_base(ent: Any, when: When, base: When | None) -> When:
    """ "The Friday night before the rally": the weekday before the story's current day, not
    before the publication date."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].lower_ in DAY_PARTS:
        end += 1
    if (
        base is None
        or not base.value
        or len(base.value) != 10
        or when.precision != "day"
        or not when.value
        or end >= len(doc)
        or doc[end].lower_ != "before"
        or not any(t.lower_ in WEEKDAYS for t in ent)
    ):
        return when
    day = dt.date.fromisoformat(when.value)
    anchor = dt.date.fromisoformat(base.value)
    back = (anchor.weekday() - day.weekday()) % 7 or 7
    moved = anchor - dt.timedelta(days=back)
    return When(value=moved.isoformat(), text=when.text, precision="day")


DAY_PARTS = frozenset({"night", "morning", "evening", "afternoon"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
CONDITION_MARKS = frozenset({"if", "unless"})


def condition_subject(tok: Any) -> Any:
    """The subject of ``tok``'s own "if"/"unless" clause, or None."""
    for child in tok.children:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in child.children
        ):
            for subj in child.children:
                if subj.dep_ in ("nsubj", "nsubjpass"):
                    return subj
    return None


def threat_condition(tok: Any) -> bool:
    """Whether ``tok`` has its own "if"/"unless" clause ("will use force if ...")."""
    for child in tok.children:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in child.children
        ):
            return True
    return False


WHEN_MARKS = frozenset({"when", "as", "while", "after"})


def of_subject(clause: Any, verb: Any) -> bool:
    """A participle on the verb's subject ("the minister, speaking in Bangkok, urged")."""
    head = clause.head
    return bool(clause.dep_ == "acl" and head.dep_ == "nsubj" and head.head == verb)


def is_when(clause: Any) -> bool:
    """A time clause ("when they met on 2 June") or a subjectless participle that shares the
    act's time ("speaking in Bangkok last Sunday, urged ...")."""
    if clause.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children
    ):
        return True
    return any(
        c.dep_ in ("mark", "advmod") and c.lower_ in WHEN_MARKS and c.i < clause.i
        for c in clause.children
    )


def noun_holder(tok: Any) -> Any:
    """The noun a date phrase modifies ("launches in the past few weeks"), or None when it
    hangs from a verb."""
    cur = tok
    for _ in range(6):
        head = cur.head
        if head == cur or head.pos_ in ("VERB", "AUX"):
            return None
        if head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("DATE", "TIME"):
            return head
        cur = head
    return None


def prep_of(tok: Any) -> str | None:
    """The preposition a place name hangs from ("from" for "from Russia, Belarus")."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "pobj":
            return str(cur.head.lower_)
        if cur.dep_ not in ("conj", "appos", "compound") or cur.head == cur:
            return None
        cur = cur.head
    return None


SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl", "pcomp"})


def subordinate(tok: Any) -> bool:
    """Whether ``tok`` sits in a relative, adverbial or participial clause."""
    cur = tok
    for _ in range(12):
        if cur.dep_ in SUBORDINATE_DEPS:
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def past(tok: Any) -> bool:
    """Simple past ("met", "was signed") or past perfect ("had seized"), or an act reported
    in the past ("said they had agreed"): a narrative event that inherits the story's date."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else clause(tok)
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN" and any(
        c.dep_ in ("auxpass", "aux") and c.lower_ in ("was", "were", "had") for c in verb.children
    ):
        return True
    # an act announced in a past clause above it ("agreed ..., reaffirming that they will
    # use ...", "said they had agreed")
    cur = verb
    for _ in range(6):
        if cur.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or cur.head == cur:
            return False
        cur = cur.head
        if cur.tag_ == "VBD":
            return True
    return False


def names_act(date: Any, holder: Any, verb: Any) -> bool:
    """A year or month that qualifies a noun naming the verb's own act ("seized power in a
    2021 coup", "won in the 2019 election"), not a time of another act."""
    prep = holder.head
    return bool(
        date.head == holder
        and date.dep_ in ("nummod", "compound", "amod", "npadvmod")
        and holder.dep_ == "pobj"
        and prep.lower_ in ("in", "during", "at")
        and prep.head == verb
    )
