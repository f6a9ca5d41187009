"""The read stage: files, folders and JSONL in, ``Document`` records out."""

from eventwire.read.files import (
    Reader,
    decode_bytes,
    html_document,
    iter_documents,
    read_path,
    validate_date,
)

__all__ = [
    "Reader",
    "decode_bytes",
    "html_document",
    "iter_documents",
    "read_path",
    "validate_date",
]
