"""Reading the rows of a Ray job the way the single-process readers do (no Ray, no spaCy)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.errors import ConfigError
from eventwire.model import DocError, Document
from eventwire.read import iter_documents
from eventwire.scale import load_output
from eventwire.scale.rows import (
    BATCH_SCHEMA,
    KIND_FILE,
    KIND_JSONL,
    KIND_RECORD,
    RESULT_SCHEMA,
    error_row,
    input_item,
    pack_results,
    unpack_results,
)
from eventwire.store import Store

MAX = 1_000_000


def test_parquet_articles_read_like_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "arts.parquet"
    table = pa.table(
        {
            "id": ["a", None, "c"],
            "published": [dt.date(2022, 11, 13), dt.date(2022, 11, 14), None],
            "text": ["Seoul and Tokyo agreed.", "Kerry met Yun.", None],
            "url": ["https://x.example/a", None, None],
        }
    )
    pq.write_table(table, path)
    items = list(iter_documents([path], published=None, max_bytes=MAX))
    assert items[0] == Document(
        id="a", url="https://x.example/a", published="2022-11-13", text="Seoul and Tokyo agreed."
    )
    assert items[1] == Document(id="arts:2", published="2022-11-14", text="Kerry met Yun.")
    assert isinstance(items[2], DocError)
    assert items[2].doc_id == "c"
    assert "no article text" in items[2].message


def test_parquet_without_a_text_column_is_one_read_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), path)
    (item,) = iter_documents([path], published=None, max_bytes=MAX)
    assert isinstance(item, DocError)
    assert (item.doc_id, item.type) == ("bad", "ReadError")
    assert "no text or html column" in item.message


def test_parquet_in_a_folder_is_read(tmp_path: Path) -> None:
    pq.write_table(pa.table({"id": ["p"], "text": ["Officials met."]}), tmp_path / "x.parquet")
    (tmp_path / "y.txt").write_text("Leaders talked.\n", encoding="utf-8")
    ids = [item.id for item in iter_documents([tmp_path], published=None, max_bytes=MAX)]
    assert ids == ["p", "y"]


def test_input_rows_give_the_documents_of_the_readers(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Seoul and Tokyo agreed.\n", encoding="utf-8")
    doc = input_item(
        {"kind": KIND_FILE, "source": str(text), "index": 0, "payload": text.read_bytes()},
        published="2022-11-13",
        max_bytes=MAX,
    )
    assert doc == Document(
        id="note",
        url=text.resolve().as_uri(),
        published="2022-11-13",
        text="Seoul and Tokyo agreed.\n",
    )
    line = json.dumps({"text": "Kerry met Yun.", "published": "2015-05-18"}).encode()
    doc = input_item(
        {"kind": KIND_JSONL, "source": "/x/feed.jsonl", "index": 4, "payload": line},
        published=None,
        max_bytes=MAX,
    )
    assert doc == Document(id="feed:4", published="2015-05-18", text="Kerry met Yun.")
    record = json.dumps({"id": None, "text": "Talks."}).encode()
    doc = input_item(
        {"kind": KIND_RECORD, "source": "/x/arts.parquet", "index": 7, "payload": record},
        published=None,
        max_bytes=MAX,
    )
    assert doc == Document(id="arts:7", text="Talks.")


def test_a_bad_input_row_is_a_doc_error_not_an_exception() -> None:
    error = input_item(
        {"kind": KIND_JSONL, "source": "/x/feed.jsonl", "index": 2, "payload": b"{oops"},
        published=None,
        max_bytes=MAX,
    )
    assert isinstance(error, DocError)
    assert (error.doc_id, error.stage, error.type) == ("feed:2", "read", "ReadError")
    missing = DocError(doc_id="gone", stage="read", type="ReadError", message="no such file")
    assert input_item(error_row(missing, source="/gone.txt"), published=None, max_bytes=MAX) == (
        missing
    )


def test_a_batch_of_results_travels_as_one_row() -> None:
    def result(doc_id: str, error: str | None = None) -> dict[str, object]:
        row: dict[str, object] = {name: None for name in RESULT_SCHEMA.names}
        row.update(doc_id=doc_id, words=0, n_events=0, records="[]", error_type=error)
        return row

    first = pack_results([result("a"), result("b", "ReadError")])
    second = pack_results([result("c")])
    assert first.schema == BATCH_SCHEMA
    assert first.num_rows == second.num_rows == 1
    rows = unpack_results(pa.concat_tables([first, second]))
    assert rows.schema == RESULT_SCHEMA
    assert rows.to_pylist() == [result("a"), result("b", "ReadError"), result("c")]


def test_load_refuses_a_folder_without_a_manifest(tmp_path: Path) -> None:
    with Store(tmp_path / "ew.db") as store, pytest.raises(ConfigError, match="_manifest"):
        load_output(tmp_path, store=store)
