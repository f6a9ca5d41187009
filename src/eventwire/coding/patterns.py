"""Dependency patterns: who did it (source) and to whom (target) for one trigger token.

The resolve stage has already mapped noun-phrase heads to actor sets; here we only walk the
tree: subjects (with conjunction and control inheritance), passive agents, objects,
prepositional recipients and the objects of complement clauses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from eventwire.model import Actor

Lookup = Callable[[Any], tuple[Actor, ...]]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
TARGET_PREPS = (
    "with",
    "against",
    "on",
    "to",
    "toward",
    "towards",
    "into",
    "at",
    "from",
    "for",
    "over",
    "upon",
    "between",
    "among",
)
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp", "pcomp", "acl"})
SETTING_PREPS = frozenset({"at", "during", "in", "after", "before", "on"})
LIGHT_VERB_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass"})


def _children(tok: Any, deps: Iterable[str]) -> list[Any]:
    wanted = set(deps)
    return [c for c in tok.children if c.dep_ in wanted]


# participles that state the subject's own stance when followed by "to" ("Israel is opposed to
# mediation", "Syria is prepared to withdraw"), not something done to it
STANCE_PARTICIPLES = frozenset({"oppose", "commit", "prepare", "determine", "resolve", "dedicate"})


def is_passive(tok: Any) -> bool:
    """True for "was denounced", "were cut"; False for a stance ("is opposed to")."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return False
    return not (
        tok.lemma_.lower() in STANCE_PARTICIPLES
        and not any(c.dep_ == "agent" or c.lower_ == "by" for c in tok.children)
        and any(
            (c.dep_ == "prep" and c.lower_ == "to")
            or (c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children))
            for c in tok.children
        )
    )


def agent_actors(tok: Any, lookup: Lookup) -> tuple[Actor, ...]:
    """Actors of the "by ..." phrase of a passive verb or a noun ("talks mediated by the AU")."""
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for pobj in _children(child, ("pobj",)):
                found = lookup(pobj)
                if found:
                    return found
    return ()


def subject_actors(tok: Any, lookup: Lookup, depth: int = 0) -> tuple[tuple[Actor, ...], Any]:
    """The actors doing ``tok`` and the token they were found on (or None).

    Passive verbs take their agent; verbs with no subject of their own inherit from the verb
    they are conjoined with or controlled by ("agreed to increase", "discussed ... and condemned").
    """
    if depth > 6:
        return (), None
    if is_passive(tok):
        agent = agent_actors(tok, lookup)
        if agent:
            return agent, None
        # a passive without an agent has no stated doer
        if tok.dep_ not in INHERIT_DEPS:
            return (), None
    else:
        # a stance participle keeps the subject its passive form gave it ("Israel is opposed")
        for subj in _children(tok, SUBJECT_DEPS | {"nsubjpass"}):
            found = lookup(subj)
            return found, subj
    if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return lookup(tok.head), tok.head
    if (
        tok.dep_ == "acl"
        and tok.head.pos_ in ("NOUN", "PROPN", "NUM")
        and tok.tag_
        in (
            "VBG",
            "VBD",
        )
    ):
        head = tok.head
        # "protesters demanding reforms": the actor noun does it
        found = lookup(head)
        if found:
            return found, head
        # "issued a statement condemning ...", "signed a decree ordering ...": the document's
        # author does it
        if head.dep_ in LIGHT_VERB_DEPS and head.head.pos_ in ("VERB", "AUX"):
            return subject_actors(head.head, lookup, depth + 1)
        return (), None
    fronted = _fronted_subject(tok, lookup)
    if fronted is not None:
        return lookup(fronted), fronted
    # "Kenya is opposed to the plan": a predicate after "is" has the copula's subject
    copular = tok.dep_ == "acomp" and (
        tok.head.pos_ == "AUX" or tok.head.lemma_ in ("remain", "stay", "seem", "appear")
    )
    if (tok.dep_ in INHERIT_DEPS or copular) and tok.head != tok:
        head = tok.head
        if tok.dep_ == "xcomp":
            # "urged the parliament to act": the object controls the complement
            objs = _children(head, ("dobj",))
            if objs and head.lemma_ in ("urge", "ask", "order", "press", "call", "tell", "force"):
                return lookup(objs[0]), objs[0]
        return subject_actors(head, lookup, depth + 1)
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ROOT":
        # a name the tagger took for the sentence's verb ("ECOWAS imposed sanctions"): it is
        # the doer of what hangs under it
        found = lookup(tok)
        if found:
            return found, tok
    return (), None


