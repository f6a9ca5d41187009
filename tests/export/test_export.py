"""Exports: CSV, JSONL, hive-partitioned Parquet and GDELT 2.0 TSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from eventwire.errors import StoreError
from eventwire.export import ExportSummary, export_events
from eventwire.export.to_csv import CSV_COLUMNS
from eventwire.export.to_gdelt import GDELT_COLUMNS
from eventwire.store import EventQuery, Store
from tests.store.records import seed_doc, seed_events, wire_doc, wire_events


@pytest.fixture
def filled(store: Store) -> Store:
    doc, wire = seed_doc(), wire_doc()
    store.put(doc, seed_events(doc))
    store.put(wire, wire_events(wire))
    return store


def test_jsonl_is_the_record_plus_url_and_cluster(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    summary = export_events(filled, fmt="jsonl", out=out)
    assert summary == ExportSummary(rows=4, files=(out,))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    doc = seed_doc()
    expected = seed_events(doc)[0].to_json_dict()
    assert lines[0] == {**expected, "url": doc.url, "cluster_id": lines[0]["cluster_id"]}


def test_csv_columns_and_flattened_actors(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    summary = export_events(filled, fmt="csv", out=out, query=EventQuery(type="ACCUSE"))
    assert summary.rows == 1
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    row = rows[0]
    assert row["source_countries"] == "KOR;JPN"
    assert row["source_names"] == "Yoon Suk-yeol;Kishida Fumio"
    assert row["target_countries"] == "PRK"
    assert row["target_names"] == "North Korean"
    assert (row["cameo"], row["goldstein"], row["quad_class"]) == ("111", "-2.0", "3")
    assert (row["date"], row["date_text"], row["location_name"]) == ("2022-11", "", "")
    assert row["negated"] == "false"
    assert row["sentence_text"].startswith("During the 45-minute summit")


def test_parquet_partitions_by_month_and_reads_back(filled: Store, tmp_path: Path) -> None:
    doc = seed_doc(
        doc_id="undated", url="https://undated.example/a", text="Officials met again. " * 5
    )
    (event,) = seed_events(seed_doc())[:1]
    filled.put(
        doc,
        [event.model_copy(update={"doc_id": "undated", "event_id": "undated:0:0", "date": None})],
    )
    out = tmp_path / "parquet"
    summary = export_events(filled, fmt="parquet", out=out)
    assert summary.rows == 5
    assert sorted(p.relative_to(out).as_posix() for p in summary.files) == [
        "month=2022-11/part-0.parquet",
        "month=unknown/part-0.parquet",
    ]
    table = ds.dataset(out, partitioning="hive").to_table()
    assert table.num_rows == 5
    records = sorted(table.to_pylist(), key=lambda r: r["event_id"])
    accuse = next(r for r in records if r["type"] == "ACCUSE")
    assert accuse["month"] == "2022-11"
    assert [a["country"] for a in accuse["source"]] == ["KOR", "JPN"]
    assert accuse["source"][0] == {
        "text": "Yoon",
        "country": "KOR",
        "sector": "GOV",
        "name": "Yoon Suk-yeol",
        "role": "President",
    }
    assert accuse["location"] is None
    assert accuse["context"] == ["military"]
    undated = next(r for r in records if r["event_id"] == "undated:0:0")
    assert undated["month"] == "unknown"
    assert undated["date"] is None
    nov = ds.dataset(out, partitioning="hive").to_table(filter=ds.field("month") == "2022-11")
    assert nov.num_rows == 4


def test_parquet_refuses_a_used_folder(filled: Store, tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not an empty folder"):
        export_events(filled, fmt="parquet", out=tmp_path)


def test_gdelt_has_61_columns_in_codebook_order(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    summary = export_events(filled, fmt="gdelt", out=out)
    lines = out.read_text(encoding="utf-8").splitlines()
    # One row per cluster: the wire report joined the seed's Yoon-Kishida meeting.
    assert summary.rows == len(lines) == 3
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 61 for row in rows)
    assert len(GDELT_COLUMNS) == 61
    assert not lines[0].startswith("GlobalEventID")  # no header, as in GDELT files
    kishida = rows[1]
    # 1-based GDELT codebook positions.
    assert kishida[0] == str(next(filled.events(EventQuery(target_actor="JPN")))["cluster_id"])
    assert kishida[1:5] == ["20221113", "202211", "2022", "2022.9397"]
    assert kishida[5:9] == ["KORGOV", "YOON SUK-YEOL", "KOR", ""]
    assert kishida[12] == "GOV"
    assert kishida[15:18] == ["JPNGOV", "KISHIDA FUMIO", "JPN"]
    assert kishida[26:31] == ["043", "043", "04", "1", "2.8"]  # EventCode .. GoldsteinScale
    assert kishida[31:34] == ["2", "2", "2"]  # NumMentions, NumSources, NumArticles
    assert kishida[51:58] == ["4", "Phnom Penh, KHM", "KHM", "", "", "11.56", "104.92"]
    assert len(kishida[59]) == 14
    assert kishida[59].isdigit()
    assert kishida[60] == seed_doc().url
    accuse = rows[2]
    assert accuse[1:4] == ["", "202211", "2022"]  # month precision: no Day
    assert accuse[26:31] == ["111", "111", "11", "3", "-2.0"]
    assert accuse[51:59] == [""] * 8


def test_gdelt_organisation_is_a_known_group(store: Store, tmp_path: Path) -> None:
    from eventwire.model import Actor

    doc = seed_doc()
    (event,) = seed_events(doc)[:1]
    un = Actor(text="the United Nations", country="UNO", sector="IGO", name="United Nations")
    store.put(doc, [event.model_copy(update={"target": [un]})])
    out = tmp_path / "g.tsv"
    export_events(store, fmt="gdelt", out=out)
    row = out.read_text(encoding="utf-8").rstrip("\n").split("\t")
    assert row[15:19] == ["UNOIGO", "UNITED NATIONS", "", "UNO"]


def test_unknown_format(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        export_events(filled, fmt="xml", out=tmp_path / "x")  # type: ignore[arg-type]
