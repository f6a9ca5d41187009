"""Reading WARC archives built here with warcio: HTML responses become articles, other records
are skipped, and a damaged archive gives one error after the pages before the damage."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.model import DocError, Document
from eventwire.read import iter_sources, url_doc_id
from eventwire.settings import Settings

from .newssite import PNG, article_page, articles, body_paragraphs

COUP_URL = "https://news.example.org/asia/2021/02/03/myanmar-coup"
TIGRAY_URL = "https://news.example.org/africa/2022/11/03/tigray-peace-deal"


def _records() -> list[tuple[str, str, str, bytes]]:
    arts = articles()
    coup = article_page(
        "Myanmar army seizes power",
        body_paragraphs(arts["d01-myanmar-coup"]["text"]),
        meta='<meta property="article:published_time" content="2021-02-03T08:10:00+06:30">',
    ).encode()
    tigray = article_page(
        "Ethiopia and Tigray sign peace deal",
        body_paragraphs(arts["d03-tigray-peace-deal"]["text"]),
    ).encode("utf-8")
    return [
        ("request", COUP_URL, "", b""),
        ("response", COUP_URL, "text/html; charset=utf-8", coup),
        ("response", "https://news.example.org/img/soldiers.png", "image/png", PNG),
        ("response", "https://news.example.org/gone", "text/html", b"<html>gone</html>"),
        ("response", TIGRAY_URL, "text/html; charset=utf-8", tigray),
    ]


def write_warc(path: Path, *, gzip: bool = True) -> list[tuple[int, int]]:
    """Write the test archive; return each record's (offset, length) in the file."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for kind, uri, content_type, body in _records():
            if kind == "request":
                http = StatusAndHeaders("GET /asia HTTP/1.1", [("Host", "news.example.org")])
            else:
                status = "404 Not Found" if uri.endswith("/gone") else "200 OK"
                headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
                http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, kind, payload=io.BytesIO(body), length=len(body), http_headers=http
            )
            writer.write_record(record)
    offsets = []
    with path.open("rb") as handle:
        archive = ArchiveIterator(handle)
        for record in archive:
            record.content_stream().read()
            offsets.append((archive.get_record_offset(), archive.get_record_length()))
    return offsets


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    items = list(iter_sources([str(path)], settings=Settings()))
    assert [type(item).__name__ for item in items] == ["Document", "Document"]
    coup, tigray = items
    assert isinstance(coup, Document)
    assert isinstance(tigray, Document)
    assert coup.url == COUP_URL
    assert coup.id == url_doc_id(COUP_URL)
    assert coup.title == "Myanmar army seizes power"
    assert coup.published == "2021-02-03"
    assert "Soldiers detained State Counsellor Aung San Suu Kyi" in coup.text
    assert tigray.url == TIGRAY_URL
    assert tigray.published is None  # no date in the page; the crawl date is not one
    assert "Redwan Hussien" in tigray.text


def test_users_date_applies_to_warc_pages(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    items = list(iter_sources([str(path)], settings=Settings(), published="2022-11-04"))
    assert {item.published for item in items if isinstance(item, Document)} == {"2022-11-04"}


def test_truncated_warc_gz_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    good = tmp_path / "crawl.warc.gz"
    offsets = write_warc(good)
    offset, length = offsets[4]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good.read_bytes()[: offset + length // 2])
    items = list(iter_sources([str(cut)], settings=Settings()))
    assert [type(item).__name__ for item in items] == ["Document", "DocError"]
    assert isinstance(items[0], Document)
    assert items[0].url == COUP_URL
    error = items[1]
    assert isinstance(error, DocError)
    assert error.type == "ReadError"
    assert error.doc_id == "cut.warc.gz"
    assert f"{cut} is damaged at byte {offset:,} (record 5)" in error.message
    assert "1 page(s) before it were read" in error.message


def test_warc_cut_inside_a_record_body(tmp_path: Path) -> None:
    good = tmp_path / "crawl.warc"
    offsets = write_warc(good, gzip=False)
    offset, length = offsets[1]
    cut = tmp_path / "cut.warc"
    cut.write_bytes(good.read_bytes()[: offset + length - 200])
    [error] = list(iter_sources([str(cut)], settings=Settings()))
    assert isinstance(error, DocError)
    assert f"is damaged at byte {offset:,} (record 2)" in error.message
    assert "the file ends" in error.message


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not an archive\n", encoding="utf-8")
    [error] = list(iter_sources([str(path)], settings=Settings()))
    assert isinstance(error, DocError)
    assert error.type == "ReadError"
    assert f"{path} is not a WARC file (it starts with b'these', not WARC/)" in error.message
