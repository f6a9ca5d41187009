"""Load a gold folder in the format of ``eval/FORMAT.md``.

A gold folder holds article pairs: ``NAME.txt`` (the article as a user would hand it in) and
``NAME.gold.json`` (what a careful human coder extracts from it). Every problem with a gold file
raises :class:`~eventwire.errors.InputError` naming the file, never a bare ``KeyError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import InputError

GOLD_SUFFIX = ".gold.json"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class GoldEvent:
    """One codable event as the human coder recorded it.

    Attributes:
        sentences: substrings; an extracted event must come from a sentence containing one.
        type: acceptable PLOVER event types (any one counts).
        source: acceptable source codes (ISO3 or organisation codes).
        target: acceptable target codes; ``()`` means the event has no target and the
            extraction must have none; ``None`` means any target (or none) is accepted.
        date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or None when the text does not say.
        location: ISO3 of the country where it happened, or None.
        optional: extracting it is neither rewarded nor penalised.
        note: the coder's note for the human reader.
    """

    sentences: tuple[str, ...]
    type: tuple[str, ...]
    source: tuple[str, ...]
    target: tuple[str, ...] | None
    date: str | None
    location: str | None
    optional: bool = False
    note: str = ""


@dataclass(frozen=True)
class GoldPerson:
    """A named person of the article with the country and role the article gives."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str | None


@dataclass(frozen=True)
class GoldThing:
    """A named agreement, policy, operation, weapon or organisation of the article."""

    name: str
    aliases: tuple[str, ...]
    kind: str | None
    parties: tuple[str, ...]


@dataclass(frozen=True)
class GoldDoc:
    """One gold article.

    Attributes:
        id: the gold id (``"id"`` of the gold file); extracted events carry it as ``doc_id``.
        date: the publication date handed to the coder, or None.
        text_path: the article's ``NAME.txt``.
        events: the gold events in file order.
        people: the named people.
        things: the named things.
    """

    id: str
    date: str | None
    text_path: Path
    events: tuple[GoldEvent, ...]
    people: tuple[GoldPerson, ...] = ()
    things: tuple[GoldThing, ...] = ()

    def read_text(self) -> str:
        """Return the article text.

        Returns:
            The contents of ``text_path`` (UTF-8).

        Raises:
            InputError: the text file cannot be read.
        """
        try:
            return self.text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"cannot read gold article {self.text_path}: {exc}",
                doc_id=self.id,
                stage="eval",
                where=str(self.text_path),
            ) from exc


def _fail(path: Path, reason: str, where: str | None = None) -> InputError:
    return InputError(f"bad gold file {path}: {reason}", stage="eval", where=where or str(path))


def _str_list(path: Path, value: Any, what: str, *, allow_empty: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, f"{what} must be a list of strings, got {value!r}")
    if not value and not allow_empty:
        raise _fail(path, f"{what} must not be empty")
    return tuple(value)


