"""``eventwire people | things | claims`` over articles stored by ``eventwire ingest``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "src" / "eventwire" / "data" / "examples" / "articles.jsonl"
ACROSS = ROOT / "tests" / "fixtures" / "relate" / "across.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "events.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), str(ACROSS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "10 documents: 10 new" in result.stderr
    assert "people and" in result.stderr
    return path


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_people_lists_one_row_per_person_across_articles(db: Path) -> None:
    result = CliRunner().invoke(app, ["people", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    people = _jsonl(result.stdout)
    bidens = [p for p in people if "Biden" in p["name"]]
    assert [(p["name"], p["country"], p["num_documents"]) for p in bidens] == [
        ("Joe Biden", "USA", 4)
    ]
    assert bidens[0]["role"] == "President"
    assert "matching people" in result.stderr


def test_people_id_shows_roles_over_time(db: Path) -> None:
    runner = CliRunner()
    found = _jsonl(
        runner.invoke(
            app, ["people", "--db", str(db), "--name", "taro kono", "--format", "jsonl"]
        ).stdout
    )
    [kono] = found
    result = runner.invoke(app, ["people", "--db", str(db), "--id", str(kono["person_id"])])
    assert result.exit_code == 0, result.output
    assert "Japanese Foreign Minister" in result.stdout
    assert "Japanese Defence Minister" in result.stdout
    assert result.stdout.index("Foreign Minister") < result.stdout.index("Defence Minister")
    missing = runner.invoke(app, ["people", "--db", str(db), "--id", "999999"])
    assert missing.exit_code == 1
    assert "no such person" in missing.stderr


def test_things_filter_by_category_and_party(db: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "things",
            "--db",
            str(db),
            "--category",
            "agreement",
            "--party",
            "kor",
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    things = _jsonl(result.stdout)
    assert things
    assert all(t["category"] == "agreement" and "KOR" in t["parties"] for t in things)
    gsomia = [t for t in things if t["acronym"] == "GSOMIA"]
    assert len(gsomia) == 1  # named in two articles, one thing
    assert gsomia[0]["num_documents"] == 2
    bad = CliRunner().invoke(app, ["things", "--db", str(db), "--category", "treaty"])
    assert bad.exit_code == 2
    assert "--category must be one of" in bad.stderr


def test_claims_by_status(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["claims", "--db", str(db), "--status", "unverified", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    claims = _jsonl(result.stdout)
    assert {c["doc_id"] for c in claims} >= {"claim-2020"}
    assert all(c["status"] == "unverified" for c in claims)
    table = runner.invoke(app, ["claims", "--db", str(db), "--claimant", "rebel"])
    assert "unverified" in table.stdout
    assert "helicopter" in table.stdout
    bad = runner.invoke(app, ["claims", "--db", str(db), "--since", "last week"])
    assert bad.exit_code == 2


def test_ingest_no_relate_stores_no_people(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    result = CliRunner().invoke(app, ["ingest", str(ACROSS), "--db", str(path), "--no-relate"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(app, ["people", "--db", str(path), "--format", "jsonl"])
    assert _jsonl(listed.stdout) == []
    assert "0 of 0 matching people" in listed.stderr


def test_listing_a_missing_database_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["things", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no such database" in result.stderr
