"""GET /api/documents (list, search), GET /api/documents/{id} with spans, POST /api/documents."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import HOSTILE_TEXT, KEY, StubPipeline
from tests.store.records import SEED, seed_doc

AUTH = {"X-API-Key": KEY}


def test_document_has_text_events_and_spans_that_index_the_text(client: TestClient) -> None:
    doc = client.get("/api/documents/seed-003").json()
    assert doc["text"] == SEED
    assert doc["title"] == seed_doc().title
    assert [e["event_id"] for e in doc["events"]] == [
        "seed-003:8:9",
        "seed-003:14:2",
        "seed-003:15:20",
    ]
    met = doc["events"][1]
    spans = {(s["kind"], SEED[s["start"] : s["end"]], s["label"]) for s in met["spans"]}
    assert ("sentence", met["sentence"]["text"], "CONSULT") in spans
    assert ("trigger", "met", "CONSULT") in spans
    assert ("source", "Yoon", "KOR GOV") in spans
    assert (
        "target",
        "his Japanese counterpart, Prime Minister Kishida Fumio",
        "JPN GOV",
    ) in spans


def test_unknown_document_is_404(client: TestClient) -> None:
    response = client.get("/api/documents/missing")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "type": "NotFound",
        "message": "no document 'missing'",
        "doc_id": "missing",
    }


def test_list_and_search_documents(client: TestClient) -> None:
    listed = client.get("/api/documents").json()
    assert listed["total"] == 3
    assert [(d["doc_id"], d["events"]) for d in listed["documents"]] == [
        ("seed-003", 3),
        ("wire-1", 1),
        ("hostile-1", 1),
    ]
    found = client.get("/api/documents", params={"q": "forced labour"}).json()
    assert found["total"] == 1
    assert found["documents"][0]["doc_id"] == "wire-1"
    assert "forced labour" in found["documents"][0]["snippet"]
    # the words are literal: no wildcard, no operator
    assert client.get("/api/documents", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/documents", params={"q": "_"}).json()["total"] == 0


def test_post_text_codes_stores_and_returns_events(client: TestClient, stub: StubPipeline) -> None:
    body = {
        "id": "new-1",
        "text": "France met Germany in Paris. More text.",
        "published": "2024-05-02",
    }
    response = client.post("/api/documents", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    stored = response.json()
    assert (stored["doc_id"], stored["status"], stored["duplicate_of"]) == ("new-1", "new", None)
    assert [e["event_id"] for e in stored["events"]] == ["new-1:0:0"]
    assert stored["events"][0]["date"] == "2024-05-02"
    # readable at once through the read-only connections
    assert client.get("/api/events/new-1:0:0").status_code == 200
    again = client.post("/api/documents", json=body, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"
    assert stub.calls == 1


def test_post_without_id_derives_one(client: TestClient) -> None:
    response = client.post(
        "/api/documents",
        json={"text": "Spain met Italy."},
        headers={"Authorization": f"Bearer {KEY}"},
    )
    assert response.status_code == 201
    assert response.json()["doc_id"].startswith("api-")


def test_post_html_extracts_the_article(client: TestClient) -> None:
    paragraph = (
        "<p>" + HOSTILE_TEXT.replace("<", "&lt;") + " " + "Talks went on for hours. " * 12 + "</p>"
    )
    page = (
        f"<html><head><title>Talks</title></head><body><article>{paragraph}</article></body></html>"
    )
    response = client.post(
        "/api/documents",
        json={"id": "page-1", "html": page, "published": "2024-01-02"},
        headers=AUTH,
    )
    assert response.status_code == 201, response.text
    text = client.get("/api/documents/page-1").json()["text"]
    assert text.startswith("Officials met in Geneva")
    assert "<script>" in text  # an escaped tag in the page is text in the article


def test_post_bodies_that_are_wrong(client: TestClient) -> None:
    for body in (
        {},
        {"text": "a", "url": "https://example.com/a"},
        {"text": "   "},
        {"url": "file:///etc/passwd"},
        {"text": "x", "published": "2024-02-30"},
        {"text": "x", "id": "../../etc"},
        {"text": "x", "extra": 1},
    ):
        response = client.post("/api/documents", json=body, headers=AUTH)
        assert response.status_code == 422, body
        assert response.json()["error"]["type"] == "ValidationError"
