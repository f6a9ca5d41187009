"""Read articles from http(s) URLs: a capped, deadline-bound fetch, then trafilatura.

A fetch is one streamed GET through an ``httpx.Client`` that follows redirects (at most
``settings.max_redirects``). It fails with a clear one-line error, never a traceback, when the
server answers an error status, loops, serves a binary type, sends more than
``settings.fetch_max_bytes`` (the read stops as soon as the cap is passed) or takes longer than
``settings.fetch_timeout`` seconds in all. httpx times each network operation on its own, so
each one is given only the time left before the fetch's deadline (redirect hops included), and
the deadline is checked again after every chunk, which a server dripping bytes slowly would
otherwise escape.

The page's title and publication date come from its metadata (``article:published_time``,
JSON-LD and the like, through trafilatura and htmldate); a user's date wins. The document's URL
is the page's canonical URL (``<link rel=canonical>``, ``og:url``) when it has one, else the
final URL after redirects, and its id is derived from that URL (:func:`url_doc_id`).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from eventwire.errors import FetchError, ReadError
from eventwire.model import Document
from eventwire.read.files import STAGE, decode_bytes, html_document
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
BINARY_TYPES = (
    "image/",
    "audio/",
    "video/",
    "font/",
    "application/pdf",
    "application/octet-stream",
    "application/zip",
    "application/gzip",
    "application/x-gzip",
    "application/msword",
    "application/vnd.",
)
_SNIFF_BYTES = 4096
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.I | re.S
)
# the HTML spec's "prescan for a meta charset", reduced to the two forms pages really use
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# WHATWG encoding standard: browsers decode these labels as Windows-1252, and so do pages
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"})
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 48
_MIN_WAIT = 0.001


@dataclass(frozen=True)
class Fetched:
    """A fetched HTTP response body, read within the size cap and the deadline.

    Attributes:
        requested: the URL asked for.
        url: the final URL, after redirects.
        content_type: the media type, lower-case, without parameters ("" when not given).
        charset: the charset from the ``Content-Type`` header, or None.
        data: the body (decompressed).
    """

    requested: str
    url: str
    content_type: str
    charset: str | None
    data: bytes


class _TimeLeft(dict[str, float]):
    """httpx's per-request timeouts, each read as the time left before one deadline.

    httpcore looks up the timeout of every connect, write and read (redirect hops included) in
    this mapping as it goes, so one fetch never outlives ``fetch_timeout`` in all.
    """

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        super().__init__(connect=0.0, read=0.0, write=0.0, pool=0.0)

    def left(self) -> float:
        """Seconds to the deadline (a millisecond at least, so a late call times out)."""
        return max(self.deadline - time.monotonic(), _MIN_WAIT)

    def get(self, key: str, default: Any = None) -> Any:
        """The time left, for every timeout httpcore asks for."""
        return self.left() if key in self else default

    def __getitem__(self, key: str) -> float:
        """The time left (a KeyError for a key that is not a timeout)."""
        super().__getitem__(key)
        return self.left()


def make_client(settings: Settings) -> httpx.Client:
    """Build the HTTP client every fetch of a run shares.

    Args:
        settings: ``max_redirects``, ``fetch_timeout`` and ``user_agent`` are used.

    Returns:
        A client that follows redirects; the caller closes it.
    """
    return httpx.Client(
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": settings.user_agent},
    )


def is_http_url(source: str) -> bool:
    """Whether ``source`` is an ``http://`` or ``https://`` URL."""
    return source[:8].lower().startswith(("http://", "https://"))


