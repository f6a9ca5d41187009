"""Score a sentence coder on public peers' validation cases (``peers/README.md``).

* ``plover``: ``plover_gsr_cameo.jsonl``, 322 idealised CAMEO-manual sentences recoded in PLOVER,
  one event each: event-type accuracy, coverage, source and target country agreement, and a
  per-type table.
* ``petrarch2``: suite ``PETR2_GSR`` of ``petrarch2_validation.jsonl``, 78 news sentences with
  PETRARCH-2's expected CAMEO dyads: CAMEO root agreement, source and target country agreement,
  no-event precision.
* ``ngec``: ``ngec_synthetic_events.jsonl``, LLM-written stories with a document-level PLOVER
  pseudo-label (the event the headline was written to elicit); the first story of each of the
  332 headline templates (the rest repeat a template with another country): whether any event
  of the document has the labelled type, whether the document's most frequent type is it, and
  the mode where both give one. A broad, noisy check of event-type recall on varied text.

Events the coder marks ``negated: true`` are set aside, as in the gold scoring (rule 0).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from eventwire.errors import EventwireError, InputError
from eventwire.evaluate.match import ORG_CODES, actor_codes, is_negated, reduce_code

PeerName = Literal["plover", "petrarch2", "ngec"]
CodeSentence = Callable[[str, str | None], Sequence[Mapping[str, Any]]]

PLOVER_FILE = "plover_gsr_cameo.jsonl"
PETRARCH2_FILE = "petrarch2_validation.jsonl"
PETRARCH2_SUITE = "PETR2_GSR"
NGEC_FILE = "ngec_synthetic_events.jsonl"

#: The peer suites ``evaluate_peer`` knows.
PEER_NAMES: tuple[str, ...] = ("plover", "petrarch2", "ngec")

#: The 16 PLOVER event types (2021 names), in the manual's order.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: CAMEO roots with no PLOVER type (01 public statement, 02 appeal).
NO_PLOVER_ROOTS: frozenset[str] = frozenset({"01", "02"})

_PEER_FIGURES: dict[str, str] = {
    "plover": "n/a (idealised manual examples; no published coder figure)",
    "petrarch2": (
        "PETRARCH-2 itself ~1.0 by construction (the cases were 'based on the PETR-2 output')"
    ),
    "ngec": "n/a (labels are unverified pseudo-labels; NGEC trained its classifiers on them)",
}


@dataclass(frozen=True)
class Ratio:
    """A share: ``hit`` of ``total``."""

    hit: int
    total: int

    @property
    def value(self) -> float:
        """``hit / total``, 0 when ``total`` is 0."""
        return self.hit / self.total if self.total else 0.0


@dataclass(frozen=True)
class TypeRow:
    """Per-type figures of the PLOVER suite: records of this expected type."""

    type: str
    top: Ratio
    any: Ratio


@dataclass(frozen=True)
class PeerScore:
    """A coder's score on one peer suite.

    Attributes:
        name: ``plover`` or ``petrarch2``.
        n: the number of cases scored.
        metrics: figure name → share, in print order (the machine-readable line's keys).
        labels: figure name → a human label.
        per_type: PLOVER only: one row per PLOVER type.
        peer_figure: the peer's own documented figure, in words.
        errors: cases where the coder raised an ``EventwireError`` (scored as no event).
    """

    name: str
    n: int
    metrics: dict[str, Ratio]
    labels: dict[str, str]
    per_type: tuple[TypeRow, ...] = ()
    peer_figure: str = ""
    errors: int = 0
    error_messages: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the score as a JSON-ready dict."""
        return {
            "peer": self.name,
            "n": self.n,
            "metrics": {
                k: {"value": r.value, "hit": r.hit, "total": r.total}
                for k, r in self.metrics.items()
            },
            "per_type": [
                {"type": t.type, "n": t.top.total, "top": t.top.value, "any": t.any.value}
                for t in self.per_type
            ],
            "peer_figure": self.peer_figure,
            "errors": self.errors,
        }


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"peer file {path} does not exist", stage="eval", where=str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read peer file {path}: {exc}", stage="eval") from exc
    out: list[dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"peer file {path} line {n} is not JSON: {exc.msg}",
                stage="eval",
                where=f"{path}:{n}",
            ) from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(
                f"peer file {path} line {n} is not a case with a text",
                stage="eval",
                where=f"{path}:{n}",
            )
        out.append(record)
    return out


def _run(
    code_sentence: CodeSentence, text: str, date: str | None, errors: list[str]
) -> list[Mapping[str, Any]]:
    try:
        events = code_sentence(text, date)
    except EventwireError as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
        return []
    return [ev for ev in events if not is_negated(ev)]


def _confidence(event: Mapping[str, Any]) -> float:
    value = event.get("confidence")
    return float(value) if isinstance(value, int | float) else 0.0


def _top(events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    best = events[0]
    for ev in events[1:]:
        if _confidence(ev) > _confidence(best):
            best = ev
    return best


def _agree(expected: Iterable[str], ours: frozenset[str]) -> bool:
    """Whether our codes meet the expected ones; an expected ``IGO`` meets any organisation."""
    return any(code in ours or (code == "IGO" and bool(ours & ORG_CODES)) for code in expected)


def _plover_codes(actors: Any) -> list[str]:
    out: list[str] = []
    for actor in actors or ():
        if isinstance(actor, Mapping):
            code = actor.get("code_iso3_suggested") or actor.get("code")
            if isinstance(code, str) and code.strip():
                out.append(reduce_code(code))
    return out


def _type_rows(per_type: Mapping[str, list[int]]) -> tuple[TypeRow, ...]:
    """Per-type rows from ``type → [n, top hits, any hits]`` counts."""
    return tuple(TypeRow(t, Ratio(v[1], v[0]), Ratio(v[2], v[0])) for t, v in per_type.items())


def _score_plover(peers_dir: Path, code_sentence: CodeSentence) -> PeerScore:
    records = _read_jsonl(peers_dir / PLOVER_FILE)
    errors: list[str] = []
    top_hit = any_hit = covered = src_hit = src_n = tgt_hit = tgt_n = 0
    per_type: dict[str, list[int]] = {t: [0, 0, 0] for t in PLOVER_TYPES}  # n, top, any
    for rec in records:
        expected = rec.get("expected") or [{}]
        exp = expected[0]
        want = exp.get("type_plover_2021") or exp.get("type")
        row = per_type.setdefault(str(want), [0, 0, 0])
        row[0] += 1
        events = _run(code_sentence, rec["text"], rec.get("date"), errors)
        if not events:
            continue
        covered += 1
        top = _top(events)
        if top.get("type") == want:
            top_hit += 1
            row[1] += 1
        if any(ev.get("type") == want for ev in events):
            any_hit += 1
            row[2] += 1
        want_src = _plover_codes(exp.get("source"))
        if want_src:
            src_n += 1
            src_hit += _agree(want_src, actor_codes(top.get("source")))
        if exp.get("target") is not None:
            want_tgt = _plover_codes(exp.get("target"))
            ours = actor_codes(top.get("target"))
            tgt_n += 1
            tgt_hit += (not ours) if not exp.get("target") else _agree(want_tgt, ours)
    n = len(records)
    return PeerScore(
        name="plover",
        n=n,
        metrics={
            "type_acc": Ratio(top_hit, n),
            "any_type": Ratio(any_hit, n),
            "coverage": Ratio(covered, n),
            "source": Ratio(src_hit, src_n),
            "target": Ratio(tgt_hit, tgt_n),
        },
        labels={
            "type_acc": "event type (highest-confidence event)",
            "any_type": "event type (any event)",
            "coverage": "coverage (>= 1 event)",
            "source": "source country (top event)",
            "target": "target country (top event; [] = none)",
        },
        per_type=_type_rows(per_type),
        peer_figure=_PEER_FIGURES["plover"],
        errors=len(errors),
        error_messages=tuple(errors),
    )


def _petr_code(code: Any) -> str | None:
    """A PETRARCH actor code cut to its country; None when unknown (``---``, free text)."""
    if not isinstance(code, str):
        return None
    head = code.strip().upper()[:3]
    if len(head) < 3 or not head.isalpha():
        return None
    return head


def _side_agree(
    pairs: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]], side: str
) -> bool | None:
    known = [(ev, _petr_code(exp.get(side))) for ev, exp in pairs]
    known_pairs = [(ev, code) for ev, code in known if code is not None]
    if not known_pairs:
        return None
    return any(_agree([code], actor_codes(ev.get(side))) for ev, code in known_pairs)


