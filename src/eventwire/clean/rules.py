"""Clean a document: normalise its text without moving any offset, and classify its lines.

The text is normalised character for character (curly quotes to straight, odd spaces and
zero-width characters to ``' '``, en and em dashes to ``-``), so every offset into the read text
is still valid in the cleaned one. Each non-empty line becomes one ``Block`` whose ``kind`` says
what it is: ``body`` text (the only kind that is coded) or ``headline``, ``standfirst``,
``caption``, ``dateline``, ``boilerplate`` and ``repeat``. The line patterns are data, in
``eventwire/data/clean/boilerplate.yaml``.

Dates: the page header's first date line fills ``published`` when the document has none. A
bare date line further down (a brief's own date, as on a page of world briefs) becomes the
``ref_date`` of the blocks under it; the others resolve against ``published``. A body block that
opens with a dateline ("SEOUL (Namsan Desk) — ...") gets that ``place``, and its ``start`` moves
past the dash; the place carries over to the blocks after it until the next brief date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from eventwire.errors import DataFileError
from eventwire.model import Block, Cleaned, Document
from eventwire.settings import Settings
from eventwire.vocab import Vocab, load_vocab

logger = logging.getLogger(__name__)

DATA_FILE = "data/clean/boilerplate.yaml"
PATTERN_KINDS = (
    "boilerplate",
    "byline",
    "link_header",
    "link_bullet",
    "link_line",
    "caption",
    "credit",
    "date_prefix",
)


def _normalisation_table() -> dict[int, str]:
    """One character to one character, so that the text keeps its length."""
    table: dict[int, str] = {}
    for char in "‘’‚‛′":
        table[ord(char)] = "'"
    for char in "“”„‟″":
        table[ord(char)] = '"'
    for char in "‐‑‒–—―−":
        table[ord(char)] = "-"
    spaces = [0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)]
    zero_width = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]
    controls = [c for c in range(0x20) if chr(c) not in "\n\t"] + [0x7F, 0x85]
    for code in spaces + zero_width + controls:
        table[code] = " "
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    return table


NORMALISE = _normalisation_table()


def normalise(text: str) -> str:
    """Normalise quotes, dashes and spaces without changing the text's length.

    Args:
        text: any text.

    Returns:
        The text, same length, with curly quotes straight, en/em dashes as ``-``, odd and
        zero-width spaces and control characters as ``' '``, and Unicode line separators as
        ``'\\n'``.
    """
    return text.translate(NORMALISE)


@dataclass(frozen=True)
class Line:
    """One non-empty line: its stripped text and where it is."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Split text on ``\\n`` into stripped, non-empty lines with their offsets.

    Args:
        text: the (normalised) text.

    Returns:
        The lines, in order.
    """
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            lines.append(Line(start=start, end=start + len(stripped), text=stripped))
        offset += len(raw) + 1
    return lines


class Rules:
    """The line patterns of ``boilerplate.yaml``, compiled, with the date-line parser.

    Args:
        data: the parsed YAML file.
        path: the file, for error messages.

    Raises:
        DataFileError: the file lacks a section or holds a bad regex.
    """

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise DataFileError(path, 0, "expected a mapping at the top level")
        patterns = data.get("patterns")
        if not isinstance(patterns, dict):
            raise DataFileError(path, 0, "missing 'patterns' mapping")
        self.patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
        for kind in PATTERN_KINDS:
            items = patterns.get(kind)
            if not isinstance(items, list) or not items:
                raise DataFileError(path, 0, f"patterns.{kind} must be a non-empty list")
            compiled = []
            for item in items:
                try:
                    compiled.append(re.compile(str(item), re.IGNORECASE))
                except re.error as exc:
                    raise DataFileError(
                        path, 0, f"patterns.{kind}: bad regex {item!r}: {exc}"
                    ) from exc
            self.patterns[kind] = tuple(compiled)
        months = data.get("months")
        weekdays = data.get("weekdays")
        limits = data.get("limits")
        if not isinstance(months, dict) or not months:
            raise DataFileError(path, 0, "missing 'months' mapping")
        if not isinstance(weekdays, list) or not weekdays:
            raise DataFileError(path, 0, "missing 'weekdays' list")
        if not isinstance(limits, dict):
            raise DataFileError(path, 0, "missing 'limits' mapping")
        self.months = {str(name).lower(): int(number) for name, number in months.items()}
        try:
            self.label_max_words = int(limits["label_max_words"])
            self.short_label_max_words = int(limits["short_label_max_words"])
            self.label_separators = str(limits["label_separators"])
            self.byline_max_words = int(limits["byline_max_words"])
            self.date_line_max_chars = int(limits["date_line_max_chars"])
            self.date_tail_max_words = int(limits["date_tail_max_words"])
            self.headline_max_words = int(limits["headline_max_words"])
            self.standfirst_max_words = int(limits["standfirst_max_words"])
            self.place_max_chars = int(limits["place_max_chars"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(path, 0, f"limits: missing or bad value {exc}") from exc
        month = "|".join(sorted((re.escape(m) for m in self.months), key=len, reverse=True))
        weekday = "|".join(sorted((re.escape(str(w)) for w in weekdays), key=len, reverse=True))
        day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
        self.date_line = re.compile(
            rf"(?:(?:{weekday})\.?,?\s+)?"
            rf"(?:(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{month})\.?,?\s+(?P<y1>\d{{4}})"
            rf"|(?P<m2>{month})\.?\s+(?P<d2>{day}),?\s*(?P<y2>\d{{4}})"
            r"|(?P<y3>\d{4})[-/.](?P<m3>\d{1,2})[-/.](?P<d3>\d{1,2}))"
            r"(?P<tail>.*)",
            re.IGNORECASE,
        )
        self.date_tail_start = re.compile(r"(?:\s*[,·|•/(\-]|\s+\d|T\d)")
        self.sentence_break = re.compile(r"[.!?][\"')\]]?\s+[\"'(]?[A-Z]")
        self.place = re.compile(
            r"(?P<place>[^\W\d_][^\W\d_'.]*(?:(?:[ '.]+|-)[^\W\d_]+)*\.?)"
            r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
            r"\s*(?:\((?P<agency>[^()]{1,40})\))?"
            r"\s*(?P<dash>-{1,2})\s+(?=\S)"
        )

    def matches(self, kind: str, line: str) -> bool:
        """Return whether any pattern of ``kind`` is found in the line."""
        return any(pattern.search(line) for pattern in self.patterns[kind])

    def parse_date_line(self, line: str) -> tuple[str, bool] | None:
        """Read a standalone date line.

        Args:
            line: a stripped, normalised line.

        Returns:
            ``(YYYY-MM-DD, bare)`` where ``bare`` is true for a date alone on its line (no
            "Published"/"Updated" and no time after it), or None when the line is not a date.
        """
        if len(line) > self.date_line_max_chars or not re.search(r"\d{4}", line):
            return None
        rest = line
        for pattern in self.patterns["date_prefix"]:
            match = pattern.match(rest)
            if match and match.end() > 0:
                rest = rest[match.end() :]
                break
        bare = rest is line
        match = self.date_line.match(rest)
        if match is not None:
            tail = match["tail"]
            if tail and not self.date_tail_start.match(tail):
                return None
            if tail.rstrip().endswith(".") or len(re.findall(r"[^\W\d_]+", tail)) > (
                self.date_tail_max_words
            ):
                return None
            date = _make_date(
                match["y1"] or match["y2"] or match["y3"],
                self._month(match["m1"] or match["m2"] or match["m3"]),
                match["d1"] or match["d2"] or match["d3"],
            )
            return (date, bare and not tail.strip()) if date else None
        return self._parse_with_dateparser(rest, bare=bare)

    def _month(self, token: str) -> int:
        return int(token) if token.isdigit() else self.months.get(token.lower().rstrip("."), 0)

    def _parse_with_dateparser(self, line: str, *, bare: bool) -> tuple[str, bool] | None:
        # Only short lines that are mostly a date: dateparser reads dates into almost anything.
        words = line.split()
        if not words or len(words) > 8 or line.endswith(".") or not line[0].isalnum():
            return None
        import dateparser  # slow to import; most documents never get here

        try:
            parsed = dateparser.parse(
                line,
                languages=["en"],
                settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
            )
        except (ValueError, OverflowError, TypeError) as exc:
            logger.debug("dateparser failed on %r: %s", line, exc)
            return None
        if parsed is None:
            return None
        return parsed.date().isoformat(), bare and len(words) <= 4


def _make_date(year: str, month: int, day: str) -> str | None:
    try:
        return dt.date(int(year), month, int(re.sub(r"\D", "", day))).isoformat()
    except ValueError:
        return None


def load_rules(vocab: Vocab | None = None) -> Rules:
    """Compile the cleaner's line patterns (``eventwire/data/clean/boilerplate.yaml``).

    Args:
        vocab: the loaded vocabulary (the package's own when None).

    Returns:
        The compiled rules.

    Raises:
        DataFileError: the file is missing, not YAML, or malformed.
    """
    data = (vocab or load_vocab()).boilerplate
    return Rules(data, DATA_FILE)


def _words(line: str) -> int:
    return len(line.split())


class Cleaner:
    """The clean stage: a ``Document`` in, a ``Cleaned`` document (same-length text) out.

    Args:
        settings: the run's settings (unused so far).
        vocab: unused; part of the stage signature.

    Raises:
        DataFileError: the boilerplate patterns cannot be loaded.
    """

    name = "clean"

    def __init__(self, settings: Settings, vocab: Vocab | None = None) -> None:
        self.settings = settings
        self.vocab = vocab
        self.rules = load_rules(vocab)

    def __call__(self, doc: Document) -> Cleaned:
        """Normalise and classify one document.

        Args:
            doc: the document as read.

        Returns:
            The document with normalised text (and ``published`` from its header date line
            when it had none) and one block per non-empty line.
        """
        text = normalise(doc.text)
        lines = split_lines(text)
        title = normalise(doc.title).strip() if doc.title else None
        blocks, header_date = _Classifier(self.rules, doc.text, lines, title).run()
        if not any(b.kind == "body" for b in blocks):
            # a document that is only a headline (a wire alert, one sentence) is its content
            blocks = [
                b.model_copy(update={"kind": "body"}) if b.kind == "headline" else b for b in blocks
            ]
        published = doc.published or header_date
        if doc.published is None and header_date is not None:
            logger.info("%s: publication date %s from the page header", doc.id, header_date)
        final = tuple(
            block
            if block.ref_date is not None or block.kind == "dateline"
            else block.model_copy(update={"ref_date": published})
            for block in blocks
        )
        return Cleaned(
            doc=doc.model_copy(update={"text": text, "published": published}), blocks=final
        )


class _Classifier:
    """One pass over a document's lines; holds the state of that pass."""

    def __init__(self, rules: Rules, original: str, lines: list[Line], title: str | None) -> None:
        self.rules = rules
        self.original = original
        self.lines = lines
        self.title = title
        self.later_count = Counter(line.text for line in lines)
        self.seen: set[str] = set()
        self.headline: str | None = None
        self.standfirst_done = False
        self.header_blocked = False
        self.body_started = False
        self.in_link_list = False
        self.header_date: str | None = None
        self.brief_date: str | None = None
        self.place: str | None = None

    def run(self) -> tuple[list[Block], str | None]:
        blocks: list[Block] = []
        for index, line in enumerate(self.lines):
            nxt = self.lines[index + 1].text if index + 1 < len(self.lines) else None
            blocks.append(self._classify(index, line, nxt))
            self.seen.add(line.text)
        return blocks, self.header_date

    def _block(self, index: int, line: Line, kind: str, **extra: Any) -> Block:
        return Block(
            start=extra.pop("start", line.start),
            end=line.end,
            kind=kind,
            paragraph=index,
            ref_date=extra.pop("ref_date", self.brief_date),
            place=extra.pop("place", None),
        )

    def _classify(self, index: int, line: Line, nxt: str | None) -> Block:
        rules, s = self.rules, line.text
        date = rules.parse_date_line(s)
        if date is not None:
            return self._date_block(index, line, *date)
        if rules.matches("link_header", s):
            self.in_link_list = True
            return self._block(index, line, "boilerplate")
        if self.in_link_list and rules.matches("link_bullet", s):
            return self._block(index, line, "boilerplate")
        self.in_link_list = False
        if rules.matches("link_line", s) or rules.matches("boilerplate", s):
            return self._block(index, line, "boilerplate")
        if self._is_byline(s):
            self.header_blocked = self.header_blocked or self.headline is not None
            return self._block(index, line, "boilerplate")
        if s in self.seen:
            return self._block(index, line, "repeat")
        if self._is_caption(s, nxt):
            self.header_blocked = self.header_blocked or self.headline is not None
            return self._block(index, line, "caption")
        if self._may_be_headline(s) and (self.later_count[s] > 1 or s == self.title):
            self.headline = s
            return self._block(index, line, "headline")
        if self._is_label(s):
            return self._block(index, line, "boilerplate")
        if self._may_be_headline(s) and _words(s) > self.rules.short_label_max_words:
            self.headline = s
            return self._block(index, line, "headline")
        if self._is_standfirst(s, nxt):
            self.standfirst_done = True
            return self._block(index, line, "standfirst")
        return self._body_block(index, line)

    def _date_block(self, index: int, line: Line, date: str, bare: bool) -> Block:
        if self.header_date is None and (not self.body_started or not bare):
            self.header_date = date
        elif bare:
            self.brief_date = date
            self.place = None
        self.header_blocked = self.header_blocked or self.headline is not None
        return self._block(index, line, "dateline", ref_date=date)

    def _body_block(self, index: int, line: Line) -> Block:
        self.body_started = True
        start = line.start
        match = self.rules.place.match(line.text)
        if match is not None and self._is_place(match, line):
            self.place = _title_case(match["place"])
            start = line.start + match.end()
        return self._block(index, line, "body", start=start, place=self.place)

    def _is_place(self, match: re.Match[str], line: Line) -> bool:
        place = match["place"]
        letters = [c for c in place if c.isalpha()]
        if len(letters) < 2 or place.upper() != place or match.end() > self.rules.place_max_chars:
            return False
        if match["date"] or match["agency"] or match["dash"] == "--":
            return True
        # a plain hyphen is a dateline dash only where the page had an en or em dash
        return self.original[line.start + match.start("dash")] in "–—"

    def _is_byline(self, s: str) -> bool:
        return (
            _words(s) <= self.rules.byline_max_words
            and not s.endswith(".")
            and self.rules.matches("byline", s)
        )

    def _is_caption(self, s: str, nxt: str | None) -> bool:
        rules = self.rules
        if rules.matches("credit", s) or rules.matches("caption", s):
            return True
        return nxt is not None and rules.matches("credit", nxt)

    def _may_be_headline(self, s: str) -> bool:
        return not self.body_started and self.headline is None and self._is_title(s)

    def _is_title(self, s: str) -> bool:
        if s[-1] in ".:;,-" or not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'"):
            return False
        return 2 <= _words(s) <= self.rules.headline_max_words

    def _is_label(self, s: str) -> bool:
        if s[-1] in ".!?:;,\"'":
            return False
        parts = [p.strip() for p in re.split(f"[{re.escape(self.rules.label_separators)}]", s)]
        if len(parts) > 1 and all(0 < _words(p) <= self.rules.label_max_words for p in parts):
            return True
        letters = [c for c in s if c.isalpha()]
        if letters and s.upper() == s and _words(s) <= 2 * self.rules.label_max_words:
            return True
        return _words(s) <= self.rules.short_label_max_words and s[0].isupper()

    def _is_standfirst(self, s: str, nxt: str | None) -> bool:
        if self.body_started or self.headline is None or self.standfirst_done:
            return False
        if self.header_blocked or nxt is None:
            return False
        if _words(s) > self.rules.standfirst_max_words or self.rules.sentence_break.search(s):
            return False
        return self._is_header_line(nxt)

    def _is_header_line(self, s: str) -> bool:
        """Whether a line (the one after a standfirst candidate) is page furniture, not body."""
        rules = self.rules
        return (
            s in self.seen
            or s == self.headline
            or rules.parse_date_line(s) is not None
            or self._is_byline(s)
            or rules.matches("boilerplate", s)
            or rules.matches("link_line", s)
            or rules.matches("credit", s)
            or rules.matches("caption", s)
            or self._is_label(s)
        )


def _title_case(place: str) -> str:
    return place.strip().title()
