"""``eventwire bench --relate`` runs end to end and reports what it measured."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from eventwire.cli import app


def test_bench_relate_reports_both_sides_on_the_same_articles() -> None:
    result = CliRunner().invoke(app, ["bench", "--relate", "--n", "3"])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    figures = dict(pair.split("=") for pair in last.split())
    assert set(figures) == {
        "relate_overhead",
        "relate_stage_share",
        "code_articles_per_s",
        "relate_articles_per_s",
        "records",
    }
    assert float(figures["code_articles_per_s"]) > 0
    assert int(figures["records"]) > 0  # the articles name people and things
    assert float(figures["relate_stage_share"]) > 0  # the stage was clocked
    assert re.search(r"code alone\s+:", result.stdout)
    assert "bench --relate: 3 articles" in result.stderr
