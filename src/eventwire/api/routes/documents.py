"""``GET /api/documents``, ``GET /api/documents/{doc_id}`` and ``POST /api/documents``."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from eventwire.api import spans
from eventwire.api.errors import ApiError
from eventwire.api.models import ERRORS, DocumentIn, DocumentOut, DocumentPage, Stored
from eventwire.api.params import Limit, Offset
from eventwire.api.security import require_json, require_read_key, require_write_key
from eventwire.api.state import AppState, state_of
from eventwire.model import Document
from eventwire.store import EventQuery, Store, analytics

router = APIRouter(prefix="/api", tags=["documents"])


@router.get(
    "/documents",
    response_model=DocumentPage,
    summary="List or search documents",
    description="Stored documents in storage order; with `q`, those whose title or text "
    "contains every word of it (case folded), with a snippet around the first.",
    responses=ERRORS,
    dependencies=[Depends(require_read_key)],
)
async def list_documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Words to find.")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One page of documents."""
    words = (q or "").strip()

    def work(store: Store) -> dict[str, Any]:
        if words:
            total, found = analytics.search_documents(store, words, limit=limit, offset=offset)
        else:
            total = store.stats()["documents"]
            found = list(store.documents(limit=limit, offset=offset))
            counts = analytics.document_event_counts(store, [d["doc_id"] for d in found])
            for doc in found:
                doc["events"] = counts[doc["doc_id"]]
        return {"total": total, "limit": limit, "offset": offset, "documents": found}

    return await state_of(request).read(work)


def document_view(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document, its events and their spans (None when there is no such document)."""
    row = store.document(doc_id, with_text=True)
    if row is None:
        return None
    records = list(store.event_records(EventQuery(doc_id=doc_id)))
    plain = list(store.events(EventQuery(doc_id=doc_id)))
    text = str(row["text"])
    placed = spans.document_spans(text, records)
    for record, marks in zip(plain, placed, strict=True):
        record["spans"] = [mark.to_dict() for mark in marks]
    row["events"] = plain
    row["_records"] = records
    row["_spans"] = placed
    return row


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentOut,
    summary="One document with its events",
    description="The article text and every event coded from it, each with the character "
    "spans (`text[start:end]`) of its sentence, trigger and actors.",
    responses=ERRORS,
    dependencies=[Depends(require_read_key)],
)
async def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    """The document, or 404."""
    found = await state_of(request).read(lambda store: document_view(store, doc_id))
    if found is None:
        raise ApiError(404, "NotFound", f"no document {doc_id[:200]!r}", doc_id=doc_id[:200])
    return {k: v for k, v in found.items() if not k.startswith("_")}


def _doc_id(body: DocumentIn) -> str:
    if body.id:
        return body.id
    if body.url:
        from eventwire.read import url_doc_id

        return url_doc_id(body.url)
    content = body.text if body.text is not None else body.html or ""
    return "api-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def _read(body: DocumentIn, state: AppState) -> Document:
    """The document the body describes: text as is, HTML extracted, a URL fetched."""
    doc_id = _doc_id(body)
    if body.text is not None:
        return Document(id=doc_id, title=body.title, published=body.published, text=body.text)
    if body.html is not None:
        from eventwire.read import html_document

        return html_document(body.html, doc_id=doc_id, published=body.published, title=body.title)
    from eventwire.read import make_client, read_url

    assert body.url is not None
    with make_client(state.settings) as client:
        doc = read_url(body.url, client=client, settings=state.settings, published=body.published)
    update: dict[str, Any] = {"id": doc_id} if body.id else {}
    if body.title:
        update["title"] = body.title
    return doc.model_copy(update=update) if update else doc


def store_document(state: AppState, store: Store, doc: Document) -> dict[str, Any]:
    """Code and store ``doc`` (on the writer thread); its stored events, or a 422.

    The ingest stores what the relate stage finds as well, while the pipeline's ``relate``
    setting (the server's settings) is on.
    """
    from eventwire.ingest import ingest

    found = store.lookup(doc)
    summary = ingest([doc], pipeline=state.pipeline(), store=store)
    if summary.failed:
        error = summary.errors[0]
        raise ApiError(422, error.type, error.message, doc_id=error.doc_id)
    stored_id = found.doc_id if found.status == "unchanged" and found.doc_id else doc.id
    status = (
        "new"
        if summary.new
        else "replaced"
        if summary.replaced
        else "duplicate"
        if summary.duplicate
        else "unchanged"
    )
    row = store.document(stored_id, with_text=False)
    duplicate_of = row["duplicate_of"] if row else None
    events = list(store.events(EventQuery(doc_id=stored_id)))
    return {"doc_id": stored_id, "status": status, "duplicate_of": duplicate_of, "events": events}


@router.post(
    "/documents",
    response_model=Stored,
    status_code=201,
    summary="Code and store an article",
    description="Send exactly one of `text`, `html` (the page; its article is extracted) or "
    "`url` (fetched by the server). The article is coded and stored, and its events are "
    "returned: 201 when stored anew or replaced, 200 when it was already stored unchanged "
    "or is a copy of a stored article. While the server's `relate` setting is on, the "
    "people, named things, claims and quotes found in it are stored too (see `/api/people`, "
    "`/api/things`, `/api/claims`). Needs the API key.",
    responses={**ERRORS, 200: {"model": Stored, "description": "Already stored."}},
    dependencies=[Depends(require_write_key), Depends(require_json)],
)
async def post_document(request: Request, response: Response, body: DocumentIn) -> dict[str, Any]:
    """Read, code and store one article; return its events."""
    state = state_of(request)
    doc = await run_in_threadpool(_read, body, state)
    result = await state.write(lambda store: store_document(state, store, doc))
    if result["status"] in ("unchanged", "duplicate"):
        response.status_code = 200
    return result
