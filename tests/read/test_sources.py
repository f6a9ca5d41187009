"""``iter_sources`` over a mix of sources: local files keep a ``file://`` URL, JSONL records their
own, folders are searched for every kind, and each failure is one ``DocError`` in its place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.model import DocError, Document
from eventwire.read import iter_sources
from eventwire.settings import Settings

from .newssite import Site, feed_bytes
from .test_warc import COUP_URL, TIGRAY_URL, write_warc

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def kinds(items: list[Document | DocError]) -> list[str]:
    return [type(item).__name__ for item in items]


def test_text_file_gets_its_file_uri(settings: Settings) -> None:
    path = ARTICLES / "seed-003.txt"
    [doc] = list(iter_sources([str(path)], settings=settings, published="2022-11-14"))
    assert doc == Document(
        id="seed-003",
        url=path.resolve().as_uri(),
        published="2022-11-14",
        text=path.read_text(encoding="utf-8"),
    )


def test_relative_path_and_file_uri_give_the_same_url(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ARTICLES / "d05-world-briefs.txt", tmp_path / "briefs.txt")
    monkeypatch.chdir(tmp_path)
    [by_path] = list(iter_sources(["briefs.txt"], settings=settings))
    [by_uri] = list(iter_sources([(tmp_path / "briefs.txt").as_uri()], settings=settings))
    assert isinstance(by_path, Document)
    assert by_path == by_uri
    assert by_path.url == (tmp_path / "briefs.txt").resolve().as_uri()


def test_jsonl_records_keep_their_own_url(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    records = [
        {"id": "a", "url": "https://example.org/a", "text": "Seoul and Tokyo agreed."},
        {"id": "b", "text": "Kenya recalled its ambassador."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = list(iter_sources([str(path)], settings=settings))
    assert [(d.id, d.url) for d in items if isinstance(d, Document)] == [
        ("a", "https://example.org/a"),
        ("b", None),
    ]


def test_folder_holds_every_kind(site: Site, settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "nested" / ".hidden").mkdir(parents=True)
    shutil.copy(ARTICLES / "seed-003.txt", tmp_path / "seed-003.txt")
    (tmp_path / "nested" / "asia.atom").write_bytes(feed_bytes("asia.atom", site.base))
    write_warc(tmp_path / "nested" / "crawl.warc.gz")
    (tmp_path / "nested" / ".hidden" / "skip.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "nested" / "notes.md").write_text("not an article", encoding="utf-8")
    items = list(iter_sources([str(tmp_path)], settings=settings))
    assert kinds(items) == ["Document"] * 5
    urls = [item.url for item in items if isinstance(item, Document)]
    # sorted paths: nested/asia.atom, nested/crawl.warc.gz, seed-003.txt
    assert urls == [
        site.url("/article/ukraine"),
        None,
        COUP_URL,
        TIGRAY_URL,
        (tmp_path / "seed-003.txt").as_uri(),
    ]


def test_every_failure_is_a_doc_error_and_the_batch_goes_on(
    site: Site, settings: Settings, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources = [
        str(tmp_path / "missing.txt"),
        site.url("/article/sri-lanka"),
        "ftp://example.org/story.txt",
        str(empty),
        site.url("/broken"),
        str(ARTICLES / "seed-003.txt"),
    ]
    items = list(iter_sources(sources, settings=settings))
    assert kinds(items) == ["DocError", "Document", "DocError", "DocError", "DocError", "Document"]
    missing, _, ftp, blank, broken, _ = items
    assert isinstance(missing, DocError)
    assert missing.doc_id == "missing"
    assert "no such file or folder" in missing.message
    assert isinstance(ftp, DocError)
    assert ftp.type == "ReadError"
    assert "ftp:// addresses are not supported" in ftp.message
    assert isinstance(blank, DocError)
    assert "empty file" in blank.message
    assert isinstance(broken, DocError)
    assert broken.type == "FetchError"
    for error in (missing, ftp, blank, broken):
        assert error.stage == "read"
        assert not error.message.startswith(f"{error.doc_id}: ")  # the id is said once


def test_bad_date_fails_before_anything_is_read(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="--date '13/11/2022' is not a date"):
        iter_sources(
            ["https://example.org/never-fetched"], settings=settings, published="13/11/2022"
        )


def test_unexpected_bug_becomes_a_doc_error(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("eventwire.read.sources.iter_warc", explode)
    path = tmp_path / "x.warc"
    path.write_bytes(b"WARC/1.0\r\n")
    items = list(iter_sources([str(path), str(ARTICLES / "seed-003.txt")], settings=settings))
    assert kinds(items) == ["DocError", "Document"]
    assert isinstance(items[0], DocError)
    assert items[0].type == "RuntimeError"
    assert "unexpected RuntimeError reading" in items[0].message
