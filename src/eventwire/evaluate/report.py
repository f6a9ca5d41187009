"""Score extracted events against gold documents and write the report (``eval/FORMAT.md``).

Figures per file and over the whole set: precision (rule 3), recall (rule 2), F1 (rule 4), date
accuracy (rule 5) and location accuracy (rule 6), with every miss, false positive, wrong date
and wrong location listed with its sentence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError, InputError
from eventwire.evaluate.gold import GoldDoc, load_gold_dir
from eventwire.evaluate.match import (
    actor_codes,
    date_agrees,
    event_date,
    event_location,
    event_sentence,
    is_negated,
    max_matching,
)
from eventwire.evaluate.relate import (
    RelateCounts,
    RelateScore,
    format_relate_total,
    score_relate,
    split_records,
)

_SENTENCE_WIDTH = 200


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Miss:
    """A required gold event no extracted event paired with."""

    type: tuple[str, ...]
    source: tuple[str, ...]
    target: tuple[str, ...] | None
    sentence: str
    note: str


@dataclass(frozen=True)
class FalsePositive:
    """An extracted event paired with no gold event."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class WrongValue:
    """A matched event whose date or location disagrees with the gold."""

    wanted: str
    got: str | None
    sentence: str


@dataclass(frozen=True)
class Counts:
    """The counts every figure is computed from."""

    extracted: int = 0
    matched: int = 0
    required: int = 0
    required_matched: int = 0
    dated: int = 0
    date_right: int = 0
    located: int = 0
    loc_right: int = 0
    negated: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{k: getattr(self, k) + getattr(other, k) for k in self.__dataclass_fields__}
        )

    @property
    def precision(self) -> float:
        """Matched extracted events over all extracted (0 when none extracted)."""
        return _ratio(self.matched, self.extracted)

    @property
    def recall(self) -> float:
        """Matched required gold events over all required (0 when none required)."""
        return _ratio(self.required_matched, self.required)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)

    @property
    def date_accuracy(self) -> float:
        """Right dates over matched events with a gold date (0 when there are none)."""
        return _ratio(self.date_right, self.dated)

    @property
    def location_accuracy(self) -> float:
        """Right locations over matched events with a gold location (0 when there are none)."""
        return _ratio(self.loc_right, self.located)

    def to_dict(self) -> dict[str, Any]:
        """Return the counts and figures as a JSON-ready dict."""
        out: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out.update(
            precision=self.precision,
            recall=self.recall,
            f1=self.f1,
            date_accuracy=self.date_accuracy,
            location_accuracy=self.location_accuracy,
        )
        return out


@dataclass(frozen=True)
class DocScore:
    """The score of one gold document.

    Attributes:
        doc_id: the gold id.
        counts: the counts behind the figures.
        misses: required gold events not found.
        false_positives: extracted events matching no gold event.
        wrong_dates: matched events with a wrong date (gold date not null).
        wrong_locations: matched events with a wrong location (gold location not null).
        error: the error message when the coder failed on this document (0 extracted).
        relate: the people and things score, when relate records were scored.
    """

    doc_id: str
    counts: Counts
    misses: tuple[Miss, ...] = ()
    false_positives: tuple[FalsePositive, ...] = ()
    wrong_dates: tuple[WrongValue, ...] = ()
    wrong_locations: tuple[WrongValue, ...] = ()
    error: str | None = None
    relate: RelateScore | None = None

    @property
    def precision(self) -> float:
        """See :attr:`Counts.precision`."""
        return self.counts.precision

    @property
    def recall(self) -> float:
        """See :attr:`Counts.recall`."""
        return self.counts.recall

    @property
    def f1(self) -> float:
        """See :attr:`Counts.f1`."""
        return self.counts.f1

    @property
    def date_accuracy(self) -> float:
        """See :attr:`Counts.date_accuracy`."""
        return self.counts.date_accuracy

    @property
    def location_accuracy(self) -> float:
        """See :attr:`Counts.location_accuracy`."""
        return self.counts.location_accuracy

    def to_dict(self) -> dict[str, Any]:
        """Return the document's figures and lists as a JSON-ready dict."""
        return {
            "doc_id": self.doc_id,
            **self.counts.to_dict(),
            "error": self.error,
            "misses": [
                {
                    "type": list(m.type),
                    "source": list(m.source),
                    "target": None if m.target is None else list(m.target),
                    "sentence": m.sentence,
                    "note": m.note,
                }
                for m in self.misses
            ],
            "false_positives": [
                {
                    "type": f.type,
                    "source": list(f.source),
                    "target": list(f.target),
                    "sentence": f.sentence,
                }
                for f in self.false_positives
            ],
            "wrong_dates": [w.__dict__.copy() for w in self.wrong_dates],
            "wrong_locations": [w.__dict__.copy() for w in self.wrong_locations],
            "relate": None
            if self.relate is None
            else {**self.relate.counts.to_dict(), "misses": list(self.relate.misses)},
        }


