"""Reading RSS and Atom feeds, served by the local site or read from files: every entry
becomes an article, one bad entry gives one error, and a broken feed one error naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.model import DocError, Document
from eventwire.read import iter_sources, looks_like_feed, url_doc_id
from eventwire.read.feeds import entry_date
from eventwire.settings import Settings

from .newssite import FEEDS, Site, articles, body_paragraphs, feed_bytes


def test_rss_feed_over_http(site: Site, settings: Settings) -> None:
    items = list(iter_sources([site.url("/feed.rss")], settings=settings))
    assert [type(item).__name__ for item in items] == ["Document", "Document", "DocError"]
    lanka, tigray, gone = items
    assert isinstance(lanka, Document)
    assert isinstance(tigray, Document)
    assert isinstance(gone, DocError)
    # the page's own title and date win over the entry's
    assert lanka.url == site.url("/article/sri-lanka")
    assert lanka.title == "Sri Lanka's parliament accepts Rajapaksa's resignation"
    assert lanka.published == "2022-07-16"
    assert body_paragraphs(articles()["d02-sri-lanka-crisis"]["text"])[3] in lanka.text
    # the Tigray page has no date: the entry's pubDate, in the writer's own time zone
    assert tigray.published == "2022-11-03"
    assert tigray.title == "Ethiopia and Tigray forces sign peace deal"
    assert "Redwan Hussien" in tigray.text
    # the entry that links to a missing page
    assert gone.type == "FetchError"
    assert gone.doc_id == url_doc_id(site.url("/article/taken-down"))
    assert f"{site.url('/article/taken-down')} answered HTTP 404 Not Found" in gone.message
    assert f"({site.url('/feed.rss')}, entry 3)" in gone.message


def test_atom_feed_sniffed_from_its_root_element(site: Site, settings: Settings) -> None:
    items = list(iter_sources([site.url("/feed.atom")], settings=settings))
    assert [type(item).__name__ for item in items] == ["Document", "Document"]
    ukraine, briefs = items
    assert isinstance(ukraine, Document)
    assert isinstance(briefs, Document)
    assert ukraine.url == site.url("/article/ukraine")
    assert ukraine.title == "Russia invades Ukraine"
    assert ukraine.published == "2022-02-25"
    # the entry with no link is read from its content
    assert briefs.url is None
    assert briefs.title == "World briefs: drills, elections and talks"
    assert briefs.published == "2024-07-01"
    first = body_paragraphs(articles()["d05-world-briefs"]["text"])[0]
    assert first in briefs.text
    assert briefs.id.startswith(url_doc_id(site.url("/feed.atom")) + "-")


def test_users_date_wins_over_feed_and_pages(site: Site, settings: Settings) -> None:
    items = list(iter_sources([site.url("/feed.atom")], settings=settings, published="2022-03-01"))
    assert {item.published for item in items if isinstance(item, Document)} == {"2022-03-01"}


def test_malformed_feed_is_one_error_naming_it(site: Site, settings: Settings) -> None:
    [error] = list(iter_sources([site.url("/bad-feed")], settings=settings))
    assert isinstance(error, DocError)
    assert error.type == "ReadError"
    assert f"{site.url('/bad-feed')} is not a readable RSS or Atom feed" in error.message


def test_local_feed_file(site: Site, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_bytes(feed_bytes("world.rss", site.base))
    items = list(iter_sources([str(path)], settings=settings))
    assert [type(item).__name__ for item in items] == ["Document", "Document", "DocError"]
    assert isinstance(items[2], DocError)
    assert f"({path}, entry 3)" in items[2].message


def test_local_feed_found_by_sniffing(site: Site, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "latest"
    path.write_bytes(feed_bytes("asia.atom", site.base))
    items = list(iter_sources([str(path)], settings=settings))
    assert [type(item).__name__ for item in items] == ["Document", "Document"]


def test_local_malformed_feed(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?>\n<rss><channel><title>Broken &feed", encoding="utf-8")
    [error] = list(iter_sources([str(path)], settings=settings))
    assert isinstance(error, DocError)
    assert error.doc_id == "broken"
    assert f"{path} is not a readable RSS or Atom feed" in error.message


def test_entry_with_neither_link_nor_content(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "bare.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>T</title>"
        "<item><title>Only a title</title><guid isPermaLink='false'>a-1</guid></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [error] = list(iter_sources([str(path)], settings=settings))
    assert isinstance(error, DocError)
    assert "entry 1 of" in error.message
    assert "it has no link and no content or summary" in error.message


@pytest.mark.parametrize(
    ("head", "content_type", "expected"),
    [
        (b"<?xml version='1.0'?>\n<!-- hi -->\n<rss version='2.0'>", "", True),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "", True),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", "text/xml", True),
        (b"<!DOCTYPE html><html><body>", "text/html", False),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", "", False),
        (b"anything", "application/rss+xml", True),
    ],
)
def test_looks_like_feed(head: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_feed(head, content_type) is expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("Thu, 03 Nov 2022 23:30:00 -0500", "2022-11-03"),
        ("2024-07-01T08:00:00+09:00", "2024-07-01"),
        ("2024-07-01T23:00:00Z", "2024-07-01"),
        ("sometime last week", None),
    ],
)
def test_entry_date_keeps_the_writers_day(published: str, expected: str | None) -> None:
    assert entry_date({"published": published}) == expected


def test_feed_fixtures_hold_the_placeholder() -> None:
    for name in ("world.rss", "asia.atom"):
        assert "{{BASE}}/article/" in (FEEDS / name).read_text(encoding="utf-8")
