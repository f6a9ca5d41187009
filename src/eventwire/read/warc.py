"""Read web archives: every HTML page a WARC (or WARC.gz) file captured becomes an article.

warcio walks the records. A ``response`` record with a 2xx status and an HTML content type is
read as an article page (its URL is the record's ``WARC-Target-URI``, its date the page's own
metadata, never the crawl date); every other record (requests, metadata, images, redirects)
is skipped. A damaged file gives one error naming the file and the byte offset where the
damage starts, after the records before it have been read.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.errors import InputError, ReadError
from eventwire.model import Document
from eventwire.read.files import STAGE
from eventwire.read.url import HTML_TYPES, Fetched, is_http_url, page_document, url_doc_id
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
_CHUNK = 65_536
_GZIP_MAGIC = b"\x1f\x8b"


def looks_like_warc(path: Path) -> bool:
    """Whether a file is a WARC, by its name or its first bytes.

    Args:
        path: the file.

    Returns:
        True for a ``.warc``/``.warc.gz`` name, or a file starting with ``WARC/``.
    """
    if path.name.lower().endswith(WARC_SUFFIXES):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.startswith(b"WARC/")


def iter_warc(
    path: Path, *, settings: Settings, published: str | None = None
) -> Iterator[Document | InputError]:
    """Read every HTML page captured in a WARC file.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file.
        settings: ``max_bytes`` caps each record's body.
        published: the user's publication date; wins over the pages' metadata.

    Returns:
        An iterator of documents, with the error in place of each page that failed; a
        damaged file ends the iteration with one ``ReadError`` naming the offset.
    """
    from warcio.archiveiterator import ArchiveIterator  # only WARC input needs it
    from warcio.exceptions import ArchiveLoadFailed

    damaged = (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(
            f"cannot read {path} ({exc.strerror or exc}); check the path and its permissions",
            doc_id=path.name,
            stage=STAGE,
        )
        return
    with handle:
        problem = _signature_problem(handle)
        if problem:
            yield ReadError(
                f"{path} is not a WARC file ({problem}); give a .warc or .warc.gz web archive",
                doc_id=path.name,
                stage=STAGE,
            )
            return
        archive = ArchiveIterator(handle)
        records = iter(archive)
        number = 0
        pages = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                if _has_leftover(handle, archive.offset):
                    cut = EOFError("unreadable bytes after the last whole record")
                    yield _damaged(path, cut, offset=archive.offset, number=number + 1, pages=pages)
                break
            except damaged as exc:
                yield _damaged(path, exc, offset=archive.offset, number=number + 1, pages=pages)
                return
            # warcio settles the previous record when asked for the next: offset is this one's
            offset = archive.offset
            number += 1
            try:
                page = _page(record, settings=settings, path=path, offset=offset)
            except damaged as exc:
                yield _damaged(path, exc, offset=offset, number=number, pages=pages)
                return
            except InputError as exc:
                yield exc
                continue
            if page is None:
                continue
            pages += 1
            try:
                yield page_document(page, published=published)
            except InputError as exc:
                exc.where = f"{path}, record {number} at byte {offset:,}"
                yield exc
        if number == 0:
            logger.warning("%s: no WARC records in this file", path)


def _page(record: Any, *, settings: Settings, path: Path, offset: int) -> Fetched | None:
    """The record's HTTP body if it is a 2xx HTML response, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        _drain(record)
        return None
    uri = str(record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    status = str(record.http_headers.get_statuscode() or "")
    header = str(record.http_headers.get_header("Content-Type") or "")
    media = header.split(";", 1)[0].strip().lower()
    if not status.startswith("2") or media not in HTML_TYPES:
        logger.debug("%s: skipping %s (%s %s)", path, uri, status, media or "no type")
        _drain(record)
        return None
    data = record.content_stream().read(settings.max_bytes + 1)
    _drain(record)
    if len(data) > settings.max_bytes:
        raise _too_big(path, uri=uri, offset=offset, cap=settings.max_bytes)
    url = uri if is_http_url(uri) else f"{path.resolve().as_uri()}#{offset}"
    return Fetched(requested=url, url=url, content_type=media, charset=_charset(header), data=data)


def _drain(record: Any) -> None:
    """Read the rest of a record; raise EOFError when the file ends before the record does."""
    # warcio ends a truncated record quietly; its length reader's unread count tells
    while record.raw_stream.read(_CHUNK):
        pass
    missing = int(getattr(record.raw_stream, "limit", 0) or 0)
    if missing > 0:
        raise EOFError(f"the file ends {missing:,} bytes before the record does")


def _signature_problem(handle: BinaryIO) -> str | None:
    """Why the file is not a WARC (its first bytes, decompressed), or None; rewinds it."""
    head = handle.read(2)
    handle.seek(0)
    try:
        if head == _GZIP_MAGIC:
            with gzip.GzipFile(fileobj=handle, mode="rb") as unzipped:
                head = unzipped.read(5)
        else:
            head = handle.read(5)
    except (OSError, EOFError, zlib.error) as exc:
        return f"its gzip data cannot be read: {exc}"
    finally:
        handle.seek(0)
    if head.startswith(b"WARC/"):
        return None
    return f"it starts with {head!r}, not WARC/" if head else "it is empty"


def _has_leftover(handle: BinaryIO, offset: int) -> bool:
    """Whether bytes other than padding follow the last record warcio could read."""
    # warcio stops quietly at a record whose header is cut off; what is left says so
    handle.seek(offset)
    return bool(handle.read(_CHUNK).strip())


def _damaged(path: Path, exc: Exception, *, offset: int, number: int, pages: int) -> ReadError:
    return ReadError(
        f"{path} is damaged at byte {offset:,} (record {number}): "
        f"{type(exc).__name__}: {exc or 'truncated'}; the {pages} page(s) before it were read; "
        "re-download or repair the archive",
        doc_id=path.name,
        stage=STAGE,
    )


def _too_big(path: Path, *, uri: str, offset: int, cap: int) -> InputError:
    return ReadError(
        f"{uri} in {path} (byte {offset:,}) is over the {cap:,}-byte limit; "
        "raise EVENTWIRE_MAX_BYTES if it is a real article",
        doc_id=url_doc_id(uri),
        stage=STAGE,
    )


def _charset(header: str) -> str | None:
    for param in header.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