def _opt_str(path: Path, value: Any, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise _fail(path, f"{what} must be a string or null, got {value!r}")


def _event(path: Path, i: int, raw: Any) -> GoldEvent:
    what = f"events[{i}]"
    if not isinstance(raw, Mapping):
        raise _fail(path, f"{what} must be an object")
    for key in ("sentences", "type", "source"):
        if key not in raw:
            raise _fail(path, f"{what} has no {key!r}")
    target_raw = raw.get("target")
    target = None if target_raw is None else _str_list(path, target_raw, f"{what}.target")
    date = _opt_str(path, raw.get("date"), f"{what}.date")
    if date is not None and not _DATE.match(date):
        raise _fail(path, f"{what}.date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
    optional = raw.get("optional", False)
    if not isinstance(optional, bool):
        raise _fail(path, f"{what}.optional must be true or false, got {optional!r}")
    return GoldEvent(
        sentences=_str_list(path, raw["sentences"], f"{what}.sentences", allow_empty=False),
        type=_str_list(path, raw["type"], f"{what}.type", allow_empty=False),
        source=_str_list(path, raw["source"], f"{what}.source"),
        target=target,
        date=date,
        location=_opt_str(path, raw.get("location"), f"{what}.location"),
        optional=optional,
        note=_opt_str(path, raw.get("note"), f"{what}.note") or "",
    )


def _person(path: Path, i: int, raw: Any) -> GoldPerson:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        raise _fail(path, f"people[{i}] must be an object with a name")
    return GoldPerson(
        name=raw["name"],
        aliases=_str_list(path, raw.get("aliases") or [], f"people[{i}].aliases"),
        country=_opt_str(path, raw.get("country"), f"people[{i}].country"),
        role=_opt_str(path, raw.get("role"), f"people[{i}].role"),
    )


def _thing(path: Path, i: int, raw: Any) -> GoldThing:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        raise _fail(path, f"things[{i}] must be an object with a name")
    return GoldThing(
        name=raw["name"],
        aliases=_str_list(path, raw.get("aliases") or [], f"things[{i}].aliases"),
        kind=_opt_str(path, raw.get("kind"), f"things[{i}].kind"),
        parties=_str_list(path, raw.get("parties") or [], f"things[{i}].parties"),
    )


def load_gold(path: Path) -> GoldDoc:
    """Load one ``NAME.gold.json`` with its ``NAME.txt``.

    Args:
        path: the gold JSON file.

    Returns:
        The gold document.

    Raises:
        InputError: the gold file or its article is missing, or the gold file is not valid
            JSON in the gold format; the message names the file.
    """
    path = Path(path)
    if not path.name.endswith(GOLD_SUFFIX):
        raise _fail(path, f"a gold file's name must end in {GOLD_SUFFIX}")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _fail(path, "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"cannot read it: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise _fail(
            path, f"not valid JSON: {exc.msg}", where=f"{path}:{exc.lineno}:{exc.colno}"
        ) from exc
    if not isinstance(raw, Mapping):
        raise _fail(path, "the top level must be a JSON object")
    doc_id = raw.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise _fail(path, "no string 'id'")
    date = _opt_str(path, raw.get("date"), "date")
    if date is not None and not _DATE.match(date):
        raise _fail(path, f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
    for key in ("events", "people", "things"):
        if not isinstance(raw.get(key, []), list):
            raise _fail(path, f"{key!r} must be a list")
    if "events" not in raw:
        raise _fail(path, "no 'events'")
    text_path = path.with_name(path.name[: -len(GOLD_SUFFIX)] + ".txt")
    if not text_path.is_file():
        raise _fail(path, f"its article {text_path.name} is missing", where=str(text_path))
    return GoldDoc(
        id=doc_id,
        date=date,
        text_path=text_path,
        events=tuple(_event(path, i, e) for i, e in enumerate(raw["events"])),
        people=tuple(_person(path, i, p) for i, p in enumerate(raw.get("people", []))),
        things=tuple(_thing(path, i, t) for i, t in enumerate(raw.get("things", []))),
    )


def load_gold_dir(gold_dir: Path) -> list[GoldDoc]:
    """Load every gold pair of a folder, sorted by file name.

    Args:
        gold_dir: a folder of ``NAME.txt`` + ``NAME.gold.json`` pairs.

    Returns:
        The gold documents, in file-name order.

    Raises:
        InputError: the folder does not exist or holds no gold file, an article has no gold
            file, a gold file has no article or is malformed, or two gold files share an id.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(
            f"gold folder {gold_dir} does not exist", stage="eval", where=str(gold_dir)
        )
    for txt in sorted(gold_dir.glob("*.txt")):
        gold_path = txt.with_name(txt.name[: -len(".txt")] + GOLD_SUFFIX)
        if not gold_path.is_file():
            raise _fail(gold_path, f"missing (article {txt.name} has no gold file)")
    gold_paths = sorted(p for p in gold_dir.iterdir() if p.name.endswith(GOLD_SUFFIX))
    if not gold_paths:
        raise InputError(
            f"gold folder {gold_dir} holds no *{GOLD_SUFFIX} file",
            stage="eval",
            where=str(gold_dir),
        )
    docs = [load_gold(p) for p in gold_paths]
    seen: dict[str, Path] = {}
    for doc, path in zip(docs, gold_paths, strict=True):
        if doc.id in seen:
            raise _fail(path, f"id {doc.id!r} is also the id of {seen[doc.id].name}")
        seen[doc.id] = path
    return docs