@dataclass(frozen=True)
class SetScore:
    """The score of a gold set: one :class:`DocScore` per gold document, in file order.

    Attributes:
        docs: the per-document scores.
        ignored_doc_ids: ``doc_id`` values of scored events that name no gold document.
    """

    docs: tuple[DocScore, ...]
    ignored_doc_ids: tuple[str, ...] = field(default=())

    @property
    def total(self) -> Counts:
        """The counts summed over every document."""
        total = Counts()
        for doc in self.docs:
            total = total + doc.counts
        return total

    @property
    def relate_total(self) -> RelateCounts | None:
        """The people and things counts summed over every document (None when not scored)."""
        scored = [d.relate.counts for d in self.docs if d.relate is not None]
        if not scored:
            return None
        total = RelateCounts()
        for counts in scored:
            total = total + counts
        return total

    def to_dict(self) -> dict[str, Any]:
        """Return the score as a JSON-ready dict: ``total``, ``docs``, ``ignored_doc_ids``
        (and ``relate_total`` when relate records were scored)."""
        relate_total = self.relate_total
        return {
            "total": self.total.to_dict(),
            "relate_total": None if relate_total is None else relate_total.to_dict(),
            "docs": [d.to_dict() for d in self.docs],
            "ignored_doc_ids": list(self.ignored_doc_ids),
        }


def score_document(gold: GoldDoc, events: Sequence[Mapping[str, Any]]) -> DocScore:
    """Score one document's extracted events against its gold.

    Args:
        gold: the gold document.
        events: the extracted events for it (SPEC event-record dicts); negated events are set
            aside (rule 0).

    Returns:
        The document's score.
    """
    kept = [ev for ev in events if not is_negated(ev)]
    pairs = max_matching(gold.events, kept)
    matched_events = set(pairs.values())
    required = [i for i, g in enumerate(gold.events) if not g.optional]
    misses = tuple(
        Miss(g.type, g.source, g.target, g.sentences[0], g.note)
        for i, g in enumerate(gold.events)
        if not g.optional and i not in pairs
    )
    fps = tuple(
        FalsePositive(
            type=str(ev.get("type")),
            source=tuple(sorted(actor_codes(ev.get("source")))),
            target=tuple(sorted(actor_codes(ev.get("target")))),
            sentence=event_sentence(ev),
        )
        for i, ev in enumerate(kept)
        if i not in matched_events
    )
    dated = located = date_right = loc_right = 0
    wrong_dates: list[WrongValue] = []
    wrong_locs: list[WrongValue] = []
    for gi in sorted(pairs):
        g, ev = gold.events[gi], kept[pairs[gi]]
        if g.date:
            dated += 1
            got = event_date(ev)
            if date_agrees(g.date, got):
                date_right += 1
            else:
                wrong_dates.append(WrongValue(g.date, got, g.sentences[0]))
        if g.location:
            located += 1
            got_loc = event_location(ev)
            if got_loc == g.location.upper():
                loc_right += 1
            else:
                wrong_locs.append(WrongValue(g.location, got_loc, g.sentences[0]))
    counts = Counts(
        extracted=len(kept),
        matched=len(matched_events),
        required=len(required),
        required_matched=sum(1 for gi in pairs if not gold.events[gi].optional),
        dated=dated,
        date_right=date_right,
        located=located,
        loc_right=loc_right,
        negated=len(events) - len(kept),
    )
    return DocScore(gold.id, counts, misses, fps, tuple(wrong_dates), tuple(wrong_locs))


