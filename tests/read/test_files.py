"""Reading files, folders and JSONL: decoding, limits, HTML extraction, per-document errors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from eventwire.errors import ConfigError, ExtractionError, ReadError
from eventwire.model import DocError, Document
from eventwire.read import Reader, iter_documents, read_path, validate_date
from eventwire.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
MAX = 1_000_000


def read_one(path: Path, published: str | None = None, max_bytes: int = MAX) -> Document:
    docs = read_path(path, published=published, max_bytes=max_bytes)
    assert len(docs) == 1
    return docs[0]


def test_text_file_id_is_stem_and_text_is_unchanged() -> None:
    path = FIXTURES / "seed-003.txt"
    doc = read_one(path, published="2022-11-14")
    assert doc == Document(
        id="seed-003", published="2022-11-14", text=path.read_text(encoding="utf-8")
    )


@pytest.mark.shared
def test_every_dev_article_reads_as_utf8_text() -> None:
    docs = read_path(DEV, published=None, max_bytes=MAX)
    by_id = {doc.id: doc for doc in docs}
    assert set(by_id) == {p.stem for p in DEV.glob("*.txt")}
    for path in DEV.glob("*.txt"):
        assert by_id[path.stem].text == path.read_text(encoding="utf-8")
        assert by_id[path.stem].published is None


def test_reader_stage(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Seoul and Tokyo agreed.\n", encoding="utf-8")
    reader = Reader(Settings(max_bytes=MAX))
    assert reader.name == "read"
    assert reader(tmp_path / "a.txt", "2022-11-13") == [
        Document(id="a", published="2022-11-13", text="Seoul and Tokyo agreed.\n")
    ]


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_empty_file_is_a_read_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="empty file") as info:
        read_path(path, published=None, max_bytes=MAX)
    assert info.value.doc_id == "blank"
    assert info.value.stage == "read"


def test_binary_file_is_a_read_error(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00")
    with pytest.raises(ReadError, match="binary") as info:
        read_path(path, published=None, max_bytes=MAX)
    assert str(info.value).startswith("photo: ")


def test_binary_without_nul_bytes_is_a_read_error(tmp_path: Path) -> None:
    rng = random.Random(11)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(1, 32) for _ in range(2048)))
    with pytest.raises(ReadError, match="binary"):
        read_path(path, published=None, max_bytes=MAX)


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Café São Paulo\n".encode("latin-1"))
    assert read_one(path).text == "Café São Paulo\n"


def test_cp1252_file_with_curly_quotes(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    text = "“Putin chose this war,” Biden said – in Washington.\n"
    path.write_bytes(text.encode("cp1252"))
    assert read_one(path).text == text


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    text = "Myanmar’s military seized power.\nSoldiers detained Aung San Suu Kyi.\n"
    path.write_bytes(text.encode("utf-16"))  # writes a BOM
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert read_one(path).text == text


def test_utf8_bom_is_stripped_and_crlf_normalised(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfLine one.\r\nLine two.\r\n")
    assert read_one(path).text == "Line one.\nLine two.\n"


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 400)
    with pytest.raises(ReadError, match="over the 1,000-byte limit") as info:
        read_path(path, published=None, max_bytes=1000)
    assert "EVENTWIRE_MAX_BYTES" in str(info.value)
    assert info.value.doc_id == "huge"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "gone.txt", published=None, max_bytes=MAX)


def test_jsonl_bad_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {
        "id": "kyiv-1",
        "url": "https://example.org/kyiv",
        "title": "Russia invades",
        "published": "2022-02-24T05:00:00Z",
        "text": "Russia attacked Ukraine on Thursday.",
    }
    path.write_text('{"id": "broken", "text": \n' + json.dumps(good) + "\n", encoding="utf-8")
    items = list(iter_documents([path], published=None, max_bytes=MAX))
    assert len(items) == 2
    error, doc = items
    assert isinstance(error, DocError)
    assert (error.doc_id, error.stage, error.type) == ("feed:1", "read", "ReadError")
    assert "feed.jsonl:1" in error.message
    assert doc == Document(
        id="kyiv-1",
        url="https://example.org/kyiv",
        title="Russia invades",
        published="2022-02-24",
        text="Russia attacked Ukraine on Thursday.",
    )
    with pytest.raises(ReadError):
        read_path(path, published=None, max_bytes=MAX)


def test_jsonl_records_without_id_text_or_good_date(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        {"text": "No id here."},
        {"id": "x", "title": "nothing"},
        {"id": "y", "published": "last week", "text": "Dated badly."},
        ["not", "an", "object"],
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = list(iter_documents([path], published="2022-11-13", max_bytes=MAX))
    assert items[0] == Document(id="mixed:1", published="2022-11-13", text="No id here.")
    assert [(e.doc_id, e.type) for e in items[1:] if isinstance(e, DocError)] == [
        ("x", "ReadError"),
        ("y", "ReadError"),
        ("mixed:4", "ReadError"),
    ]


def seed_003_html() -> str:
    text = (FIXTURES / "seed-003.txt").read_text(encoding="utf-8")
    after_credit = text.split("Credit: Official White House photo", 1)[1]
    paragraphs = [line for line in after_credit.split("\n") if line.strip()]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    title = "Facing North Korea's Missile Threats, South Korea, US, Japan Reaffirm Joint Commitment"
    return f"""<!DOCTYPE html>
