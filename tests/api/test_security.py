"""Keys, body size, content types, malformed JSON, SQL-looking values, headers, one shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import KEY, StubPipeline, make_app

DOC = {"id": "k-1", "text": "France met Germany."}


def assert_shape(response: object, status: int, type_: str) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"type", "message", "doc_id"}
    assert body["error"]["type"] == type_
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_write_without_key_is_401(client: TestClient) -> None:
    response = client.post("/api/documents", json=DOC)
    assert_shape(response, 401, "Unauthorized")
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "headers",
    [{"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"X-API-Key": KEY + "x"}],
)
def test_write_with_wrong_key_is_403(client: TestClient, headers: dict[str, str]) -> None:
    assert_shape(client.post("/api/documents", json=DOC, headers=headers), 403, "Forbidden")
    assert client.get("/api/documents/k-1").status_code == 404  # nothing was written


def test_writes_are_off_without_a_configured_key(db: Path, stub: StubPipeline) -> None:
    with TestClient(make_app(db, stub, api_key=None)) as client:
        error = assert_shape(
            client.post("/api/documents", json=DOC, headers={"X-API-Key": "anything"}),
            403,
            "Forbidden",
        )
    assert "disabled" in str(error["message"])
    assert stub.calls == 0


def test_reads_can_require_the_key(db: Path, stub: StubPipeline) -> None:
    with TestClient(make_app(db, stub, require_key_for_reads=True)) as client:
        assert_shape(client.get("/api/events"), 401, "Unauthorized")
        assert_shape(client.get("/api/events", headers={"X-API-Key": "no"}), 403, "Forbidden")
        page = client.get("/", headers={"Accept": "text/html"})
        assert page.status_code == 401
        assert page.headers["www-authenticate"].startswith("Basic")
        assert client.get("/api/events", headers={"X-API-Key": KEY}).status_code == 200
        assert client.get("/", auth=("me", KEY)).status_code == 200


def test_body_too_large_is_413(db: Path, stub: StubPipeline) -> None:
    with TestClient(make_app(db, stub, max_body_bytes=1000)) as client:
        big = {"id": "big", "text": "word " * 1000}
        assert_shape(
            client.post("/api/documents", json=big, headers={"X-API-Key": KEY}),
            413,
            "ContentTooLarge",
        )

        def chunks() -> object:  # no Content-Length: the limit holds while it streams
            for _ in range(10):
                yield b"x" * 500

        streamed = client.post(
            "/api/documents",
            content=chunks(),  # type: ignore[arg-type]
            headers={"X-API-Key": KEY, "Content-Type": "application/json"},
        )
        assert_shape(streamed, 413, "ContentTooLarge")
    assert stub.calls == 0


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", "text/html"])
def test_wrong_content_type_is_415(client: TestClient, ctype: str) -> None:
    response = client.post(
        "/api/documents",
        content=b'{"text": "France met Germany."}',
        headers={"X-API-Key": KEY, "Content-Type": ctype},
    )
    assert_shape(response, 415, "UnsupportedMediaType")


@pytest.mark.parametrize("raw", [b"{", b'{"text": "a",}', b"\xff\xfe", b'{"text": "a"} trailing'])
def test_malformed_json_is_400(client: TestClient, raw: bytes) -> None:
    response = client.post(
        "/api/documents",
        content=raw,
        headers={"X-API-Key": KEY, "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    error = assert_shape(response, response.status_code, response.json()["error"]["type"])
    assert "Traceback" not in str(error["message"])


@pytest.mark.parametrize(
    "value",
    [
        "KOR' OR '1'='1",
        "KOR; DROP TABLE events; --",
        '" OR 1=1 --',
        "KOR) UNION SELECT record FROM events --",
        "*",
        "NEAR(a b)",
    ],
)
def test_sql_looking_filters_are_just_values(client: TestClient, value: str) -> None:
    for name in ("actor", "source_actor", "type", "doc_id", "text"):
        response = client.get("/api/events", params={name: value})
        assert response.status_code == 200, (name, value, response.text)
        assert response.json()["total"] == 0, (name, value)
    assert client.get("/api/documents", params={"q": value}).json()["total"] == 0
    assert client.get("/api/actors", params={"q": value}).json()["actors"] == []
    assert client.get("/api/events").json()["total"] == 5  # and the table is still there


def test_unknown_routes_and_methods_use_the_one_shape(client: TestClient) -> None:
    assert_shape(client.get("/api/nothing"), 404, "NotFound")
    assert_shape(client.delete("/api/events"), 405, "MethodNotAllowed")


def test_missing_database_is_503_with_what_to_do(tmp_path: Path, stub: StubPipeline) -> None:
    with TestClient(make_app(tmp_path / "none.db", stub)) as client:
        error = assert_shape(client.get("/api/events"), 503, "StoreError")
    assert "eventwire ingest" in str(error["message"])


def test_every_response_carries_the_browser_headers(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/app.css"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
