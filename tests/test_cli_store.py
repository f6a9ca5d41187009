"""``eventwire ingest | events | export`` end to end: the sample articles and a feed served on
127.0.0.1 into a database, queried and exported in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export.to_csv import CSV_COLUMNS
from eventwire.store import Store
from tests.conftest import ROOT
from tests.read.newssite import Site

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "src" / "eventwire" / "data" / "examples" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles ingested once through the CLI."""
    path = tmp_path_factory.mktemp("db") / "events.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "7 documents: 7 new, 0 replaced, 0 unchanged, 0 duplicate, 0 failed" in result.stderr
    return path


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_ingest_again_changes_nothing(db: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "7 unchanged" in result.stderr
    assert "0 events added" in result.stderr


def test_events_filters_by_actor_type_quad_and_date(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["events", "--db", str(db), "--actor", "rus", "--format", "jsonl", "--limit", "500"]
    )
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert records
    for record in records:
        sides = record["source"] + record["target"]
        assert "RUS" in {a["country"] for a in sides}
    result = runner.invoke(
        app,
        ["events", "--db", str(db), "--quad", "4", "--since", "2022-02-01", "--format", "jsonl"],
    )
    records = _jsonl(result.stdout)
    assert records
    assert all(r["quad_class"] == 4 for r in records)
    assert all(r["date"] is None or r["date"][:7] >= "2022-02" for r in records)
    result = runner.invoke(
        app, ["events", "--db", str(db), "--type", "sanction", "--format", "jsonl"]
    )
    assert {r["type"] for r in _jsonl(result.stdout)} == {"SANCTION"}


def test_events_text_search_and_formats(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["events", "--db", str(db), "--text", "sanctions", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert rows
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS  # the columns of `export --format csv`
    assert all("sanction" in row["sentence_text"].lower() for row in rows)
    table = runner.invoke(app, ["events", "--db", str(db), "--limit", "5"])
    assert table.exit_code == 0
    assert "matching events" in table.stderr


def test_events_usage_errors(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2
    assert "no such database" in missing.stderr
    bad_date = runner.invoke(app, ["events", "--db", str(db), "--since", "yesterday-ish"])
    assert bad_date.exit_code == 2
    bad_quad = runner.invoke(app, ["events", "--db", str(db), "--quad", "7"])
    assert bad_quad.exit_code == 2


def test_export_every_format(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    total = len(
        _jsonl(
            runner.invoke(
                app, ["events", "--db", str(db), "--format", "jsonl", "--limit", "100000"]
            ).stdout
        )
    )
    assert total > 20
    jsonl = tmp_path / "events.jsonl"
    assert (
        runner.invoke(
            app, ["export", "--db", str(db), "--format", "jsonl", "--out", str(jsonl)]
        ).exit_code
        == 0
    )
    assert len(_jsonl(jsonl.read_text(encoding="utf-8"))) == total
    out_csv = tmp_path / "events.csv"
    assert (
        runner.invoke(
            app, ["export", "--db", str(db), "--format", "csv", "--out", str(out_csv)]
        ).exit_code
        == 0
    )
    with out_csv.open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == total
    parquet = tmp_path / "parquet"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "parquet", "--out", str(parquet)]
    )
    assert result.exit_code == 0, result.output
    table = ds.dataset(parquet, partitioning="hive").to_table()
    assert table.num_rows == total
    assert any(p.name.startswith("month=2022-") for p in parquet.iterdir())
    gdelt = tmp_path / "events.gdelt.tsv"
    assert (
        runner.invoke(
            app, ["export", "--db", str(db), "--format", "gdelt", "--out", str(gdelt)]
        ).exit_code
        == 0
    )
    rows = gdelt.read_text(encoding="utf-8").splitlines()
    # GDELT's event table has one row per event, its mentions counted: one row per cluster
    with Store(db, readonly=True) as store:
        assert len(rows) == store.stats()["clusters"] < total
    assert all(len(row.split("\t")) == 61 for row in rows)


def test_ingest_a_feed_served_locally(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", site.url("/feed.rss"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    # two articles stored; the entry whose page is gone is recorded, the batch went on
    assert "2 new" in result.stderr
    assert "1 failed" in result.stderr
    assert "taken-down" in result.stderr
    strict = runner.invoke(app, ["ingest", site.url("/feed.rss"), "--db", str(db), "--strict"])
    assert strict.exit_code == 1
    assert "2 unchanged" in strict.stderr
    events = _jsonl(
        runner.invoke(
            app, ["events", "--db", str(db), "--format", "jsonl", "--actor", "LKA"]
        ).stdout
    )
    assert events
    assert all(e["url"].startswith(site.base) for e in events)
