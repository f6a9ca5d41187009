"""Fuzz every API route from the app's own OpenAPI schema (schemathesis, in-process ASGI).

Generated parameters and bodies, valid (positive) and invalid (negative), must never produce
a 5xx, and every answer must match the schema (status codes, content types, bodies). Writes
are sent with the key (the stub pipeline codes them), except bodies with a ``url``, which
would make the server fetch from the network: those go without the key and must get 401
(or 403, for a key schemathesis made up).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks

from eventwire.api import create_app
from tests.api.conftest import KEY, StubPipeline, make_app

OPERATIONS = [
    (method.upper(), path)
    for path, methods in create_app().openapi()["paths"].items()
    for method in methods
]
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_generated_requests_never_get_a_server_error(
    db: Path, stub: StubPipeline, method: str, path: str, mode: GenerationMode
) -> None:
    app = make_app(db, stub)
    with TestClient(app):  # runs the lifespan: every connection closes at the end
        operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]

        @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
        @settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: schemathesis.Case, data: st.DataObject) -> None:
            headers: dict[str, str] = {}
            fetches = isinstance(case.body, dict) and case.body.get("url") is not None
            if method == "POST" and not fetches:
                headers["X-API-Key"] = KEY
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)
            if method == "POST" and fetches:
                assert response.status_code in (400, 401, 403, 413, 415, 422)

        fuzz()