def _score_petrarch2(peers_dir: Path, code_sentence: CodeSentence) -> PeerScore:
    records = [
        r for r in _read_jsonl(peers_dir / PETRARCH2_FILE) if r.get("suite") == PETRARCH2_SUITE
    ]
    errors: list[str] = []
    root_hit = root_n = plover_hit = plover_n = 0
    src_hit = src_n = tgt_hit = tgt_n = noev_hit = noev_n = 0
    for rec in records:
        expected = [e for e in rec.get("expected") or [] if isinstance(e, Mapping)]
        events = _run(code_sentence, rec["text"], rec.get("date"), errors)
        if rec.get("expect_no_event") or not expected:
            noev_n += 1
            noev_hit += not events
            continue
        roots = {str(e.get("cameo", ""))[:2] for e in expected}
        ours = {str(ev.get("cameo") or "")[:2] for ev in events}
        root_n += 1
        root_hit += bool(roots & ours)
        plover_roots = roots - NO_PLOVER_ROOTS
        if plover_roots:
            plover_n += 1
            plover_hit += bool(plover_roots & ours)
        pairs = [
            (ev, exp)
            for ev in events
            for exp in expected
            if str(ev.get("cameo") or "")[:2] == str(exp.get("cameo", ""))[:2]
        ]
        if not pairs:
            continue
        for side in ("source", "target"):
            verdict = _side_agree(pairs, side)
            if verdict is None:
                continue
            if side == "source":
                src_n += 1
                src_hit += verdict
            else:
                tgt_n += 1
                tgt_hit += verdict
    return PeerScore(
        name="petrarch2",
        n=len(records),
        metrics={
            "root": Ratio(root_hit, root_n),
            "root_plover": Ratio(plover_hit, plover_n),
            "source": Ratio(src_hit, src_n),
            "target": Ratio(tgt_hit, tgt_n),
            "noevent": Ratio(noev_hit, noev_n),
        },
        labels={
            "root": "CAMEO root (any event = any expected)",
            "root_plover": "CAMEO root, roots with a PLOVER type",
            "source": "source country (root-matched cases)",
            "target": "target country (root-matched cases)",
            "noevent": "no-event precision",
        },
        peer_figure=_PEER_FIGURES["petrarch2"],
        errors=len(errors),
        error_messages=tuple(errors),
    )


