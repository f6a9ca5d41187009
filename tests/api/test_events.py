"""GET /api/events and /api/events/{id}: filters, paging, sorting, whole records."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.store.records import seed_doc, seed_events


def ids(response: object) -> list[str]:
    return [e["event_id"] for e in response.json()["events"]]  # type: ignore[attr-defined]


def test_unfiltered_page_has_every_event_in_storage_order(client: TestClient) -> None:
    page = client.get("/api/events").json()
    assert page["total"] == 5
    assert (page["limit"], page["offset"], page["sort"]) == (50, 0, "id")
    assert [e["event_id"] for e in page["events"]] == [
        "seed-003:8:9",
        "seed-003:14:2",
        "seed-003:15:20",
        "wire-1:0:16",
        "hostile-1:1:5",
    ]


def test_record_is_the_spec_record_plus_url_and_cluster(client: TestClient) -> None:
    doc = seed_doc()
    expected = seed_events(doc)[1].to_json_dict()
    got = client.get("/api/events/seed-003:14:2").json()
    assert got.pop("url") == doc.url
    assert isinstance(got.pop("cluster_id"), int)
    assert got == expected


def test_filters_combine_like_eventwire_events(client: TestClient) -> None:
    assert ids(client.get("/api/events", params={"actor": "jpn"})) == [
        "seed-003:14:2",
        "seed-003:15:20",
        "wire-1:0:16",
    ]
    assert ids(client.get("/api/events", params={"source_actor": "KOR", "type": "ACCUSE"})) == [
        "seed-003:15:20"
    ]
    assert ids(client.get("/api/events", params={"target_actor": "UKR"})) == ["hostile-1:1:5"]
    assert ids(client.get("/api/events", params={"quad": 3, "since": "2022-11"})) == [
        "seed-003:15:20"
    ]
    assert ids(client.get("/api/events", params={"until": "2022-03-31"})) == ["hostile-1:1:5"]
    assert ids(client.get("/api/events", params={"text": "kishida formal"})) == ["wire-1:0:16"]
    assert ids(client.get("/api/events", params={"doc_id": "wire-1"})) == ["wire-1:0:16"]


def test_paging_and_total(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 5
    assert [e["event_id"] for e in page["events"]] == ["seed-003:15:20", "wire-1:0:16"]
    assert client.get("/api/events", params={"count": "false"}).json()["total"] is None


def test_sorting(client: TestClient) -> None:
    by_goldstein = client.get("/api/events", params={"sort": "goldstein"}).json()["events"]
    assert [e["goldstein"] for e in by_goldstein] == [-2.0, -2.0, 2.8, 2.8, 2.8]
    newest = ids(client.get("/api/events", params={"sort": "-date"}))
    assert newest[0] in ("seed-003:8:9", "seed-003:14:2", "wire-1:0:16")
    assert newest[-1] == "hostile-1:1:5" or newest[-1] == "seed-003:15:20"
    oldest = ids(client.get("/api/events", params={"sort": "date"}))
    assert oldest[0] == "hostile-1:1:5"


def test_unknown_event_is_404_in_the_one_shape(client: TestClient) -> None:
    response = client.get("/api/events/nope:1:2")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"type": "NotFound", "message": "no event 'nope:1:2'", "doc_id": None}
    }


def test_bad_filters_are_422_in_the_one_shape(client: TestClient) -> None:
    for params in (
        {"quad": 5},
        {"limit": 0},
        {"limit": 5000},
        {"offset": -1},
        {"since": "2022-13"},
        {"until": "yesterday"},
        {"sort": "record"},
        {"cluster_id": 2**70},
    ):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422, params
        body = response.json()
        assert set(body) == {"error"}
        assert body["error"]["type"] == "ValidationError"
        assert next(iter(params)) in body["error"]["message"]
