"""Read any mix of sources: files, folders, JSONL, URLs, RSS/Atom feeds and WARC archives.

:func:`iter_sources` looks at each source, hands it to the reader for its kind, and turns every
failure into a ``DocError`` so that one bad source, page or record never stops the others. A
URL is fetched once, then read as a feed or as an article page by what it turned out to be.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx

from eventwire.errors import EventwireError, InputError, ReadError
from eventwire.model import DocError, Document
from eventwire.read.feeds import FEED_SUFFIXES, iter_feed, looks_like_feed
from eventwire.read.files import (
    FOLDER_SUFFIXES,
    JSONL_SUFFIXES,
    PARQUET_SUFFIXES,
    STAGE,
    _read_bytes,
    folder_files,
    iter_documents,
    validate_date,
)
from eventwire.read.url import fetch, is_http_url, make_client, page_document, url_doc_id
from eventwire.read.warc import WARC_SUFFIXES, iter_warc, looks_like_warc
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

SOURCE_SUFFIXES = (*FOLDER_SUFFIXES, ".rss", ".atom", *WARC_SUFFIXES)
_SNIFF_BYTES = 4096


class _LazyClient:
    """The run's HTTP client: the caller's, or one made at the first fetch and closed after."""

    def __init__(self, settings: Settings, client: httpx.Client | None) -> None:
        self._settings = settings
        self._client = client
        self._owned: httpx.Client | None = None

    def get(self) -> httpx.Client:
        if self._client is None:
            self._owned = self._client = make_client(self._settings)
        return self._client

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()


def iter_sources(
    sources: Sequence[str],
    *,
    settings: Settings,
    published: str | None = None,
    client: httpx.Client | None = None,
) -> Iterator[Document | DocError]:
    """Read documents from files, folders, JSONL, URLs, feeds and WARC files.

    A source is a path (a text or HTML file, a JSONL file of articles, a folder searched
    recursively, an ``.rss``/``.atom``/``.xml`` feed, a ``.warc``/``.warc.gz`` archive), a
    ``file://`` URI, or an ``http(s)://`` URL of an article page or a feed. Documents from
    local text and HTML files get the file's ``file://`` URI as their URL (unless an HTML
    page names its own canonical URL), so a changed file read again replaces its old
    version; JSONL records keep their own URL, or None.

    Args:
        sources: what to read, in order.
        settings: limits (``max_bytes`` for files, ``fetch_*`` and ``max_redirects`` for URLs)
            and the User-Agent.
        published: the publication date (``YYYY-MM-DD``) to give every document; wins over
            dates found in the pages and feeds.
        client: the HTTP client to fetch with; by default one is made at the first URL and
            closed when the iteration ends.

    Returns:
        An iterator of documents, with a ``DocError`` (stage ``read``) in place of each
        source, page, entry or record that failed; it never raises past this point.

    Raises:
        ConfigError: ``published`` is not a valid date; raised at call time, before reading.
    """
    checked = validate_date(published)

    def generate() -> Iterator[Document | DocError]:
        http = _LazyClient(settings, client)
        try:
            for source in sources:
                yield from _read_source(source, settings=settings, published=checked, http=http)
        finally:
            http.close()

    return generate()


def _read_source(
    source: str, *, settings: Settings, published: str | None, http: _LazyClient
) -> Iterator[Document | DocError]:
    """One source's documents and errors; the per-source boundary of :func:`iter_sources`."""
    fallback_id = _source_id(source)
    try:
        for item in _iter_source(source, settings=settings, published=published, http=http):
            if isinstance(item, EventwireError):
                yield _doc_error(item, fallback_id=fallback_id)
            else:
                yield item
    except Exception as exc:  # the per-source boundary: a bug must not stop the batch
        logger.debug("unexpected error reading %s", source, exc_info=True)
        yield DocError(
            doc_id=fallback_id,
            stage=STAGE,
            type=type(exc).__name__,
            message=f"{fallback_id}: unexpected {type(exc).__name__} reading {source}: {exc}; "
            "this is a bug in eventwire, please report it with the source",
        )


def _iter_source(
    source: str, *, settings: Settings, published: str | None, http: _LazyClient
) -> Iterator[Document | DocError | InputError]:
    if is_http_url(source):
        yield from _iter_url(source, settings=settings, published=published, http=http)
        return
    scheme = urlsplit(source).scheme.lower()
    if scheme == "file":
        path = Path(url2pathname(urlsplit(source).path))
    elif len(scheme) > 1 and "://" in source:
        yield ReadError(
            f"{source}: {scheme}:// addresses are not supported; give an http(s) URL, "
            "a file:// URI or a path",
            doc_id=_source_id(source),
            stage=STAGE,
        )
        return
    else:
        path = Path(source).expanduser()
    if path.is_dir():
        files = folder_files(path, suffixes=SOURCE_SUFFIXES)
        if not files:
            logger.warning("%s: no readable files in this folder", path)
        for file in files:
            yield from _iter_file(file, settings=settings, published=published, http=http)
        return
    yield from _iter_file(path, settings=settings, published=published, http=http)


def _iter_url(
    url: str, *, settings: Settings, published: str | None, http: _LazyClient
) -> Iterator[Document | InputError]:
    try:
        fetched = fetch(url, client=http.get(), settings=settings)
    except InputError as exc:
        yield exc
        return
    if looks_like_feed(fetched.data, fetched.content_type):
        yield from iter_feed(
            fetched.data,
            source=url,
            base_url=fetched.url,
            charset=fetched.charset,
            get_client=http.get,
            settings=settings,
            published=published,
        )
        return
    try:
        yield page_document(fetched, published=published)
    except InputError as exc:
        yield exc


def _iter_file(
    path: Path, *, settings: Settings, published: str | None, http: _LazyClient
) -> Iterator[Document | DocError | InputError]:
    name = path.name.lower()
    if path.is_file() and looks_like_warc(path):
        yield from iter_warc(path, settings=settings, published=published)
        return
    if path.is_file() and (name.endswith(FEED_SUFFIXES) or _sniff_feed(path)):
        try:
            data = _read_bytes(path, doc_id=path.stem, max_bytes=settings.max_bytes)
        except InputError as exc:
            yield exc
            return
        yield from iter_feed(
            data,
            source=str(path),
            base_url=None,
            get_client=http.get,
            settings=settings,
            published=published,
        )
        return
    keep_url = name.endswith((*JSONL_SUFFIXES, *PARQUET_SUFFIXES))
    uri = path.resolve().as_uri()
    for item in iter_documents([path], published=published, max_bytes=settings.max_bytes):
        if isinstance(item, Document) and not keep_url and item.url is None:
            yield item.model_copy(update={"url": uri})
        else:
            yield item


def _sniff_feed(path: Path) -> bool:
    """Whether a file with no known suffix holds a feed."""
    if path.name.lower().endswith(FOLDER_SUFFIXES):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_feed(head)


def _doc_error(exc: EventwireError, *, fallback_id: str) -> DocError:
    logger.debug("%s", exc)  # the caller reports DocErrors
    return DocError(
        doc_id=exc.doc_id or fallback_id,
        stage=exc.stage or STAGE,
        type=type(exc).__name__,
        message=exc.detail,
    )


def _source_id(source: str) -> str:
    if is_http_url(source):
        return url_doc_id(source)
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return Path(name).stem or name or source
