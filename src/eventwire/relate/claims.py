"""Claims and quotes of one document.

A claim is a coded event the text reports as someone's word (``attributed_to`` set, or a
``reported`` modality); its status comes from verification cues in the same or the next
sentence ("could not be independently verified", "denied", "confirmed"). A quote is a
quotation-marked stretch of a sentence whose speech verb has a resolved subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from eventwire.model import Claim, Event, Quote, Resolved
from eventwire.relate.spans import clean_text, iter_sentences
from eventwire.vocab import RelateVocab

QUOTE_RE = re.compile(r"[\u201c\"]([^\u201d\"]{2,})[\u201d\"]")
BY_RE = re.compile(r"\bby ((?:the )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)")
SUBJECT_RE = re.compile(r"((?:the )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)\s+(?:has |have |had )?$")


def _status(text: str, rv: RelateVocab) -> tuple[str, str | None]:
    low = text.casefold()
    for status in ("unverified", "denied", "confirmed"):
        for cue in rv.verification.get(status, ()):
            pos = low.find(cue)
            if pos < 0:
                continue
            if status == "unverified":
                return status, None
            by = BY_RE.search(text, pos)
            subject = SUBJECT_RE.search(text[:pos])
            who = by.group(1) if by else (subject.group(1) if subject else None)
            return status, who
    return "asserted", None


def find_claims(
    resolved: Resolved, events: Sequence[Event], rv: RelateVocab, doc_id: str
) -> tuple[Claim, ...]:
    """One claim per reported event, with the status the text gives it."""
    text = resolved.parsed.cleaned.doc.text
    out: list[Claim] = []
    for event in events:
        if not event.attributed_to and event.modality != "reported":
            continue
        sent = event.sentence
        after = text[sent.end : sent.end + 300].split(". ")[0]
        status, by = _status(sent.text, rv)
        if status == "asserted":
            status, by = _status(after, rv)
        claimant = event.attributed_to or ", ".join(
            a.name or a.text for a in event.source if a.text
        )
        about = [a.country for a in (*event.target, *event.source) if a.country]
        out.append(
            Claim(
                doc_id=doc_id,
                claimant=claimant or "unknown",
                claimant_country=next((a.country for a in event.source if a.country), None),
                text=sent.text,
                event_id=event.event_id,
                about=list(dict.fromkeys(about)),
                date=event.date,
                status=status,
                status_by=clean_text(by) if by else None,
                start=sent.start,
                end=sent.end,
            )
        )
    return tuple(out)


def find_quotes(resolved: Resolved, doc_id: str) -> tuple[Quote, ...]:
    """Direct quotations of three words or more with the speaker of their sentence."""
    out: list[Quote] = []
    for b, offset, sent in iter_sentences(resolved):
        for m in QUOTE_RE.finditer(sent.text):
            if len(m.group(1).split()) < 3:
                continue
            speaker = _speaker(resolved, b, sent)
            start = offset + sent.start_char + m.start(1)
            out.append(
                Quote(
                    doc_id=doc_id,
                    text=m.group(1),
                    speaker=(speaker.name or speaker.text) if speaker else None,
                    speaker_country=speaker.country if speaker else None,
                    start=start,
                    end=start + len(m.group(1)),
                )
            )
    return tuple(out)


def _speaker(resolved: Resolved, b: int, sent: Any) -> Any:
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_ in ("say", "tell", "add", "warn", "declare"):
            for child in tok.children:
                if child.dep_ == "nsubj":
                    actors = resolved.actors.get((b, child.i), ())
                    if actors:
                        return actors[0]
    return None
