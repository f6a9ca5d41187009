"""The command line on real files: records on stdout, one clear line per bad document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.clean import normalise
from eventwire.cli import app
from tests.conftest import DEV

pytestmark = pytest.mark.slow

SPEC_FIELDS = {
    "doc_id",
    "event_id",
    "sentence",
    "trigger",
    "type",
    "mode",
    "context",
    "cameo",
    "goldstein",
    "quad_class",
    "source",
    "target",
    "date",
    "date_text",
    "location",
    "negated",
    "modality",
    "attributed_to",
    "confidence",
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_code_prints_spec_records(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "seed-000.txt"
    article.write_bytes((DEV / "seed-000.txt").read_bytes())
    result = runner.invoke(app, ["code", str(article), "--date", "2015-05-28"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records
    assert all(set(r) >= SPEC_FIELDS for r in records)
    assert {r["doc_id"] for r in records} == {"seed-000"}
    # offsets index the document text; the record's text is it after same-length normalisation
    text = normalise(article.read_text(encoding="utf-8"))
    for record in records:
        sent = record["sentence"]
        assert text[sent["start"] : sent["end"]] == sent["text"]
    agree = [r for r in records if r["type"] == "AGREE" and "On Wednesday" in r["sentence"]["text"]]
    assert agree
    assert agree[0]["date"] == "2015-05-27"


def test_bad_files_fail_alone_and_the_batch_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin.txt").write_bytes(
        "Russia attacked Ukraine on Thursday. Café.".encode("latin-1")
    )
    (tmp_path / "utf16.txt").write_text("Russia attacked Ukraine on Thursday.", encoding="utf-16")
    (tmp_path / "nothing.txt").write_text("... --- ... !!!")
    result = runner.invoke(app, ["code", str(tmp_path), "--date", "2022-02-25"])
    assert result.exit_code == 0
    assert "empty" in result.stderr
    assert "binary" in result.stderr
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["doc_id"] for r in records} == {"latin", "utf16"}
    strict = runner.invoke(app, ["code", str(tmp_path), "--date", "2022-02-25", "--strict"])
    assert strict.exit_code == 1


@pytest.mark.parametrize("bad", ["2022-13-45", "yesterday", "13/11/2022"])
def test_nonsense_date_is_a_usage_error(runner: CliRunner, tmp_path: Path, bad: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Russia attacked Ukraine on Thursday.")
    result = runner.invoke(app, ["code", str(article), "--date", bad])
    assert result.exit_code == 2
    assert bad in result.stderr
    assert "Traceback" not in result.output


def test_eval_prints_per_file_and_total(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", str(DEV), "--brief"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("seed-003") for line in lines)
    assert lines[-1].startswith("TOTAL P=")


def test_relate_prints_records_of_every_kind(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "seed-003.txt"
    article.write_bytes((DEV / "seed-003.txt").read_bytes())
    result = runner.invoke(app, ["relate", str(article), "--date", "2022-11-14"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    kinds = {r["kind"] for r in records}
    assert kinds == {"person", "thing", "claim", "quote"}
    assert all(r["doc_id"] == "seed-003" for r in records)
    gsomia = [r for r in records if r["kind"] == "thing" and r.get("acronym") == "GSOMIA"]
    assert gsomia
    assert gsomia[0]["category"] == "agreement"
    text = normalise(article.read_text(encoding="utf-8"))
    for person in (r for r in records if r["kind"] == "person"):
        for m in person["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert "1 documents, 0 failed" in result.stderr


def test_relate_bad_files_fail_alone(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "good.txt").write_text(
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi."
    )
    result = runner.invoke(app, ["relate", str(tmp_path), "--date", "2024-03-01"])
    assert result.exit_code == 0
    assert "empty" in result.stderr
    assert "binary" in result.stderr
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["doc_id"] for r in records} == {"good"}
    assert {r["name"] for r in records if r["kind"] == "person"} == {"William Ruto", "Abiy Ahmed"}
    strict = runner.invoke(app, ["relate", str(tmp_path), "--date", "2024-03-01", "--strict"])
    assert strict.exit_code == 1
    bad_date = runner.invoke(app, ["relate", str(tmp_path), "--date", "2024-02-31"])
    assert bad_date.exit_code == 2
