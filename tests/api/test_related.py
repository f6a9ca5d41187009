"""GET /api/people, /api/things, /api/claims (and one of each) over a real ingest of the seven
example articles; relate records stored by POST /api/documents; the hostile records as data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.store import Store
from tests.api.conftest import (
    HOSTILE_CLAIMANT,
    HOSTILE_PERSON,
    HOSTILE_QUOTE,
    HOSTILE_THING,
    KEY,
    StubPipeline,
    make_app,
)
from tests.conftest import ROOT

EXAMPLES = ROOT / "src" / "eventwire" / "data" / "examples" / "articles.jsonl"
AUTH = {"X-API-Key": KEY}


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The seven example articles, ingested with the real pipeline (relate on)."""
    from eventwire.ingest import ingest
    from eventwire.read import iter_sources

    db = tmp_path_factory.mktemp("related") / "eventwire.db"
    assert pipeline.settings.relate
    with Store(db) as store:
        summary = ingest(
            iter_sources([str(EXAMPLES)], settings=Settings()), pipeline=pipeline, store=store
        )
    assert summary.failed == 0
    assert summary.people > 20
    return db


@pytest.fixture
def real(examples_db: Path) -> Iterator[TestClient]:
    """A client over the example articles (reads only)."""
    with TestClient(create_app(Settings(), db=examples_db)) as test_client:
        yield test_client


def _get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _one_person(client: TestClient, name: str) -> dict[str, Any]:
    found = _get(client, "/api/people", name=name)
    assert found["total"] == 1, found
    return dict(found["people"][0])


@pytest.mark.slow
def test_joe_biden_is_one_person_across_four_articles(real: TestClient) -> None:
    biden = _one_person(real, "biden")
    assert biden["name"] == "Joe Biden"
    assert (biden["country"], biden["role"], biden["num_documents"]) == ("USA", "President", 4)
    assert "Biden" in biden["aliases"]
    assert biden["num_events"] > 0

    person = _get(real, f"/api/people/{biden['person_id']}")
    assert [d["doc_id"] for d in person["documents"]] == [
        "d01-myanmar-coup",
        "d04-ukraine-invasion-day",
        "seed-003",
        "d05-world-briefs",
    ]
    president = [r for r in person["roles"] if r["role"] == "President"]
    assert len(president) == 1
    assert president[0]["status"] == "current"
    assert (president[0]["first_seen"], president[0]["last_seen"]) == ("2021-02-03", "2024-07-01")
    assert len(president[0]["documents"]) == 4
    assert len(person["events"]) == biden["num_events"]
    for event in person["events"]:
        actors = [a.get("name") or a["text"] for a in event["source"] + event["target"]]
        assert event["attributed_to"] == "Joe Biden" or any("Biden" in a for a in actors), event
    dates = [e["date"] for e in person["events"] if e["date"]]
    assert dates == sorted(dates)
    assert "Putin chose this war," in [q["text"] for q in person["quotes"]]


@pytest.mark.slow
def test_people_filters_and_paging(real: TestClient) -> None:
    everyone = _get(real, "/api/people", limit=1000)
    assert everyone["total"] == len(everyone["people"]) > 20
    counts = [p["num_documents"] for p in everyone["people"]]
    assert counts == sorted(counts, reverse=True)
    # words of the name in any order, case and accents ignored
    kishida = _one_person(real, "kishida fumio")
    assert (kishida["name"], kishida["country"]) == ("Fumio Kishida", "JPN")
    assert _one_person(real, "ANTONIO guterres")["name"] == "António Guterres"
    japanese = _get(real, "/api/people", country="jpn")
    assert japanese["total"] >= 1
    assert {p["country"] for p in japanese["people"]} == {"JPN"}
    assert "Fumio Kishida" in {p["name"] for p in japanese["people"]}
    secretaries = _get(real, "/api/people", role="secretary")
    assert {"Antony Blinken", "John Kerry"} <= {p["name"] for p in secretaries["people"]}
    assert "Joe Biden" not in {p["name"] for p in secretaries["people"]}
    both = _get(real, "/api/people", role="secretary", country="NATO")
    assert [p["name"] for p in both["people"]] == ["Jens Stoltenberg"]
    # paging walks the same order
    first = _get(real, "/api/people", limit=3)
    second = _get(real, "/api/people", limit=3, offset=3)
    assert (first["total"], first["limit"], second["offset"]) == (everyone["total"], 3, 3)
    names = [p["name"] for p in first["people"] + second["people"]]
    assert names == [p["name"] for p in everyone["people"][:6]]
    # a filter is a value, never SQL or a wildcard; a name of no words is no filter
    assert _get(real, "/api/people", name="%")["total"] == everyone["total"]
    assert _get(real, "/api/people", role="%")["total"] == 0
    assert _get(real, "/api/people", name="x' OR 1=1 --")["total"] == 0


@pytest.mark.slow
def test_things_filters_and_one_thing_with_its_lifecycle(real: TestClient) -> None:
    agreements = _get(real, "/api/things", category="agreement")
    assert {t["category"] for t in agreements["things"]} == {"agreement"}
    gsomia = _get(real, "/api/things", name="gsomia")
    assert gsomia["total"] == 1
    summary = gsomia["things"][0]
    assert summary["acronym"] == "GSOMIA"
    assert summary["name"] == "General Security of Military Intelligence Agreement"
    assert summary in agreements["things"]
    assert {"JPN", "KOR"} <= set(summary["parties"])

    thing = _get(real, f"/api/things/{summary['thing_id']}")
    assert {"party": "KOR", "documents": 1} in thing["parties"]
    assert [d["doc_id"] for d in thing["documents"]] == ["seed-003"]
    step = thing["lifecycle"][0]
    assert (step["stage"], step["doc_id"], step["event_id"]) == (
        "extended",
        "seed-003",
        "seed-003:20:27",
    )
    assert "(GSOMIA)" in step["sentence"]

    eu = _get(real, "/api/things", party="eu")
    assert "European Union" in {t["name"] for t in eu["things"]}
    assert all("EU" in t["parties"] for t in eu["things"])
    operations = _get(real, "/api/things", category="operation", party="RUS")
    assert "special military operation" in {t["name"] for t in operations["things"]}
    smo = next(t for t in operations["things"] if t["name"] == "special military operation")
    steps = _get(real, f"/api/things/{smo['thing_id']}")["lifecycle"]
    assert steps
    assert {s["stage"] for s in steps} == {"proposed"}
    assert [s["date"] for s in steps] == sorted(s["date"] for s in steps)