def _ngec_sample(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first story of each headline template, in file order."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for rec in records:
        key = str(rec.get("title_template") or rec.get("id"))
        if key in seen or not rec.get("label"):
            continue
        seen.add(key)
        out.append(rec)
    return out


def _main_type(events: Sequence[Mapping[str, Any]]) -> str | None:
    """The type most events of a document have (ties: the one seen first)."""
    counts: dict[str, int] = {}
    for ev in events:
        kind = ev.get("type")
        if isinstance(kind, str):
            counts[kind] = counts.get(kind, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _score_ngec(peers_dir: Path, code_sentence: CodeSentence) -> PeerScore:
    records = _ngec_sample(_read_jsonl(peers_dir / NGEC_FILE))
    errors: list[str] = []
    any_hit = main_hit = covered = mode_hit = mode_n = 0
    per_type: dict[str, list[int]] = {t: [0, 0, 0] for t in PLOVER_TYPES}  # n, main, any
    for rec in records:
        want = str(rec["label"])
        row = per_type.setdefault(want, [0, 0, 0])
        row[0] += 1
        events = _run(code_sentence, rec["text"], rec.get("date"), errors)
        if not events:
            continue
        covered += 1
        if _main_type(events) == want:
            main_hit += 1
            row[1] += 1
        typed = [ev for ev in events if ev.get("type") == want]
        if typed:
            any_hit += 1
            row[2] += 1
            want_mode = rec.get("mode")
            if isinstance(want_mode, str) and want_mode.strip():
                mode_n += 1
                mode_hit += any(
                    str(ev.get("mode") or "").upper() == want_mode.upper() for ev in typed
                )
    n = len(records)
    return PeerScore(
        name="ngec",
        n=n,
        metrics={
            "any_type": Ratio(any_hit, n),
            "main_type": Ratio(main_hit, n),
            "coverage": Ratio(covered, n),
            "mode": Ratio(mode_hit, mode_n),
        },
        labels={
            "any_type": "labelled type among the document's events",
            "main_type": "labelled type is the document's most frequent",
            "coverage": "coverage (>= 1 event)",
            "mode": "labelled mode (type-matched, labelled docs)",
        },
        per_type=_type_rows(per_type),
        peer_figure=_PEER_FIGURES["ngec"],
        errors=len(errors),
        error_messages=tuple(errors),
    )


def evaluate_peer(name: PeerName, peers_dir: Path, code_sentence: CodeSentence) -> PeerScore:
    """Score a sentence coder on a peer suite.

    Args:
        name: ``plover`` (``plover_gsr_cameo.jsonl``), ``petrarch2`` (suite ``PETR2_GSR`` of
            ``petrarch2_validation.jsonl``) or ``ngec`` (``ngec_synthetic_events.jsonl``, one
            story per headline template).
        peers_dir: the folder holding the peer files.
        code_sentence: codes one sentence given its text and date (or None) and returns SPEC
            event-record dicts (``type``, ``cameo``, ``source``, ``target``, ``confidence``,
            ``negated``). An ``EventwireError`` it raises counts as no event for that case.
            For ``ngec`` it is given a whole story rather than one sentence.

    Returns:
        The score.

    Raises:
        InputError: the peer file is missing or malformed.
        ValueError: an unknown peer name.
    """
    if name == "plover":
        return _score_plover(Path(peers_dir), code_sentence)
    if name == "petrarch2":
        return _score_petrarch2(Path(peers_dir), code_sentence)
    if name == "ngec":
        return _score_ngec(Path(peers_dir), code_sentence)
    raise ValueError(f"unknown peer {name!r}: use one of {', '.join(PEER_NAMES)}")


def format_peer(score: PeerScore, *, verbose: bool = False) -> str:
    """Write a peer score as a few aligned lines and a final machine-readable line.

    The last line reads e.g.
    ``PEER plover type_acc=0.712 any_type=0.800 coverage=0.930 source=0.810 target=0.660 n=322``.

    Args:
        score: the score.
        verbose: also list the coder's error messages.

    Returns:
        The text, lines joined by newlines (no trailing newline).
    """
    source = {
        "plover": PLOVER_FILE,
        "petrarch2": f"{PETRARCH2_FILE} suite {PETRARCH2_SUITE}",
        "ngec": f"{NGEC_FILE}, one story per headline template",
    }.get(score.name, score.name)
    lines = [f"{score.name}: {source}, {score.n} cases"]
    width = max(len(label) for label in score.labels.values()) if score.labels else 0
    for key, ratio in score.metrics.items():
        label = score.labels.get(key, key)
        shown = f"{ratio.value:.3f}" if ratio.total else "  n/a"
        lines.append(f"  {label:<{width}}  {shown}  ({ratio.hit}/{ratio.total})")
    lines.append(f"  {'peer own figure':<{width}}  {score.peer_figure}")
    if score.errors:
        lines.append(f"  {'coder errors':<{width}}  {score.errors} (scored as no event)")
        if verbose:
            lines.extend(f"    {msg}" for msg in score.error_messages)
    if score.per_type:
        top = "main" if score.name == "ngec" else "top"
        lines.append(f"  {'type':<10} {'n':>4}  {top:>5}  {'any':>5}")
        for row in score.per_type:
            lines.append(
                f"  {row.type:<10} {row.top.total:>4}  {row.top.value:>5.2f}  {row.any.value:>5.2f}"
            )
    figures = " ".join(f"{k}={r.value:.3f}" for k, r in score.metrics.items())
    lines.append(f"PEER {score.name} {figures} n={score.n}")
    return "\n".join(lines)