<html><head>
<title>{title}</title>
<meta property="article:published_time" content="2022-11-14T09:00:00Z">
<meta property="og:title" content="Facing North Korea's Missile Threats, South Korea, US, Japan
 Reaffirm Joint Commitment">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/koreas">Navigation Koreas Section</a></li>
<li><a href="/features">Recent Features Navigation</a></li></ul></nav>
<article>
<h1>{title}</h1>
{body}
<div class="newsletter">Get the Koreas Daily newsletter in your inbox. Sign up here.</div>
</article>
<aside><h3>Most Read</h3><ul><li><a href="/x">Unrelated aside story about markets</a></li></ul>
</aside>
</body></html>
"""


def test_html_page_through_trafilatura(tmp_path: Path) -> None:
    path = tmp_path / "seed-003.html"
    path.write_text(seed_003_html(), encoding="utf-8")
    doc = read_one(path)
    assert doc.id == "seed-003"
    assert doc.published == "2022-11-14"
    assert doc.title is not None
    assert doc.title.startswith("Facing North Korea")
    assert "Yoon also met his Japanese counterpart" in doc.text
    assert "Navigation" not in doc.text
    assert "Unrelated aside story" not in doc.text


def test_user_date_wins_over_html_metadata(tmp_path: Path) -> None:
    path = tmp_path / "seed-003.htm"
    path.write_text(seed_003_html(), encoding="utf-8")
    assert read_one(path, published="2022-11-13").published == "2022-11-13"


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "shell.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    with pytest.raises(ExtractionError, match="no article text"):
        read_path(path, published=None, max_bytes=MAX)


def test_folder_with_mixed_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.\n", encoding="utf-8")
    (tmp_path / "a.html").write_text(seed_003_html(), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": "Third."}) + "\n" + json.dumps({"text": "Fourth."}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / ".hidden.txt").write_text("Hidden.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Git.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.TXT").write_text("Fifth.\n", encoding="utf-8")
    (tmp_path / "sub" / "empty.txt").write_text("", encoding="utf-8")
    items = list(iter_documents([tmp_path], published="2022-11-13", max_bytes=MAX))
    ids = [item.id if isinstance(item, Document) else f"error:{item.doc_id}" for item in items]
    assert ids == ["a", "b", "c1", "c:2", "d", "error:empty"]
    assert all(i.published == "2022-11-13" for i in items if isinstance(i, Document))


@pytest.mark.parametrize("bad", ["2022-13-45", "yesterday", "2022-02-30", "13/11/2022", ""])
def test_nonsense_date_is_a_config_error_before_reading(tmp_path: Path, bad: str) -> None:
    missing = tmp_path / "never-read.txt"
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        read_path(missing, published=bad, max_bytes=MAX)
    with pytest.raises(ConfigError):
        iter_documents([missing], published=bad, max_bytes=MAX)  # raised at call time


def test_validate_date_accepts_iso() -> None:
    assert validate_date("2022-11-13") == "2022-11-13"
    assert validate_date(None) is None


def test_jsonl_record_with_html(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    record = {"id": "s3", "url": "https://example.org/s3", "html": seed_003_html()}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc = read_one(path)
    assert (doc.id, doc.url, doc.published) == ("s3", "https://example.org/s3", "2022-11-14")
    assert "Kishida" in doc.text