def url_doc_id(url: str) -> str:
    """A stable, readable document id for a URL: host, last path segment, hash.

    The hash (8 hex digits of the URL's SHA-1) keeps ids of different URLs apart even when
    their host and slug agree.

    Args:
        url: the address.

    Returns:
        e.g. ``example.com-leaders-meet-in-seoul-1a2b3c4d``.
    """
    digest = hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    try:
        parts = urlsplit(url)
        host, path = (parts.hostname or "").removeprefix("www."), parts.path
    except ValueError:  # not a well-formed URL (a stray "["): its id is still needed
        host, path = "", url
    segments = [s for s in path.split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments else ""
    slug = _SLUG.sub("-", last.lower()).strip("-")[:_SLUG_MAX].strip("-")
    return "-".join(part for part in (host, slug, digest) if part)


def fetch(url: str, *, client: httpx.Client, settings: Settings) -> Fetched:
    """GET a URL within the size cap and the total deadline.

    Args:
        url: an http(s) URL.
        client: the client to fetch with (see :func:`make_client`); redirects are followed
            whatever its default, up to its ``max_redirects``.
        settings: ``fetch_timeout`` (seconds in all, redirects and every read included) and
            ``fetch_max_bytes``.

    Returns:
        The response body and what the headers say about it.

    Raises:
        FetchError: network failure, error status, too many redirects, over the size cap, past
            the deadline, or not a valid URL.
        ReadError: the server sends a binary type (an image, a PDF ...).
    """
    doc_id = url_doc_id(url)
    started = time.monotonic()
    deadline = started + settings.fetch_timeout
    try:
        request = client.build_request("GET", url)
        request.extensions["timeout"] = _TimeLeft(deadline)
        response = client.send(request, stream=True, follow_redirects=True)
        try:
            _check_status(response, url=url, doc_id=doc_id)
            content_type, charset = _content_type(response)
            if content_type.startswith(BINARY_TYPES):
                raise ReadError(
                    f"{url} serves {content_type}, not a web page or a feed; "
                    "give the address of the article's HTML page",
                    doc_id=doc_id,
                    stage=STAGE,
                )
            _check_length(response, url=url, doc_id=doc_id, cap=settings.fetch_max_bytes)
            data = _read_body(
                response, url=url, doc_id=doc_id, settings=settings, deadline=deadline
            )
            final = str(response.url)
        finally:
            response.close()
    except httpx.TooManyRedirects as exc:
        raise FetchError(
            f"{url} redirects more than {client.max_redirects} times (a redirect loop?); "
            "open it in a browser to find the article's own address, "
            "or raise EVENTWIRE_MAX_REDIRECTS",
            doc_id=doc_id,
            stage=STAGE,
        ) from exc
    except httpx.TimeoutException as exc:
        waited = time.monotonic() - started
        raise FetchError(
            f"{url} did not answer in time ({type(exc).__name__} after {waited:.1f} s, limit "
            f"{settings.fetch_timeout:g} s); try again later or raise EVENTWIRE_FETCH_TIMEOUT",
            doc_id=doc_id,
            stage=STAGE,
        ) from exc
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
        raise FetchError(
            f"cannot fetch {url} ({type(exc).__name__}: {exc or 'no detail'}); "
            "check the address and the network",
            doc_id=doc_id,
            stage=STAGE,
        ) from exc
    _check_not_binary(data, url=url, doc_id=doc_id)
    logger.debug(
        "%s: %d bytes of %s in %.2f s",
        url,
        len(data),
        content_type or "?",
        time.monotonic() - started,
    )
    return Fetched(requested=url, url=final, content_type=content_type, charset=charset, data=data)


def read_url(
    url: str,
    *,
    client: httpx.Client,
    settings: Settings,
    published: str | None = None,
    fallback_title: str | None = None,
    fallback_published: str | None = None,
) -> Document:
    """Fetch an article page and extract it.

    Args:
        url: the article's http(s) address.
        client: the client to fetch with (see :func:`make_client`).
        settings: fetch limits.
        published: the user's publication date (``YYYY-MM-DD``); wins over the page's.
        fallback_title: the title to use when the page has none (a feed entry's).
        fallback_published: the date to use when the page has none (a feed entry's).

    Returns:
        The document.

    Raises:
        FetchError: the page cannot be fetched.
        ReadError: the page is binary, empty or not HTML or text.
        ExtractionError: the page has no article text.
    """
    fetched = fetch(url, client=client, settings=settings)
    return page_document(
        fetched,
        published=published,
        fallback_title=fallback_title,
        fallback_published=fallback_published,
    )


def page_document(
    fetched: Fetched,
    *,
    published: str | None = None,
    fallback_title: str | None = None,
    fallback_published: str | None = None,
) -> Document:
    """Turn a fetched page into a document: decode, extract, take URL, title and date.

    Args:
        fetched: the response.
        published: the user's publication date; wins over the page's.
        fallback_title: the title to use when the page has none.
        fallback_published: the date to use when the page has none.

    Returns:
        The document, its id derived from its canonical (else final) URL.

    Raises:
        ReadError: the body is empty, binary, or neither HTML nor plain text.
        ExtractionError: an HTML page with no article text.
    """
    doc_id = url_doc_id(fetched.requested)
    kind = page_kind(fetched.content_type, fetched.data)
    if kind is None:
        raise ReadError(
            f"{fetched.url} serves {fetched.content_type or 'no content type'}, not an HTML page "
            "or a feed; give the address of the article's web page",
            doc_id=doc_id,
            stage=STAGE,
        )
    text = decode_page(fetched.data, charset=fetched.charset, doc_id=doc_id, html=kind == "html")
    if kind == "text":
        doc = Document(id=doc_id, published=published, text=text)
    else:
        doc = html_document(text, doc_id=doc_id, published=published)
    url = _canonical(doc.url, base=fetched.url) or fetched.url
    return doc.model_copy(
        update={
            "id": url_doc_id(url),
            "url": url,
            "title": doc.title or fallback_title,
            "published": doc.published or fallback_published,
        }
    )


def page_kind(content_type: str, data: bytes) -> str | None:
    """Say how to read a page body: ``"html"``, ``"text"``, or None when it is neither.

    Args:
        content_type: the media type from the headers ("" when not given).
        data: the body.

    Returns:
        The kind, from the media type or, when that is missing or generic, the body itself.
    """
    looks_html = _HTML_START.match(data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")) is not None
    if content_type in HTML_TYPES or looks_html:
        return "html"
    if content_type in ("", "text/plain"):
        return "text"
    return None


def decode_page(data: bytes, *, charset: str | None, doc_id: str, html: bool) -> str:
    """Decode a page with its declared charset, else the reader's own detection.

    A byte-order mark wins, then the ``Content-Type`` charset, then (for HTML) a
    ``<meta charset>`` in the page's first bytes, then :func:`decode_bytes`.

    Args:
        data: the body.
        charset: the header's charset, or None.
        doc_id: the document, for error messages.
        html: whether to look for a ``<meta charset>``.

    Returns:
        The text.

    Raises:
        ReadError: empty, binary or undecodable.
    """
    declared = charset
    if declared is None and html:
        match = _META_CHARSET.search(data[:_SNIFF_BYTES])
        declared = match[1].decode("ascii") if match else None
    if declared and not data.startswith(_BOMS):
        codec = "cp1252" if declared.strip().lower() in _AS_CP1252 else declared.strip()
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError) as exc:
            logger.info(
                "%s: declared charset %r does not decode (%s); detecting", doc_id, declared, exc
            )
        else:
            if text.strip():
                return text.replace("\r\n", "\n").replace("\r", "\n")
    return decode_bytes(data, doc_id=doc_id)


def _canonical(found: str | None, *, base: str) -> str | None:
    if not found:
        return None
    try:
        url = urljoin(base, found.strip())
    except ValueError:  # a malformed canonical link is no URL at all
        return None
    return url if is_http_url(url) else None


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    media = header.split(";", 1)[0].strip().lower()
    return media, response.charset_encoding


def _check_status(response: httpx.Response, *, url: str, doc_id: str) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    if status in (404, 410):
        advice = "check the address"
    elif status in (401, 402, 403):
        advice = "the site refuses access (a login or paywall?); save the page and read the file"
    elif status == 429:
        advice = "the site is rate-limiting; wait and try again"
    elif status >= 500:
        advice = "the server failed; try again later"
    else:
        advice = "the server did not send the page; check the address"
    via = f" (redirected to {response.url})" if str(response.url) != url else ""
    raise FetchError(
        f"{url} answered HTTP {status} {response.reason_phrase}{via}; {advice}",
        doc_id=doc_id,
        stage=STAGE,
    )


def _check_length(response: httpx.Response, *, url: str, doc_id: str, cap: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _too_big(url, doc_id=doc_id, cap=cap, detail=f"it announces {int(declared):,} bytes")


def _read_body(
    response: httpx.Response, *, url: str, doc_id: str, settings: Settings, deadline: float
) -> bytes:
    cap = settings.fetch_max_bytes
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise _too_big(url, doc_id=doc_id, cap=cap, detail=f"stopped at {size:,} bytes")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise FetchError(
                f"{url} took more than {settings.fetch_timeout:g} s to send the page "
                f"({size:,} bytes so far); try again later or raise EVENTWIRE_FETCH_TIMEOUT",
                doc_id=doc_id,
                stage=STAGE,
            )
    return b"".join(chunks)


def _too_big(url: str, *, doc_id: str, cap: int, detail: str) -> FetchError:
    return FetchError(
        f"{url} is over the {cap:,}-byte limit ({detail}); it is not an article page, "
        "or raise EVENTWIRE_FETCH_MAX_BYTES",
        doc_id=doc_id,
        stage=STAGE,
    )


def _check_not_binary(data: bytes, *, url: str, doc_id: str) -> None:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(
            f"{url} sent binary data (NUL bytes), not a web page; "
            "give the address of the article's HTML page",
            doc_id=doc_id,
            stage=STAGE,
        )
