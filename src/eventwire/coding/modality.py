"""Negation, modality and attribution of an event from the tree around its trigger."""

from __future__ import annotations

from typing import Any

NEGATING_FRAMES = frozenset({"fail", "decline", "refuse", "avoid", "stop", "deny"})
# verbs whose object act does not happen ("avoided direct attacks", "prevented a strike")
AVOIDING = frozenset({"avoid", "prevent", "forgo", "forego", "avert", "postpone"})
# verbs whose "that" clause the speaker says is false ("Iran denied that it had supplied")
DENIALS = frozenset({"deny", "dispute", "refute"})
# nouns that carry such a clause ("denied reports that New Delhi had helped him")
CLAIM_NOUNS = frozenset(
    {"report", "claim", "allegation", "accusation", "suggestion", "rumour", "rumor"}
)
FUTURE_AUX = frozenset({"will", "would", "shall", "may", "might", "could", "'ll", "wo"})
SPEECH = frozenset(
    {
        "say",
        "tell",
        "announce",
        "add",
        "state",
        "claim",
        "report",
        "note",
        "insist",
        "declare",
        "write",
        "confirm",
        "suggest",
        "believe",
        "reiterate",
        "stress",
        "emphasize",
        "emphasise",
        "conclude",
        "argue",
        "assert",
        "warn",
    }
)
INTENT_FRAMES = frozenset({"want", "plan", "intend", "aim"})
NEGATIVE_DETS = frozenset({"no", "neither", "nor", "never"})


def _chain(tok: Any) -> list[Any]:
    """The trigger and the verbs it hangs under through complement links."""
    out = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "conj", "ccomp", "acl", "relcl", "advcl") and cur.head != cur:
        if cur.dep_ == "conj" and any(c.dep_ == "neg" for c in cur.children):
            break
        cur = cur.head
        out.append(cur)
        if cur.dep_ in ("ccomp",):
            break
    return out


def is_negated(tok: Any) -> bool:
    """True when the text says the act did not happen ("did not agree", "failed to reach",
    "no new measure", "neither asked for nor been granted")."""
    if any(c.dep_ == "neg" or c.lower_ in NEGATIVE_DETS for c in tok.children):
        return True
    if tok.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX"):
            # "had avoided direct attacks", "refused talks": the act did not happen
            return is_negated(head) or (tok.dep_ == "dobj" and head.lemma_ in AVOIDING)
        return False
    if tok.dep_ == "xcomp" and tok.head.lemma_ in NEGATING_FRAMES:
        return True
    if tok.dep_ == "ccomp" and tok.head.lemma_ in DENIALS:
        return True
    if (
        tok.dep_ in ("acl", "ccomp", "relcl")
        and tok.head.lemma_ in CLAIM_NOUNS
        and tok.head.dep_ == "dobj"
        and tok.head.head.lemma_ in DENIALS
    ):
        return True
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ in ("of", "from"):
        stop = tok.head.head
        if stop.lemma_ in ("short", "instead") or (
            stop.dep_ == "advmod" and stop.lower_ == "short"
        ):
            return True
    if tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lower_ == "instead":
        return True
    if tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children):
        return True
    # a purpose clause of a negated act ("would not be sent to fight") did not happen either
    if (
        tok.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and any(c.dep_ == "neg" for c in tok.head.children)
    ):
        return True
    if tok.dep_ == "conj":
        for sib in tok.head.children:
            if sib.dep_ == "preconj" and sib.lower_ == "neither":
                return True
    return False


def modality(tok: Any) -> str:
    """``asserted``, ``intended`` (will, would, plans), ``conditional`` (if ...), or
    ``reported`` (inside what someone said)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        # a noun act takes the modality of the verb it hangs from ("would necessitate a
        # review of our sanction laws")
        verb = tok
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and verb != tok:
            tok = verb
    chain = _chain(tok)
    for cur in chain:
        if cur.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in cur.children):
            return "conditional"
    for cur in chain[:2]:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in cur.children):
            return "intended"
    # "wants to attack", "plans to impose": an act someone means to do
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_ in INTENT_FRAMES:
        return "intended"
    # "are to meet within five days": a scheduled act
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and tok.head.dep_ == "ROOT":
        return "intended"
    for cur in chain:
        if cur.dep_ == "ccomp" and cur.head.lemma_ in SPEECH:
            return "reported"
    return "asserted"


def speech_head(tok: Any) -> Any:
    """The speech verb whose complement holds ``tok`` ("X said that ..."), or None."""
    cur = tok
    for _ in range(8):
        if cur.head == cur:
            break
        if cur.dep_ in ("ccomp", "parataxis", "xcomp", "conj") and cur.head.lemma_ in SPEECH:
            return cur.head
        if cur.lemma_ in SPEECH and cur != tok:
            return cur
        cur = cur.head
    root = tok.sent.root
    if root.lemma_ in SPEECH and root != tok:
        return root
    return None
