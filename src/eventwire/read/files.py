"""Read articles from local files: plain text, HTML, JSONL, Parquet, or a folder of them.

One file is one document, except JSONL (one article per line) and Parquet (one article per row,
columns ``id``, ``published``, ``text`` or ``html``, and optionally ``url`` and ``title``). Each
document's id is its file name without the extension; for JSONL and Parquet, the record's ``id``,
else ``<file stem>:<line or row no>``.

A publication date is never guessed: it comes from the user (``published``) or from the page's
own metadata (HTML ``article:published_time`` and the like, a JSONL record's ``published``).
The user's date wins when both are there. Text files get theirs later, from the cleaner, which
reads the page header's date line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError, EventwireError, ExtractionError, InputError, ReadError
from eventwire.model import DocError, Document
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES
ARTICLE_COLUMNS = ("id", "url", "title", "published", "text", "html")
_PARQUET_BATCH = 256

STAGE = "read"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MIN_PRINTABLE = 0.95
_MAX_NON_ASCII_LETTERS = 0.3
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def validate_date(published: str | None) -> str | None:
    """Check a user-given publication date.

    Args:
        published: ``YYYY-MM-DD`` or None.

    Returns:
        The same date, or None.

    Raises:
        ConfigError: the date is not an ISO ``YYYY-MM-DD`` calendar date.
    """
    if published is None:
        return None
    match = _ISO_DATE.fullmatch(published.strip())
    if match is None:
        raise ConfigError(
            f"--date {published!r} is not a date; give it as YYYY-MM-DD, e.g. --date 2022-11-13",
            stage=STAGE,
        )
    try:
        dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise ConfigError(
            f"--date {published!r} is not a real calendar date ({exc}); "
            "give it as YYYY-MM-DD, e.g. --date 2022-11-13",
            stage=STAGE,
        ) from exc
    return published.strip()


def read_path(path: Path, *, published: str | None, max_bytes: int) -> list[Document]:
    """Read every document in a file or folder.

    Args:
        path: a ``.txt`` (or any other text file), ``.html``/``.htm``, ``.jsonl`` file, or a
            folder searched recursively for such files (hidden ones skipped).
        published: the publication date (``YYYY-MM-DD``) to give every document, or None.
        max_bytes: the largest file (for JSONL: the largest line) read.

    Returns:
        The documents, in file order.

    Raises:
        ConfigError: ``published`` is not a valid date (before anything is read).
        InputError: the first document that cannot be read (``ReadError``,
            ``ExtractionError``); use :func:`iter_documents` to go on past failures.
    """
    published = validate_date(published)
    docs: list[Document] = []
    for item in _iter_path(Path(path), published=published, max_bytes=max_bytes):
        if isinstance(item, InputError):
            raise item
        docs.append(item)
    return docs


def iter_documents(
    paths: Sequence[Path], *, published: str | None, max_bytes: int
) -> Iterator[Document | DocError]:
    """Read many files and folders, yielding a ``DocError`` for each failure and going on.

    Args:
        paths: files and folders, read in the order given.
        published: the publication date (``YYYY-MM-DD``) to give every document, or None.
        max_bytes: the largest file (for JSONL: the largest line) read.

    Returns:
        An iterator of documents, with a ``DocError`` in place of each one that failed.

    Raises:
        ConfigError: ``published`` is not a valid date; raised at call time, before any reading.
    """
    checked = validate_date(published)

    def generate() -> Iterator[Document | DocError]:
        for path in paths:
            for item in _iter_path(Path(path), published=checked, max_bytes=max_bytes):
                if isinstance(item, EventwireError):
                    logger.debug("%s", item)  # the caller reports DocErrors
                    yield DocError(
                        doc_id=item.doc_id or Path(path).stem,
                        stage=item.stage or STAGE,
                        type=type(item).__name__,
                        message=item.detail,
                    )
                else:
                    yield item

    return generate()


def decode_bytes(data: bytes, *, doc_id: str) -> str:
    """Decode a file's bytes to text, with newlines normalised to ``\\n``.

    UTF-8 (BOM stripped) and UTF-16/32 with a BOM are taken as they are. Other bytes are tried
    as UTF-8, then as Windows-1252 when that gives mostly-ASCII Latin text (the detector is
    unreliable on short Western text), then through ``charset_normalizer``; Latin-1 is the last
    resort. Whatever the codec, the result must be mostly printable.

    Args:
        data: the raw bytes.
        doc_id: the document, for error messages.

    Returns:
        The text.

    Raises:
        ReadError: the bytes are binary, empty or cannot be decoded as text.
    """
    text = _decode(data, doc_id=doc_id)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(
            "empty file: it holds no text; check that the right file was given",
            doc_id=doc_id,
            stage=STAGE,
        )
    return text


def _decode(data: bytes, *, doc_id: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _printable_or_fail(data[len(bom) :].decode(codec), doc_id=doc_id)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"starts with a {codec} byte-order mark but is not valid {codec} ({exc}); "
                    "re-save it as UTF-8",
                    doc_id=doc_id,
                    stage=STAGE,
                ) from exc
    if not data.strip():
        raise ReadError(
            "empty file: it holds no text; check that the right file was given",
            doc_id=doc_id,
            stage=STAGE,
        )
    if b"\x00" in data:
        raise _binary(doc_id)
    try:
        return _printable_or_fail(data.decode("utf-8"), doc_id=doc_id)
    except UnicodeDecodeError:
        pass
    western = _decode_western(data)
    if western is not None and _non_ascii_letter_share(western) <= _MAX_NON_ASCII_LETTERS:
        logger.info("%s: not UTF-8; read as Windows-1252/Latin-1", doc_id)
        return _printable_or_fail(western, doc_id=doc_id)
    import charset_normalizer  # a dependency of trafilatura; imported only when needed

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and _printable_share(str(best)) >= _MIN_PRINTABLE:
        logger.info("%s: not UTF-8; detected %s", doc_id, best.encoding)
        return str(best)
    if western is not None:
        return _printable_or_fail(western, doc_id=doc_id)
    raise _binary(doc_id)


def _decode_western(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    return text if _printable_share(text) >= _MIN_PRINTABLE else None


def _non_ascii_letter_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for c in letters if not c.isascii()) / len(letters)


def _printable_share(text: str) -> float:
    if not text:
        return 1.0
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t\f")
    return good / len(text)


def _printable_or_fail(text: str, *, doc_id: str) -> str:
    if _printable_share(text) < _MIN_PRINTABLE:
        raise _binary(doc_id)
    return text


def _binary(doc_id: str) -> ReadError:
    return ReadError(
        "looks like a binary file, not text (NUL bytes or unprintable characters); "
        "give a .txt, .html, .jsonl or .parquet article",
        doc_id=doc_id,
        stage=STAGE,
    )


def _read_bytes(path: Path, *, doc_id: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(
                f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                "raise EVENTWIRE_MAX_BYTES or split the file",
                doc_id=doc_id,
                stage=STAGE,
                where=str(path),
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(
            f"cannot read {path} ({exc.strerror or exc}); check the path and its permissions",
            doc_id=doc_id,
            stage=STAGE,
            where=str(path),
        ) from exc
    if len(data) > max_bytes:
        raise ReadError(
            f"{path} grew past the {max_bytes:,}-byte limit while being read; "
            "raise EVENTWIRE_MAX_BYTES or split the file",
            doc_id=doc_id,
            stage=STAGE,
            where=str(path),
        )
    return data


def _iter_path(
    path: Path, *, published: str | None, max_bytes: int
) -> Iterator[Document | InputError]:
    """Yield each document under ``path``, or the error in its place."""
    if path.is_dir():
        files = folder_files(path)
        if not files:
            logger.warning("%s: no .txt, .html, .jsonl or .parquet files in this folder", path)
        for file in files:
            yield from _iter_file(file, published=published, max_bytes=max_bytes)
        return
    if not path.exists():
        yield ReadError(
            f"{path}: no such file or folder; check the path",
            doc_id=path.stem,
            stage=STAGE,
            where=str(path),
        )
        return
    yield from _iter_file(path, published=published, max_bytes=max_bytes)


def folder_files(folder: Path, *, suffixes: Sequence[str] = FOLDER_SUFFIXES) -> list[Path]:
    """The files under a folder, recursively, that a reader takes, in sorted order.

    Args:
        folder: the folder.
        suffixes: the name endings taken (lower-case, e.g. ``".txt"``, ``".warc.gz"``).

    Returns:
        The files, hidden files and folders skipped.
    """
    endings = tuple(suffixes)
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.name.lower().endswith(endings)
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _iter_file(
    path: Path, *, published: str | None, max_bytes: int
) -> Iterator[Document | InputError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _iter_jsonl(path, published=published, max_bytes=max_bytes)
        return
    if suffix in PARQUET_SUFFIXES:
        yield from _iter_parquet(path, published=published, max_bytes=max_bytes)
        return
    try:
        data = _read_bytes(path, doc_id=path.stem, max_bytes=max_bytes)
        yield file_document(data, path=path, published=published)
    except InputError as exc:
        yield exc


def file_document(data: bytes, *, path: Path, published: str | None) -> Document:
    """One text or HTML file's document, from the file's bytes.

    Args:
        data: the file's bytes.
        path: the file (its stem is the id, its suffix says HTML or text).
        published: the publication date to give the document, or None.

    Returns:
        The document.

    Raises:
        InputError: the bytes are not text, or an HTML page holds no article.
    """
    doc_id = path.stem
    if path.suffix.lower() in HTML_SUFFIXES or _HTML_START.match(data[:512]):
        html = decode_bytes(data, doc_id=doc_id)
        return html_document(html, doc_id=doc_id, published=published)
    text = decode_bytes(data, doc_id=doc_id)
    return Document(id=doc_id, published=published, text=text)


def html_document(
    html: str,
    *,
    doc_id: str,
    published: str | None,
    url: str | None = None,
    title: str | None = None,
) -> Document:
    """Extract the article from an HTML page with trafilatura.

    Args:
        html: the page.
        doc_id: the document id.
        published: the user's publication date; wins over the page's metadata.
        url: the page's address, if known; else the page's canonical URL.
        title: the title, if known; else the page's.

    Returns:
        The document, ``published`` from the user or the page's date metadata (or None).

    Raises:
        ExtractionError: the page has no article text.
    """
    import trafilatura  # heavy; only HTML needs it

    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # metadata only: htmldate's extensive search guesses dates from the page's text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta: dict[str, Any] = {}
    if extracted is not None:
        meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = str(meta.get("text") or "").strip()
    if not text:
        raise ExtractionError(
            "no article text found in this HTML page; save the article page itself, "
            "or give its text as a .txt file",
            doc_id=doc_id,
            stage=STAGE,
        )
    page_date = _date_part(meta.get("date"))
    return Document(
        id=doc_id,
        url=url or _str_or_none(meta.get("url")),
        title=title or _str_or_none(meta.get("title")),
        published=published or page_date,
        text=text,
    )


def _iter_jsonl(
    path: Path, *, published: str | None, max_bytes: int
) -> Iterator[Document | InputError]:
    stem = path.stem
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(
            f"cannot read {path} ({exc.strerror or exc}); check the path and its permissions",
            doc_id=stem,
            stage=STAGE,
            where=str(path),
        )
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            fallback_id = f"{stem}:{number}"
            if len(raw) > max_bytes:
                yield ReadError(
                    f"line is {len(raw):,} bytes, over the {max_bytes:,}-byte limit; "
                    "raise EVENTWIRE_MAX_BYTES",
                    doc_id=fallback_id,
                    stage=STAGE,
                    where=where,
                )
                continue
            try:
                yield jsonl_document(raw, fallback_id=fallback_id, where=where, published=published)
            except InputError as exc:
                if exc.where is None:
                    exc.where = where
                yield exc


def open_parquet(path: Path) -> tuple[Any, list[str]]:
    """Open a Parquet file of articles.

    Args:
        path: the file.

    Returns:
        The ``pyarrow.parquet.ParquetFile`` and the article columns it has.

    Raises:
        ReadError: not a readable Parquet file, or no ``text`` or ``html`` column.
    """
    import pyarrow as pa  # only Parquet input needs it here
    import pyarrow.parquet as pq

    try:
        pfile = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ReadError(
            f"cannot read {path} as Parquet ({exc}); check that it is a Parquet file",
            doc_id=path.stem,
            stage=STAGE,
            where=str(path),
        ) from exc
    columns = [c for c in ARTICLE_COLUMNS if c in pfile.schema_arrow.names]
    if "text" not in columns and "html" not in columns:
        raise ReadError(
            f"{path} has no text or html column; a Parquet file of articles needs "
            '"id", "published" and "text" (or "html") columns',
            doc_id=path.stem,
            stage=STAGE,
            where=str(path),
        )
    return pfile, columns


def _iter_parquet(
    path: Path, *, published: str | None, max_bytes: int
) -> Iterator[Document | InputError]:
    import pyarrow as pa

    try:
        pfile, columns = open_parquet(path)
        number = 0
        for batch in pfile.iter_batches(batch_size=_PARQUET_BATCH, columns=columns):
            for record in batch.to_pylist():
                number += 1
                try:
                    yield record_document(
                        record,
                        fallback_id=f"{path.stem}:{number}",
                        where=f"{path}:row {number}",
                        published=published,
                        max_bytes=max_bytes,
                    )
                except InputError as exc:
                    yield exc
    except InputError as exc:
        yield exc
    except (OSError, pa.ArrowException) as exc:
        yield ReadError(
            f"cannot read {path} as Parquet ({exc}); check that it is a Parquet file",
            doc_id=path.stem,
            stage=STAGE,
            where=str(path),
        )


def record_document(
    record: Mapping[str, Any],
    *,
    fallback_id: str,
    where: str,
    published: str | None,
    max_bytes: int,
) -> Document:
    """One row of a Parquet file of articles as a document.

    Args:
        record: the row (``id``, ``published``, ``text`` or ``html``, ``url``, ``title``).
        fallback_id: the id of a row that has none (``<file stem>:<row no>``).
        where: the file and row, for messages.
        published: the user's publication date; wins over the row's.
        max_bytes: the longest ``text`` or ``html`` read.

    Returns:
        The document.

    Raises:
        InputError: the row has no text, a bad date, or too long a text.
    """
    body = record.get("text") or record.get("html")
    size = len(body) if isinstance(body, str) else 0
    if size > max_bytes:
        raise ReadError(
            f"article is {size:,} characters, over the {max_bytes:,}-byte limit; "
            "raise EVENTWIRE_MAX_BYTES",
            doc_id=_str_or_none(record.get("id")) or fallback_id,
            stage=STAGE,
            where=where,
        )
    return article_document(record, fallback_id=fallback_id, where=where, published=published)


def jsonl_document(raw: bytes, *, fallback_id: str, where: str, published: str | None) -> Document:
    """One JSONL line as a document.

    Args:
        raw: the line's bytes.
        fallback_id: the id to use when the record has none (``<file stem>:<line no>``).
        where: the file and line, for messages.
        published: the user's publication date; wins over the record's.

    Returns:
        The document.

    Raises:
        InputError: not a JSON object, no text, or a bad date.
    """
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(
            f"not a JSON object ({exc}); each line must be one JSON article",
            doc_id=fallback_id,
            stage=STAGE,
            where=where,
        ) from exc
    if not isinstance(record, dict):
        raise ReadError(
            f"a JSON {type(record).__name__}, not an object; each line must be "
            '{"id", "url", "title", "published", "text" or "html"}',
            doc_id=fallback_id,
            stage=STAGE,
            where=where,
        )
    return article_document(record, fallback_id=fallback_id, where=where, published=published)


def article_document(
    record: Mapping[str, Any], *, fallback_id: str, where: str, published: str | None
) -> Document:
    """An article record (from JSONL or Parquet) as a document.

    Args:
        record: ``id``, ``url``, ``title``, ``published`` and ``text`` or ``html``.
        fallback_id: the id when the record has none.
        where: the file and line or row, for messages.
        published: the user's publication date; wins over the record's.

    Returns:
        The document; HTML goes through the extractor.

    Raises:
        InputError: no text, or a ``published`` that is not a date.
    """
    doc_id = _str_or_none(record.get("id")) or fallback_id
    url = _str_or_none(record.get("url"))
    title = _str_or_none(record.get("title"))
    own_date = record.get("published")
    record_date = _date_part(own_date)
    if own_date not in (None, "") and record_date is None:
        raise ReadError(
            f'"published" is {own_date!r}, not a YYYY-MM-DD date; fix it or drop the field '
            "and pass --date",
            doc_id=doc_id,
            stage=STAGE,
            where=where,
        )
    date = published or record_date
    text = record.get("text")
    html = record.get("html")
    if isinstance(text, str) and text.strip():
        clean = text.replace("\r\n", "\n").replace("\r", "\n")
        return Document(id=doc_id, url=url, title=title, published=date, text=clean)
    if isinstance(html, str) and html.strip():
        return html_document(html, doc_id=doc_id, published=date, url=url, title=title)
    raise ReadError(
        'no article text: give a non-empty "text" or "html" field',
        doc_id=doc_id,
        stage=STAGE,
        where=where,
    )


def _date_part(value: object) -> str | None:
    """``YYYY-MM-DD`` from a date, a datetime or an ISO timestamp string, else None."""
    if isinstance(value, dt.date):  # a Parquet date or timestamp column
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return match[0]


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class Reader:
    """The read stage: a path in, its documents out.

    Args:
        settings: the run's settings (``max_bytes``).
        vocab: unused; part of the stage signature.
    """

    name = "read"

    def __init__(self, settings: Settings, vocab: object | None = None) -> None:
        self.settings = settings
        self.vocab = vocab

    def __call__(self, path: Path, published: str | None = None) -> list[Document]:
        """Read a file or folder.

        Args:
            path: file or folder.
            published: the user's publication date, ``YYYY-MM-DD``.

        Returns:
            The documents.

        Raises:
            ConfigError: ``published`` is not a valid date.
            InputError: a document cannot be read.
        """
        return read_path(path, published=published, max_bytes=self.settings.max_bytes)
