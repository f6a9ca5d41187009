"""Guards in front of every route: body size, content type, API keys, browser headers.

- A request body over ``Settings.max_body_bytes`` is refused with 413 before any route sees
  it (by its ``Content-Length``, or while it streams in when it has none).
- Writes need ``Settings.api_key``, sent as ``X-API-Key``, ``Authorization: Bearer KEY``
  or as the password of HTTP Basic auth (what a browser prompts for); reads need it too when
  ``Settings.require_key_for_reads`` is on. No key: 401. A wrong key: 403. Keys are
  compared in constant time.
- Every response carries a strict Content-Security-Policy (scripts and styles only from the
  server itself, no inline script), ``nosniff``, no referrer and no framing, so article text,
  which is untrusted, cannot run even if it ever reached a page unescaped.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.errors import ApiError, json_error
from eventwire.settings import Settings

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Swagger UI sets inline styles on its own elements; still no inline script.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="The server's `api_key` setting (also accepted as `Authorization: Bearer`).",
)


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413, in the one shape.

    The body is read (up to the limit) before the app runs and replayed to it, so a body
    that is too large never reaches a route, whatever its ``Content-Length`` claims.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = json_error(
            413,
            "ContentTooLarge",
            f"request body over {self.max_bytes} bytes; send a smaller document "
            "(the server's max_body_bytes setting)",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: add the browser security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _given_key(request: Request, header: str | None) -> str | None:
    if header:
        return header
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if scheme.lower() == "basic" and value.strip():
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def check_key(request: Request, header: str | None, *, action: str) -> None:
    """Raise 401 (no key) or 403 (wrong key, or none configured) unless the key matches.

    Args:
        request: the request (its ``Authorization`` header is read too).
        header: the ``X-API-Key`` header, if sent.
        action: what the key is for, in the messages (``writes``, ``reads``).

    Raises:
        ApiError: 401 or 403.
    """
    settings: Settings = request.app.state.settings
    if settings.api_key is None:
        raise ApiError(
            403,
            "Forbidden",
            f"{action} are disabled on this server; start it with an API key "
            "(EVENTWIRE_API_KEY or api_key in eventwire.toml)",
        )
    given = _given_key(request, header)
    challenge = (
        {"WWW-Authenticate": 'Bearer realm="eventwire"'}
        if request.url.path.startswith("/api/")
        else {"WWW-Authenticate": 'Basic realm="eventwire"'}
    )
    if given is None:
        raise ApiError(
            401,
            "Unauthorized",
            f"{action} need the API key: send it as X-API-Key or Authorization: Bearer",
            headers=challenge,
        )
    expected = settings.api_key.get_secret_value()
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(403, "Forbidden", "wrong API key")


def require_write_key(
    request: Request, header: Annotated[str | None, Depends(key_header)] = None
) -> None:
    """Dependency of every write route."""
    check_key(request, header, action="writes")


def require_read_key(
    request: Request, header: Annotated[str | None, Depends(key_header)] = None
) -> None:
    """Dependency of every read route: a no-op unless ``require_key_for_reads`` is on."""
    settings: Settings = request.app.state.settings
    if settings.require_key_for_reads:
        check_key(request, header, action="reads")


def require_json(request: Request) -> None:
    """Refuse a body that is not ``application/json`` with 415."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != "application/json":
        raise ApiError(
            415,
            "UnsupportedMediaType",
            f"send the document as application/json, not {media or 'no content type'}",
        )
