"""The read stage: files, folders, JSONL, URLs, RSS/Atom feeds and WARC in, ``Document`` out."""

from eventwire.read.feeds import iter_feed, looks_like_feed
from eventwire.read.files import (
    Reader,
    decode_bytes,
    folder_files,
    html_document,
    iter_documents,
    read_path,
    validate_date,
)
from eventwire.read.sources import iter_sources
from eventwire.read.url import Fetched, fetch, make_client, page_document, read_url, url_doc_id
from eventwire.read.warc import iter_warc

__all__ = [
    "Fetched",
    "Reader",
    "decode_bytes",
    "fetch",
    "folder_files",
    "html_document",
    "iter_documents",
    "iter_feed",
    "iter_sources",
    "iter_warc",
    "looks_like_feed",
    "make_client",
    "page_document",
    "read_path",
    "read_url",
    "url_doc_id",
    "validate_date",
]
