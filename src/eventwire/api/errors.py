"""The API's one error shape and the one handler that renders it.

Every failure a client can see is ``{"error": {"type", "message", "doc_id"}}`` with a 4xx or
5xx status: our own :class:`ApiError`, eventwire's errors, FastAPI's request validation, a
route or method that does not exist, and (as a 500 without a traceback) anything else. Web
pages get the same fields rendered as an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.errors import ConfigError, EventwireError, InputError, StoreError

logger = logging.getLogger(__name__)

_HTTP_TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    413: "ContentTooLarge",
    415: "UnsupportedMediaType",
    422: "ValidationError",
}


class ApiError(Exception):
    """An error answered to the client with ``status`` in the one error shape.

    Args:
        status: the HTTP status.
        type: a short CamelCase name of what went wrong (``NotFound``, ``Unauthorized``).
        message: what went wrong and what to do about it.
        doc_id: the document concerned, when there is one.
        headers: extra response headers (``WWW-Authenticate``).
    """

    def __init__(
        self,
        status: int,
        type: str,  # noqa: A002 - the field name of the error shape
        message: str,
        *,
        doc_id: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.type = type
        self.message = message
        self.doc_id = doc_id
        self.headers = dict(headers or {})


def error_body(type_: str, message: str, doc_id: str | None = None) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"type": type_, "message": message, "doc_id": doc_id}}


def json_error(
    status: int,
    type_: str,
    message: str,
    doc_id: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A JSON response in the one error shape (also used by the ASGI middleware)."""
    return JSONResponse(
        error_body(type_, message, doc_id), status_code=status, headers=dict(headers or {})
    )


def validation_message(errors: Sequence[Any]) -> str:
    """One line naming each invalid field and why, without echoing the input."""
    parts = []
    for error in errors:
        loc = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"
        msg = str(error.get("msg", "invalid"))
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            return f"malformed JSON at character {loc}: {reason}".rstrip(": ")
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts) or "invalid request"


def classify(exc: Exception) -> ApiError:
    """The :class:`ApiError` (status, type, message) that answers ``exc``."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, RequestValidationError):
        errors = list(exc.errors())
        malformed = any(error.get("type") == "json_invalid" for error in errors)
        return ApiError(
            400 if malformed else 422,
            "MalformedJSON" if malformed else "ValidationError",
            validation_message(errors),
        )
    if isinstance(exc, StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404:
            message = "no such page or API route"
        return ApiError(
            exc.status_code,
            _HTTP_TYPES.get(exc.status_code, "HTTPError"),
            message,
            headers=exc.headers,
        )
    if isinstance(exc, EventwireError):
        status = 500
        if isinstance(exc, InputError):
            status = 422
        elif isinstance(exc, StoreError | ConfigError):
            status = 503
        return ApiError(status, type(exc).__name__, exc.detail, doc_id=exc.doc_id)
    return ApiError(500, "InternalError", "internal error; the server log has the details")


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one exception handler: every error becomes the one shape (or its HTML page)."""
    error = classify(exc)
    if error.status >= 500:
        logger.error("%s %s: %s", request.method, request.url.path, exc, exc_info=exc)
    if _wants_html(request):
        from eventwire.web import render

        return HTMLResponse(
            render.page("error.html", request=request, error=error, title=error.type),
            status_code=error.status,
            headers=error.headers,
        )
    return json_error(error.status, error.type, error.message, error.doc_id, error.headers)


def install(app: FastAPI) -> None:
    """Route every kind of failure to :func:`handle_error`."""
    for cls in (
        ApiError,
        RequestValidationError,
        StarletteHTTPException,
        EventwireError,
        Exception,
    ):
        app.add_exception_handler(cls, handle_error)
