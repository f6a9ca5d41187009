"""Read RSS and Atom feeds: every entry becomes an article.

feedparser parses the bytes that we fetched ourselves (with the capped client of
:mod:`eventwire.read.url`) or read from a file, so it never opens a network connection. An
entry's link is fetched and read as an article page, with the entry's title and date used when
the page lacks its own; an entry with no link but HTML content (or a summary) is read from
that. One entry that fails gives one error, and the others go on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from eventwire.errors import InputError, ReadError
from eventwire.model import Document
from eventwire.read.files import STAGE, html_document
from eventwire.read.url import is_http_url, read_url, url_doc_id
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

FEED_SUFFIXES = (".rss", ".atom", ".xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf", b"rdf"})
_SNIFF_BYTES = 4096
# the first element's name, past a BOM, the XML declaration, comments, PIs and a doctype
_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)", re.IGNORECASE | re.DOTALL)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w:.-]*)")


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """Whether a body is an RSS/Atom feed, by its media type or its root element.

    Args:
        data: the body (only its first bytes are looked at).
        content_type: the media type, lower-case, without parameters ("" when unknown).

    Returns:
        True for ``application/rss+xml`` and the like, or an ``<rss>``, ``<feed>`` or
        ``<rdf:RDF>`` root element.
    """
    if content_type in FEED_TYPES:
        return True
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    position = 0
    while match := _PROLOGUE.match(head, position):
        position = match.end()
    root = _ROOT.match(head, position)
    return root is not None and root[1].lower() in FEED_ROOTS


def iter_feed(
    data: bytes,
    *,
    source: str,
    base_url: str | None,
    charset: str | None = None,
    get_client: Callable[[], httpx.Client],
    settings: Settings,
    published: str | None = None,
) -> Iterator[Document | InputError]:
    """Read every entry of a feed.

    Args:
        data: the feed's bytes.
        source: the feed's URL or file, for ids and error messages.
        base_url: the address relative entry links resolve against (the feed's final URL),
            or None for a local file.
        charset: the charset the server declared, or None.
        get_client: gives the HTTP client for entry links (called only when one is needed).
        settings: fetch limits.
        published: the user's publication date; wins over the pages' and the entries'.

    Returns:
        An iterator of documents, with the error in place of each entry that failed; a feed
        that cannot be parsed at all gives one ``ReadError``.
    """
    feed_id = _feed_id(source)
    headers: dict[str, str] = {}
    if base_url:
        headers["content-location"] = base_url
    if charset:
        headers["content-type"] = f"application/xml; charset={charset}"
    parsed = feedparser_parse(data, headers)
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield ReadError(
                f"{source} is not a readable RSS or Atom feed ({problem or 'malformed'}); "
                "check that the address or file is the feed itself",
                doc_id=feed_id,
                stage=STAGE,
            )
        else:
            logger.warning("%s: the feed has no entries", source)
        return
    if parsed.get("bozo"):
        logger.warning(
            "%s: feed is malformed (%s); reading its entries anyway",
            source,
            parsed.get("bozo_exception"),
        )
    for number, entry in enumerate(entries, start=1):
        try:
            yield _entry_document(
                entry,
                number=number,
                source=source,
                feed_id=feed_id,
                get_client=get_client,
                settings=settings,
                published=published,
            )
        except InputError as exc:
            if exc.where is None:
                exc.where = f"{source}, entry {number}"
            yield exc


def feedparser_parse(data: bytes, headers: dict[str, str]) -> Any:
    """Parse feed bytes with feedparser, never letting it open a URL or a file.

    Args:
        data: the feed.
        headers: response headers feedparser uses for base URL and charset.

    Returns:
        feedparser's result (``entries``, ``feed``, ``bozo``, ``bozo_exception``).
    """
    import feedparser  # only feeds need it

    # a stream, not bytes or str: feedparser treats a str as a URL or a file name to open
    return feedparser.parse(io.BytesIO(data), response_headers=headers or None)


def _entry_document(
    entry: Any,
    *,
    number: int,
    source: str,
    feed_id: str,
    get_client: Callable[[], httpx.Client],
    settings: Settings,
    published: str | None,
) -> Document:
    title = _text(entry.get("title"))
    date = entry_date(entry)
    link = _text(entry.get("link"))
    if link and is_http_url(link):
        return read_url(
            link,
            client=get_client(),
            settings=settings,
            published=published,
            fallback_title=title,
            fallback_published=date,
        )
    html = _entry_html(entry)
    key = _text(entry.get("id")) or link or title or str(number)
    doc_id = f"{feed_id}-{hashlib.sha1(key.encode('utf-8'), usedforsecurity=False).hexdigest()[:8]}"
    if html is None:
        reason = f"its link {link!r} is not an http(s) URL" if link else "it has no link"
        raise ReadError(
            f"entry {number} of {source} cannot be read: {reason} and no content or summary; "
            "fix the feed or read the article's URL directly",
            doc_id=doc_id,
            stage=STAGE,
        )
    doc = html_document(html, doc_id=doc_id, published=published, title=title)
    return doc.model_copy(update={"published": doc.published or date})


def entry_date(entry: Any) -> str | None:
    """An entry's publication date, ``YYYY-MM-DD``, as its writer's own clock had it.

    The raw ``published`` string is read (RFC 822 for RSS, RFC 3339 for Atom) so that the
    date stays the local one; feedparser's parsed form, converted to UTC, is the fallback.
    ``updated`` is not a publication date and is not used.

    Args:
        entry: a feedparser entry.

    Returns:
        The date, or None.
    """
    raw = _text(entry.get("published"))
    if raw:
        stamp: dt.datetime | None
        try:
            stamp = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            try:
                stamp = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                stamp = None
        if stamp is not None:
            return stamp.date().isoformat()
    parsed = entry.get("published_parsed")
    if parsed:
        return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _entry_html(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        value = _text(content.get("value"))
        if value:
            return value
    return _text(entry.get("summary"))


def _feed_id(source: str) -> str:
    if is_http_url(source):
        return url_doc_id(source)
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or name


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    return stripped or None