def _error_score(gold: GoldDoc, message: str) -> DocScore:
    score = score_document(gold, [])
    return DocScore(gold.id, score.counts, misses=score.misses, error=message)


def group_by_doc(events: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Group event records by their ``doc_id``, keeping file order.

    Args:
        events: event records.

    Returns:
        A map from ``doc_id`` (as a string) to that document's events.
    """
    out: dict[str, list[Mapping[str, Any]]] = {}
    for ev in events:
        out.setdefault(str(ev.get("doc_id")), []).append(ev)
    return out


def read_events_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read event records, one JSON object a line (blank lines skipped).

    Args:
        path: a JSONL file of event records.

    Returns:
        The records in file order.

    Raises:
        InputError: the file cannot be read or a line is not a JSON object.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read events file {path}: {exc}", stage="eval") from exc
    out: list[dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"events file {path} line {n} is not JSON: {exc.msg}",
                stage="eval",
                where=f"{path}:{n}",
            ) from exc
        if not isinstance(record, dict):
            raise InputError(
                f"events file {path} line {n} is not a JSON object",
                stage="eval",
                where=f"{path}:{n}",
            )
        out.append(record)
    return out


def score_set(
    golds: Sequence[GoldDoc],
    events: Mapping[str, Sequence[Mapping[str, Any]]] | Iterable[Mapping[str, Any]],
    *,
    errors: Mapping[str, str] | None = None,
) -> SetScore:
    """Score a whole gold set.

    Args:
        golds: the gold documents (reported in this order).
        events: either a map from gold id to that document's events, or a flat iterable of
            event records grouped here by their ``doc_id``.
        errors: gold id → error message for documents the coder failed on; they are scored
            with nothing extracted and the message is reported.

    Returns:
        The set's score. Events whose ``doc_id`` names no gold document are not scored; their
        ids are listed in ``ignored_doc_ids``.
    """
    by_doc = events if isinstance(events, Mapping) else group_by_doc(events)
    errors = errors or {}
    docs: list[DocScore] = []
    for gold in golds:
        if gold.id in errors:
            docs.append(_error_score(gold, errors[gold.id]))
        else:
            docs.append(score_document(gold, list(by_doc.get(gold.id, []))))
    ids = {g.id for g in golds}
    ignored = tuple(sorted(str(k) for k in by_doc if k not in ids))
    return SetScore(tuple(docs), ignored)


def evaluate_dir(
    gold_dir: Path, code: Callable[[GoldDoc], Sequence[Mapping[str, Any]]]
) -> SetScore:
    """Run a coder over every gold document of a folder and score it.

    Args:
        gold_dir: a gold folder (``NAME.txt`` + ``NAME.gold.json`` pairs).
        code: returns the extracted records for one gold document: events, and optionally
            ``eventwire relate`` records (``kind`` person, thing, claim or quote), whose people
            and things are then scored too (the CLI runs the pipeline on
            ``gold.text_path`` with ``gold.date`` as the publication date). An
            :class:`~eventwire.errors.EventwireError` it raises is recorded as that document's
            error (nothing extracted) and the set goes on.

    Returns:
        The set's score.

    Raises:
        InputError: the gold folder or one of its gold files is missing or malformed.
    """
    golds = load_gold_dir(gold_dir)
    by_doc: dict[str, Sequence[Mapping[str, Any]]] = {}
    related: dict[str, Sequence[Mapping[str, Any]]] = {}
    errors: dict[str, str] = {}
    for gold in golds:
        try:
            by_doc[gold.id], related[gold.id] = split_records(code(gold))
        except EventwireError as exc:
            errors[gold.id] = f"{type(exc).__name__}: {exc}"
    set_score = score_set(golds, by_doc, errors=errors)
    if not any(related.values()):
        return set_score
    docs = tuple(
        replace(d, relate=score_relate(g, related.get(g.id, [])))
        for d, g in zip(set_score.docs, golds, strict=True)
    )
    return replace(set_score, docs=docs)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SENTENCE_WIDTH else text[: _SENTENCE_WIDTH - 1] + "…"


def _codes(codes: Sequence[str] | None) -> str:
    return "any" if codes is None else "[" + ",".join(codes) + "]"


def _fig(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "n/a"


def format_report(set_score: SetScore, *, verbose: bool = False) -> str:
    """Write a set's score as readable text.

    One line per file; with ``verbose``, every MISS, FP, DATE and LOC line under its file with
    its sentence; last, the total line
    ``TOTAL P=0.xxx R=0.xxx F1=0.xxx date=0.xxx loc=0.xxx (extracted=N required=M)``.
    A per-file figure with nothing to measure shows ``n/a``.

    Args:
        set_score: the score.
        verbose: list the misses, false positives, wrong dates and wrong locations.

    Returns:
        The report, lines joined by newlines (no trailing newline).
    """
    width = max([len(d.doc_id) for d in set_score.docs] + [20])
    lines: list[str] = []
    for doc in set_score.docs:
        c = doc.counts
        line = (
            f"{doc.doc_id:<{width}}  P={_fig(c.matched, c.extracted)}"
            f" R={_fig(c.required_matched, c.required)} F1={c.f1:.2f}"
            f" date={_fig(c.date_right, c.dated)} loc={_fig(c.loc_right, c.located)}"
            f" extracted={c.extracted} required={c.required}"
        )
        if c.negated:
            line += f" negated={c.negated}"
        if doc.error:
            line += f"  ERROR {doc.error}"
        if doc.relate is not None:
            r = doc.relate.counts
            line += (
                f" people={_fig(r.people_found, r.people)}"
                f" role={_fig(r.role_right, r.people_found)}"
                f" things={_fig(r.things_found, r.things)}"
                f" kind={_fig(r.kind_right, r.things_found)}"
            )
        lines.append(line)
        if not verbose:
            continue
        if doc.relate is not None:
            lines.extend(f"   {m}" for m in doc.relate.misses)
        for m in doc.misses:
            lines.append(
                f"   MISS {'|'.join(m.type)} {_codes(m.source)}->{_codes(m.target)}"
                f" :: {_cut(m.sentence)}"
            )
        for f in doc.false_positives:
            lines.append(
                f"   FP   {f.type} {_codes(f.source)}->{_codes(f.target)} :: {_cut(f.sentence)}"
            )
        for w in doc.wrong_dates:
            lines.append(f"   DATE want {w.wanted} got {w.got} :: {_cut(w.sentence)}")
        for w in doc.wrong_locations:
            lines.append(f"   LOC  want {w.wanted} got {w.got} :: {_cut(w.sentence)}")
    if set_score.ignored_doc_ids:
        lines.append("events for no gold document: " + ", ".join(set_score.ignored_doc_ids))
    relate_total = set_score.relate_total
    if relate_total is not None:
        lines.append(format_relate_total(relate_total))
    t = set_score.total
    lines.append(
        f"TOTAL P={t.precision:.3f} R={t.recall:.3f} F1={t.f1:.3f} date={t.date_accuracy:.3f}"
        f" loc={t.location_accuracy:.3f} (extracted={t.extracted} required={t.required})"
    )
    return "\n".join(lines)
