"""A local news site for the URL, feed and WARC tests: a real HTTP server on 127.0.0.1.

Started by the ``site`` fixture in ``conftest.py``.

The server runs in a thread on a free port for the test session. Every handler that waits
(a hanging page, a slow drip) watches a stop event, so the server shuts down at once; handler
threads are joined on close, so no socket outlives the session.
"""

from __future__ import annotations

import html
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "examples"
FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
HUGE = 200 * 1024 * 1024
CANONICAL = "https://news.example.org/asia/2021/02/myanmar-army-seizes-power"


def articles() -> dict[str, dict[str, Any]]:
    """The example articles shipped with eventwire, by id."""
    with (EXAMPLES / "articles.jsonl").open(encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, handle)}


def body_paragraphs(text: str) -> list[str]:
    """An article's paragraphs of running text (its header lines left out)."""
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 120]


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    meta: str = "",
    head: str = "",
) -> str:
    """A news page: navigation, the article, a footer."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">{head}
<title>{html.escape(title)} | World News</title>
{meta}
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>
<main><article>
<h1>{html.escape(title)}</h1>
{body}
</article></main>
<footer><p>Copyright World News. All rights reserved.</p></footer>
</body></html>"""


@dataclass(frozen=True)
class Route:
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    location: str | None = None
    special: str | None = None


def feed_bytes(name: str, base: str) -> bytes:
    """A feed fixture with its ``{{BASE}}`` placeholder set to the test site's address."""
    return (FEEDS / name).read_text(encoding="utf-8").replace("{{BASE}}", base).encode()


def _routes(base: str) -> dict[str, Route]:
    arts = articles()
    coup = arts["d01-myanmar-coup"]
    lanka = arts["d02-sri-lanka-crisis"]
    tigray = arts["d03-tigray-peace-deal"]
    ukraine = arts["d04-ukraine-invasion-day"]
    routes = {
        "/article/myanmar-coup": Route(
            body=article_page(
                "Myanmar army seizes power, detains Aung San Suu Kyi",
                body_paragraphs(coup["text"]),
                meta=f"""<meta property="og:title" content="Myanmar army seizes power">
<meta property="article:published_time" content="2021-02-03T08:10:00+06:30">
<link rel="canonical" href="{CANONICAL}">""",
            ).encode()
        ),
        "/article/sri-lanka": Route(
            body=article_page(
                "Sri Lanka's parliament accepts Rajapaksa's resignation",
                body_paragraphs(lanka["text"]),
                meta='<meta property="article:published_time" content="2022-07-16">',
            ).encode()
        ),
        "/article/tigray": Route(
            body=article_page(
                "Ethiopia and Tigray forces sign peace deal", body_paragraphs(tigray["text"])
            ).encode()
        ),
        "/article/ukraine": Route(
            body=article_page(
                "Russia invades Ukraine",
                body_paragraphs(ukraine["text"]),
                meta='<meta name="date" content="2022-02-25">',
            ).encode()
        ),
        "/redirect/1": Route(status=302, location="/redirect/2"),
        "/redirect/2": Route(status=301, location="/redirect/3"),
        "/redirect/3": Route(status=307, location="/article/sri-lanka"),
        "/loop/a": Route(status=302, location="/loop/b"),
        "/loop/b": Route(status=302, location="/loop/a"),
        "/broken": Route(status=500, body=b"<html><body>Internal error</body></html>"),
        "/hang": Route(special="hang"),
        "/slow-hop": Route(special="slow-hop"),
        "/drip": Route(special="drip"),
        "/huge": Route(special="huge"),
        "/huge-unsized": Route(special="huge-unsized"),
        "/photo.png": Route(content_type="image/png", body=PNG),
        "/photo-as-html": Route(body=PNG + bytes(512)),
        "/malformed": Route(
            body=(
                "<html><head><title>Talks in Pretoria</title><body><div><p>"
                + "<p>".join(html.escape(p) for p in body_paragraphs(tigray["text"]))
                + "<div><span>unclosed <b>tags"
            ).encode()
        ),
        "/no-article": Route(
            body=b"<html><head><title>Gallery</title></head><body><div>"
            b"<img src='/photo.png'></div></body></html>"
        ),
        "/windows-1252": Route(
            content_type="text/html; charset=windows-1252",
            body=article_page(
                "Sri Lanka’s “new era”",
                [
                    p + " The speaker called it a “new era” – and a test."
                    for p in body_paragraphs(lanka["text"])[:3]
                ],
            )
            .replace('<meta charset="utf-8">', "")
            .encode("cp1252"),
        ),
        "/feed.rss": Route(
            content_type="application/rss+xml; charset=utf-8",
            body=feed_bytes("world.rss", base),
        ),
        "/feed.atom": Route(content_type="text/xml", body=feed_bytes("asia.atom", base)),
        "/bad-feed": Route(
            content_type="application/rss+xml",
            body=b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken &feed",
        ),
        "/text": Route(
            content_type="text/plain; charset=utf-8",
            body=body_paragraphs(ukraine["text"])[0].encode(),
        ),
    }
    return routes


class Server(ThreadingHTTPServer):
    daemon_threads = False  # joined by server_close(): no thread or socket outlives the tests
    block_on_close = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        host, port = self.server_address[:2]
        self.base = f"http://{host!s}:{port}"
        self.routes = _routes(self.base)
        self.stop = threading.Event()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up early (the size cap, the deadline) are expected."""


class _Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet."""

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self._send(404, "text/html", b"<html><body><h1>Not Found</h1></body></html>")
            return
        try:
            if route.special:
                self._special(route.special)
            elif route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(route.status, route.content_type, route.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _special(self, kind: str) -> None:
        stop = self.server.stop
        self.close_connection = True
        if kind == "hang":
            stop.wait(30)
            return
        if kind == "slow-hop":
            stop.wait(0.7)
            self.send_response(302)
            self.send_header("Location", "/hang")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if kind == "huge":
            self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        if kind == "drip":
            end = time.monotonic() + 30
            self.wfile.write(b"<html><body><p>")
            while time.monotonic() < end and not stop.wait(0.2):
                self.wfile.write(b"x")
                self.wfile.flush()
            return
        chunk = b"<p>" + b"filler " * 9362 + b"</p>\n"
        sent = 0
        while sent < HUGE and not stop.is_set():
            self.wfile.write(chunk)
            sent += len(chunk)


@dataclass(frozen=True)
class Site:
    """The running test site."""

    base: str

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


if __name__ == "__main__":  # `python -m tests.read.newssite 8765`: the site for the README demo
    import sys

    site = Server(int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
    print(f"serving {site.base}/feed.rss", flush=True)
    site.serve_forever()