@pytest.mark.slow
def test_claims_filters(real: TestClient) -> None:
    everything = _get(real, "/api/claims", limit=1000)
    assert everything["total"] == len(everything["claims"]) > 10
    unverified = _get(real, "/api/claims", status="unverified")
    assert unverified["total"] == 1
    claim = unverified["claims"][0]
    assert (claim["claimant"], claim["doc_id"], claim["status"]) == (
        "North Korea",
        "seed-000",
        "unverified",
    )
    assert "remain externally unverified" in claim["text"]
    assert {"asserted", "unverified"} == {c["status"] for c in everything["claims"]}

    biden = _get(real, "/api/claims", claimant="biden")
    assert biden["total"] == 3
    assert {c["claimant"] for c in biden["claims"]} == {"Joe Biden"}
    assert {c["doc_id"] for c in _get(real, "/api/claims", about="mmr")["claims"]} == {
        "d01-myanmar-coup"
    }
    ethiopia = _get(real, "/api/claims", country="ETH")["claims"]
    assert ethiopia
    assert {c["claimant_country"] for c in ethiopia} == {"ETH"}
    # dates: the claim's event date, else publication; a year or month covers its days
    old = _get(real, "/api/claims", until="2021")["claims"]
    assert old
    assert all((c["date"] or c["published"]) < "2022" for c in old)
    assert {c["doc_id"] for c in old} == {"seed-000", "d01-myanmar-coup"}
    late = _get(real, "/api/claims", since="2022-11", until="2022-11-30")["claims"]
    assert late
    assert all("2022-11" <= c["date"] <= "2022-11-30" for c in late)
    assert {c["doc_id"] for c in late} == {"seed-003", "d03-tigray-peace-deal"}
    newest = [c["date"] or c["published"] for c in everything["claims"]]
    assert newest == sorted(newest, reverse=True)


def test_missing_records_are_404_in_the_one_shape(client: TestClient) -> None:
    for path, message in (
        ("/api/people/999999", "no person 999999"),
        ("/api/things/999999", "no thing 999999"),
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {
            "error": {"type": "NotFound", "message": message, "doc_id": None}
        }


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/people/abc", {}, "path.person_id"),
        ("/api/people/-1", {}, "path.person_id"),
        ("/api/things/99999999999999999999", {}, "path.thing_id"),
        ("/api/people", {"limit": 0}, "query.limit"),
        ("/api/people", {"name": "x" * 201}, "query.name"),
        ("/api/things", {"category": "treaty"}, "query.category"),
        ("/api/claims", {"status": "true"}, "query.status"),
        ("/api/claims", {"since": "2022-02-30"}, "since"),
        ("/api/claims", {"until": "soon"}, "until"),
    ],
)
def test_bad_parameters_are_422_in_the_one_shape(
    client: TestClient, path: str, params: dict[str, Any], field: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["type"] == "ValidationError"
    assert error["message"].startswith(field)
    assert set(error) == {"type", "message", "doc_id"}


def test_hostile_records_come_back_as_data(client: TestClient) -> None:
    person = client.get("/api/people", params={"name": "petrov ivan"}).json()["people"]
    assert [p["name"] for p in person] == [HOSTILE_PERSON]
    full = client.get(f"/api/people/{person[0]['person_id']}").json()
    assert [q["text"] for q in full["quotes"]] == [HOSTILE_QUOTE]
    thing = client.get("/api/things", params={"category": "agreement"}).json()["things"]
    assert [t["name"] for t in thing] == [HOSTILE_THING]
    claims = client.get("/api/claims", params={"status": "denied"}).json()
    assert [c["claimant"] for c in claims["claims"]] == [HOSTILE_CLAIMANT]


def test_post_stores_what_relate_finds(client: TestClient) -> None:
    body = {
        "id": "rel-1",
        "text": "Marianne Dupont met Germany in Paris.",
        "published": "2024-05-02",
    }
    assert client.post("/api/documents", json=body, headers=AUTH).status_code == 201
    found = client.get("/api/people", params={"name": "dupont"}).json()
    assert found["total"] == 1
    person = found["people"][0]
    assert (person["name"], person["country"], person["role"]) == (
        "Marianne Dupont",
        "FRA",
        "envoy",
    )
    detail = client.get(f"/api/people/{person['person_id']}").json()
    assert [d["doc_id"] for d in detail["documents"]] == ["rel-1"]


def test_post_stores_no_relate_records_when_relate_is_off(db: Path, stub: StubPipeline) -> None:
    with TestClient(make_app(db, stub, relate=False)) as client:
        body = {"id": "rel-2", "text": "Marianne Dupont met Germany in Paris."}
        response = client.post("/api/documents", json=body, headers=AUTH)
        assert response.status_code == 201
        assert [e["event_id"] for e in response.json()["events"]] == ["rel-2:0:0"]
        assert client.get("/api/people", params={"name": "dupont"}).json()["total"] == 0
