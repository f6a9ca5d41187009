"""Repairs to the small model's parse that the coder relies on.

A headline-like sentence ("Myanmar's military seized power in a coup on Monday") is sometimes
parsed as one long noun phrase: the past-tense verb becomes a modifier of its object and the
sentence has no verb at all, so no event can be found in it. Where a sentence has no verb
root and a past-tense form sits right after a noun phrase and before the root noun, that word
is made the sentence's verb: the noun phrase before it its subject, the root noun its object,
and what followed the object (places, dates) the verb's modifiers.
"""

from __future__ import annotations

from typing import Any

PAST_TAGS = frozenset({"VBD", "VBN"})
VERB_POS = frozenset({"VERB", "AUX"})
# what may stand right before the verb: the end of its subject
SUBJECT_END_POS = frozenset({"NOUN", "PROPN", "ADJ", "PRON"})
# participial modifiers a real verbless noun phrase may hold ("the seized ship")
MODIFIER_DEPS = frozenset({"amod", "compound", "acl", "nmod"})


def _verb_like(tok: Any) -> bool:
    """A past-tense form, whether the tagger made it a verb, an adjective or a noun."""
    if tok.tag_ in PAST_TAGS:
        return True
    return (
        tok.pos_ in ("ADJ", "NOUN")
        and tok.lower_.endswith("ed")
        and tok.lemma_.lower() != tok.lower_
    )


def _candidate(sent: Any) -> Any:
    root = sent.root
    if root.pos_ in VERB_POS or root.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(t.pos_ in VERB_POS and t.dep_ not in MODIFIER_DEPS | {"aux", "auxpass"} for t in sent):
        return None
    for tok in sent:
        if tok.i >= root.i:
            break
        if tok.head != root or tok.dep_ not in MODIFIER_DEPS or not _verb_like(tok):
            continue
        before = tok.doc[tok.i - 1] if tok.i > sent.start else None
        if before is None or before.pos_ not in SUBJECT_END_POS:
            continue
        if before.head.i > tok.i and before.head != root:
            continue
        return tok
    return None


def repair_verbless(doc: Any) -> int:
    """Give verbless sentences of ``doc`` their mis-tagged past-tense verb; return how many."""
    fixed = 0
    for sent in list(doc.sents):
        verb = _candidate(sent)
        if verb is None:
            continue
        root = sent.root
        # the subject: the top of the phrase that ends right before the verb
        subj = doc[verb.i - 1]
        while subj.head != root and subj.head.i < verb.i:
            subj = subj.head
        left = [c for c in root.children if c.i < subj.i]
        right = [
            c for c in root.children if c.i > root.i and c.dep_ in ("prep", "npadvmod", "punct")
        ]
        verb.head = verb
        verb.dep_ = "ROOT"
        verb.pos_ = "VERB"
        if verb.tag_ not in PAST_TAGS:
            verb.tag_ = "VBD"
        root.head = verb
        root.dep_ = "dobj"
        subj.head = verb
        subj.dep_ = "nsubj"
        for child in left:
            child.head = subj
        for child in right:
            child.head = verb
        fixed += 1
    return fixed
