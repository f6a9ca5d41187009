"""GET /api/actors, /api/stats and /api/export."""

from __future__ import annotations

import io
import json
import zipfile

from fastapi.testclient import TestClient


def test_actors_with_counts_and_names(client: TestClient) -> None:
    actors = {a["country"]: a for a in client.get("/api/actors").json()["actors"]}
    assert actors["KOR"] == {
        "country": "KOR",
        "events": 4,
        "as_source": 4,
        "as_target": 0,
        "names": ["Yoon Suk-yeol"],
    }
    assert actors["JPN"]["as_target"] == 2
    found = client.get("/api/actors", params={"q": "kishida"}).json()["actors"]
    assert [a["country"] for a in found] == ["JPN"]
    by_prefix = client.get("/api/actors", params={"q": "us"}).json()["actors"]
    assert [a["country"] for a in by_prefix] == ["USA"]


def test_stats_by_day_type_quad_and_dyad(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["events"] == 5
    assert stats["dated"] == {"day": 4, "coarse": 1, "none": 0}
    assert stats["store"]["documents"] == 3
    assert stats["by_day"] == [
        {"date": "2022-03-07", "quad_class": 3, "count": 1},
        {"date": "2022-11-13", "quad_class": 1, "count": 3},
    ]
    assert stats["by_quad"] == [{"quad_class": 1, "count": 3}, {"quad_class": 3, "count": 2}]
    assert stats["by_type"][0] == {"type": "CONSULT", "count": 3, "goldstein": 2.8}
    assert {"source": "KOR", "target": "JPN", "count": 2, "goldstein": 2.8} in stats["dyads"]
    filtered = client.get("/api/stats", params={"actor": "RUS"}).json()
    assert filtered["dyads"] == [{"source": "RUS", "target": "UKR", "count": 1, "goldstein": -2.0}]


def test_export_formats(client: TestClient) -> None:
    csv = client.get("/api/export", params={"format": "csv", "actor": "JPN"})
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("event_id,doc_id,url")
    assert len(lines) == 4
    jsonl = client.get("/api/export", params={"format": "jsonl"})
    assert [json.loads(line)["event_id"] for line in jsonl.text.splitlines()][-1] == "hostile-1:1:5"
    gdelt = client.get("/api/export", params={"format": "gdelt"})
    assert all(len(row.split("\t")) == 61 for row in gdelt.text.splitlines())
    parquet = client.get("/api/export", params={"format": "parquet"})
    names = zipfile.ZipFile(io.BytesIO(parquet.content)).namelist()
    assert "month=2022-11/part-0.parquet" in names
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422
