"""Reading article URLs from a real HTTP server on 127.0.0.1: metadata, redirects, limits,
binary answers, encodings and every kind of failure as one ``DocError``."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from eventwire.errors import FetchError, ReadError
from eventwire.model import DocError, Document
from eventwire.read import fetch, iter_sources, make_client, read_url, url_doc_id
from eventwire.settings import Settings

from .newssite import CANONICAL, Site, articles, body_paragraphs


def read_all(site: Site, path: str, settings: Settings, **kwargs: str) -> list[Document | DocError]:
    return list(iter_sources([site.url(path)], settings=settings, **kwargs))


def read_doc(site: Site, path: str, settings: Settings, **kwargs: str) -> Document:
    items = read_all(site, path, settings, **kwargs)
    assert len(items) == 1
    assert isinstance(items[0], Document), items[0]
    return items[0]


def read_error(site: Site, path: str, settings: Settings) -> DocError:
    items = read_all(site, path, settings)
    assert len(items) == 1
    assert isinstance(items[0], DocError), items[0]
    assert items[0].stage == "read"
    assert "Traceback" not in items[0].message
    assert "\n" not in items[0].message
    return items[0]


def test_article_page_metadata_canonical_url_and_text(site: Site, settings: Settings) -> None:
    doc = read_doc(site, "/article/myanmar-coup", settings)
    assert doc.url == CANONICAL
    assert doc.id == url_doc_id(CANONICAL)
    assert doc.id.startswith("news.example.org-myanmar-army-seizes-power-")
    assert doc.title == "Myanmar army seizes power"
    assert doc.published == "2021-02-03"
    assert "Soldiers detained State Counsellor Aung San Suu Kyi, President Win Myint" in doc.text
    assert "All rights reserved" not in doc.text
    assert "Home" not in doc.text.split("\n")


def test_users_date_wins_over_the_page(site: Site, settings: Settings) -> None:
    doc = read_doc(site, "/article/myanmar-coup", settings, published="2021-02-02")
    assert doc.published == "2021-02-02"


def test_page_without_canonical_keeps_its_own_url(site: Site, settings: Settings) -> None:
    doc = read_doc(site, "/article/sri-lanka", settings)
    assert doc.url == site.url("/article/sri-lanka")
    assert doc.id == url_doc_id(site.url("/article/sri-lanka"))
    assert doc.id.startswith("127.0.0.1-sri-lanka-")
    assert doc.title == "Sri Lanka's parliament accepts Rajapaksa's resignation"
    assert doc.published == "2022-07-16"
    lanka = body_paragraphs(articles()["d02-sri-lanka-crisis"]["text"])
    assert lanka[2] in doc.text


def test_redirect_chain_ends_at_the_final_url(site: Site, settings: Settings) -> None:
    doc = read_doc(site, "/redirect/1", settings)
    assert doc == read_doc(site, "/article/sri-lanka", settings)


def test_redirect_loop(site: Site, settings: Settings) -> None:
    error = read_error(site, "/loop/a", settings)
    assert error.type == "FetchError"
    assert site.url("/loop/a") in error.message
    assert "redirects more than 3 times" in error.message
    assert error.doc_id == url_doc_id(site.url("/loop/a"))


def test_too_many_redirects_for_the_setting(site: Site) -> None:
    strict = Settings(fetch_timeout=1.0, max_redirects=2)
    items = list(iter_sources([site.url("/redirect/1")], settings=strict))
    assert [type(item).__name__ for item in items] == ["DocError"]


@pytest.mark.parametrize(
    ("path", "status", "advice"),
    [
        ("/article/no-such-story", "HTTP 404 Not Found", "check the address"),
        ("/broken", "HTTP 500 Internal Server Error", "try again later"),
    ],
)
def test_error_status(site: Site, settings: Settings, path: str, status: str, advice: str) -> None:
    error = read_error(site, path, settings)
    assert error.type == "FetchError"
    assert f"{site.url(path)} answered {status}" in error.message
    assert advice in error.message


def test_server_that_never_answers_fails_at_the_deadline(site: Site, settings: Settings) -> None:
    started = time.monotonic()
    error = read_error(site, "/hang", settings)
    elapsed = time.monotonic() - started
    assert error.type == "FetchError"
    assert "did not answer in time" in error.message
    assert site.url("/hang") in error.message
    assert 0.8 < elapsed < 3.0


def test_deadline_covers_the_whole_redirect_chain(site: Site, settings: Settings) -> None:
    # 0.7 s to redirect, then a page that never answers: 1 s in all, not 0.7 s + 1 s
    started = time.monotonic()
    error = read_error(site, "/slow-hop", settings)
    elapsed = time.monotonic() - started
    assert error.type == "FetchError"
    assert site.url("/slow-hop") in error.message
    assert 0.9 < elapsed < 1.5


def test_slow_drip_fails_at_the_total_deadline(site: Site, settings: Settings) -> None:
    started = time.monotonic()
    error = read_error(site, "/drip", settings)
    elapsed = time.monotonic() - started
    assert error.type == "FetchError"
    assert "took more than 1 s to send the page" in error.message
    assert 0.9 < elapsed < 3.0


def test_huge_response_announced_is_refused_before_reading(site: Site, settings: Settings) -> None:
    started = time.monotonic()
    error = read_error(site, "/huge", settings)
    assert time.monotonic() - started < 2.0
    assert error.type == "FetchError"
    assert "over the 2,000,000-byte limit (it announces 209,715,200 bytes)" in error.message
    assert "EVENTWIRE_FETCH_MAX_BYTES" in error.message


def test_huge_response_without_length_stops_at_the_cap(site: Site, settings: Settings) -> None:
    started = time.monotonic()
    error = read_error(site, "/huge-unsized", settings)
    assert time.monotonic() - started < 2.0
    assert error.type == "FetchError"
    assert "over the 2,000,000-byte limit (stopped at 2," in error.message


def test_binary_content_type(site: Site, settings: Settings) -> None:
    error = read_error(site, "/photo.png", settings)
    assert error.type == "ReadError"
    assert f"{site.url('/photo.png')} serves image/png, not a web page" in error.message


def test_binary_bytes_served_as_html(site: Site, settings: Settings) -> None:
    error = read_error(site, "/photo-as-html", settings)
    assert error.type == "ReadError"
    assert "binary data (NUL bytes)" in error.message


def test_malformed_html_is_still_extracted(site: Site, settings: Settings) -> None:
    doc = read_doc(site, "/malformed", settings)
    tigray = body_paragraphs(articles()["d03-tigray-peace-deal"]["text"])
    assert tigray[1] in doc.text
    assert doc.title == "Talks in Pretoria"
    assert doc.published is None


def test_page_with_no_article_text(site: Site, settings: Settings) -> None:
    error = read_error(site, "/no-article", settings)
    assert error.type == "ExtractionError"
    assert "no article text" in error.message


def test_windows_1252_declared_in_the_header(site: Site, settings: Settings) -> None:
    doc = read_doc(site, "/windows-1252", settings)
    assert doc.title == "Sri Lanka’s “new era”"
    assert "The speaker called it a “new era” – and a test." in doc.text


def test_plain_text_url(site: Site, settings: Settings) -> None:
    doc = read_doc(site, "/text", settings)
    ukraine = body_paragraphs(articles()["d04-ukraine-invasion-day"]["text"])
    assert doc.text == ukraine[0]
    assert doc.url == site.url("/text")


def test_connection_refused(settings: Settings) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    [error] = list(iter_sources([url], settings=settings))
    assert isinstance(error, DocError)
    assert error.type == "FetchError"
    assert f"cannot fetch {url} (ConnectError" in error.message


@pytest.mark.parametrize("url", ["http://[::1", "http://exa mple.com/a", "https://"])
def test_invalid_url(settings: Settings, url: str) -> None:
    [error] = list(iter_sources([url], settings=settings))
    assert isinstance(error, DocError)
    assert error.type == "FetchError"
    assert f"cannot fetch {url} (" in error.message
    assert "check the address" in error.message


def test_errors_do_not_stop_the_batch(site: Site, settings: Settings) -> None:
    paths = ["/broken", "/article/sri-lanka", "/photo.png", "/article/myanmar-coup"]
    items = list(iter_sources([site.url(p) for p in paths], settings=settings))
    assert [type(item).__name__ for item in items] == ["DocError", "Document"] * 2


def test_callers_client_is_used_and_left_open(site: Site, settings: Settings) -> None:
    seen: list[str] = []
    with httpx.Client(event_hooks={"request": [lambda r: seen.append(str(r.url))]}) as client:
        items = list(iter_sources([site.url("/redirect/1")], settings=settings, client=client))
        assert not client.is_closed
    assert isinstance(items[0], Document)
    assert seen == [site.url(p) for p in ("/redirect/1", "/redirect/2", "/redirect/3")] + [
        site.url("/article/sri-lanka")
    ]


def test_client_sends_the_user_agent(site: Site) -> None:
    settings = Settings(user_agent="eventwire-test/1.0")
    agents: list[str] = []
    with make_client(settings) as client:
        client.event_hooks["request"] = [lambda r: agents.append(r.headers["user-agent"])]
        fetched = fetch(site.url("/article/sri-lanka"), client=client, settings=settings)
    assert agents == ["eventwire-test/1.0"]
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"


def test_read_url_raises_input_errors(site: Site, settings: Settings) -> None:
    with make_client(settings) as client:
        with pytest.raises(FetchError, match="404"):
            read_url(site.url("/article/gone"), client=client, settings=settings)
        with pytest.raises(ReadError, match="image/png"):
            read_url(site.url("/photo.png"), client=client, settings=settings)


def test_url_doc_id_is_stable_readable_and_unique() -> None:
    a = url_doc_id("https://www.example.com/world/2022/11/13/leaders-meet.html")
    assert a == url_doc_id("https://www.example.com/world/2022/11/13/leaders-meet.html")
    assert a.startswith("example.com-leaders-meet-")
    assert len(a.rsplit("-", 1)[1]) == 8
    assert a != url_doc_id("https://www.example.com/asia/2022/11/13/leaders-meet.html")
    assert url_doc_id("https://example.com/").startswith("example.com-")