def _fronted_subject(tok: Any, lookup: Lookup) -> Any:
    """The subject the small model hid inside a fronted date ("On Wednesday doctors ...
    stopped work" parsed as "on [Wednesday doctors]"): the object of a preposition before the
    verb whose own modifier is a date, when it names an actor."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for child in tok.children:
        if child.dep_ != "prep" or child.i > tok.i:
            continue
        for pobj in _children(child, ("pobj",)):
            if any(c.ent_type_ == "DATE" and c.i < pobj.i for c in pobj.children) and lookup(pobj):
                return pobj
    return None


def noun_source(tok: Any, lookup: Lookup, *, climb: bool = True) -> tuple[Actor, ...]:
    """Who does a noun event: its own modifiers ("North Korea's launches", "EU sanctions"),
    its agent ("talks mediated by the AU"), or (with ``climb``) the subject of the verb it is
    the object of ("Biden announced sanctions", "held talks")."""
    own: list[Actor] = []
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            own.extend(lookup(child))
    if own:
        return tuple(own)
    agent = agent_actors(tok, lookup)
    if agent:
        return agent
    for child in tok.children:
        if child.dep_ == "acl":
            agent = agent_actors(child, lookup)
            if agent:
                return agent
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("between", "among", "by"):
            found: list[Actor] = []
            for pobj in _children(child, ("pobj",)):
                found.extend(lookup(pobj))
            if found:
                return tuple(found)
    if not climb:
        return ()
    head = tok.head
    if tok.dep_ in LIGHT_VERB_DEPS and head.pos_ in ("VERB", "AUX"):
        return subject_actors(head, lookup)[0]
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in SETTING_PREPS:
        verb = head.head
        if verb.pos_ in ("VERB", "AUX"):
            return subject_actors(verb, lookup)[0]
    if tok.dep_ == "conj":
        return noun_source(head, lookup, climb=climb)
    if tok.dep_ == "compound" and head.pos_ == "NOUN":
        # "launched a mediation effort": the effort's doer
        return noun_source(head, lookup, climb=climb)
    return ()


def _prep_targets(tok: Any, lookup: Lookup, preferred: str | None) -> tuple[Actor, ...]:
    preps = [c for c in tok.children if c.dep_ in ("prep", "dative")]
    order = ([preferred] if preferred else []) + list(TARGET_PREPS)
    for name in order:
        for prep in preps:
            if prep.lower_ != name:
                continue
            for pobj in _children(prep, ("pobj",)):
                found = lookup(pobj)
                if found:
                    return found
    return ()


def target_actors(
    tok: Any, lookup: Lookup, *, prep: str | None, source_token: Any, addressee: bool = False
) -> tuple[Actor, ...]:
    """Whom ``tok`` is done to: its object, a recipient preposition, or what its complement
    clause acts on ("agreed to increase pressure on North Korea"); with ``addressee`` (a
    request) the subject of its complement clause ("demanded the United States make ...")."""
    is_noun = tok.pos_ in ("NOUN", "PROPN")
    if is_passive(tok) and not is_noun:
        for subj in _children(tok, ("nsubjpass",)):
            found = lookup(subj)
            if found:
                return found
    if prep is not None:
        # the trigger's own recipient preposition ("handed X to US authorities") comes first
        for child in _children(tok, ("prep", "dative")):
            if child.lower_ == prep:
                for pobj in _children(child, ("pobj",)):
                    found = lookup(pobj)
                    if found:
                        return found
    own = {a.country for a in lookup(source_token)} if source_token is not None else set()
    for obj in _children(tok, ("dobj", "dative", "iobj", "obj")):
        if obj == source_token:
            continue
        found = lookup(obj)
        if found and own and {a.country for a in found} <= own and obj.pos_ == "NOUN":
            # "reaffirmed the U.S. commitment to South Korea", "cut its electricity exports
            # to Niger": the doer's own thing is not the recipient when a preposition of the
            # object or of the verb names one
            other = _prep_targets(obj, lookup, prep) or _prep_targets(tok, lookup, prep)
            if other:
                return other
        if found and not any(a.country or a.name for a in found):
            # "send 1,000 officers to Haiti": a kind of actor sent somewhere is not the
            # recipient when the verb names where it goes
            other = _prep_targets(tok, lookup, prep)
            if any(a.country for a in other):
                return other
        if found:
            return found
        nested = _prep_targets(obj, lookup, prep)
        if nested:
            return nested
    found = _prep_targets(tok, lookup, prep)
    if found:
        return found
    for comp in _children(tok, ("xcomp", "ccomp")):
        subjects = [c for c in comp.children if c.dep_ in SUBJECT_DEPS]
        if addressee and subjects and subjects[0] != source_token:
            found = lookup(subjects[0])
            if found:
                return found
        if subjects and tok.lemma_ not in (
            "agree",
            "vow",
            "pledge",
        ):
            continue
        found = target_actors(comp, lookup, prep=prep, source_token=source_token)
        if found:
            return found
    if is_noun and tok.dep_ == "dobj":
        # "announced sanctions on Russia": recipients hang off the verb as well
        return _prep_targets(tok.head, lookup, prep)
    return ()
