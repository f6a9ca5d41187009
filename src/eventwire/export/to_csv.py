"""CSV export: one flattened row per event, with a header row.

Columns (:data:`CSV_COLUMNS`): ``event_id, doc_id, url, cluster_id, date, date_text, type,
mode, context, trigger, cameo, goldstein, quad_class, source_countries, source_names,
target_countries, target_names, location_name, location_country, location_lat,
location_lon, negated, modality, attributed_to, confidence, sentence_index, sentence_start,
sentence_end, sentence_text``. Lists are joined with ``;``: ``context``, the actors'
country codes (one per actor, empty where an actor has none) and their names (the resolved
name, else the text as written). ``negated`` is ``true``/``false``; missing values are empty.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from eventwire.export.base import ExportSummary
from eventwire.store import EventQuery, Store

CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc_id",
    "url",
    "cluster_id",
    "date",
    "date_text",
    "type",
    "mode",
    "context",
    "trigger",
    "cameo",
    "goldstein",
    "quad_class",
    "source_countries",
    "source_names",
    "target_countries",
    "target_names",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "negated",
    "modality",
    "attributed_to",
    "confidence",
    "sentence_index",
    "sentence_start",
    "sentence_end",
    "sentence_text",
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """The :data:`CSV_COLUMNS` values of one event record (as ``Store.events`` yields it)."""
    location = record.get("location") or {}
    sentence = record["sentence"]
    row = {
        "event_id": record["event_id"],
        "doc_id": record["doc_id"],
        "url": record.get("url"),
        "cluster_id": record.get("cluster_id"),
        "date": record["date"],
        "date_text": record["date_text"],
        "type": record["type"],
        "mode": record["mode"],
        "context": ";".join(record["context"]),
        "trigger": record["trigger"],
        "cameo": record["cameo"],
        "goldstein": record["goldstein"],
        "quad_class": record["quad_class"],
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "location_lat": location.get("lat"),
        "location_lon": location.get("lon"),
        "negated": record["negated"],
        "modality": record["modality"],
        "attributed_to": record["attributed_to"],
        "confidence": record["confidence"],
        "sentence_index": sentence["index"],
        "sentence_start": sentence["start"],
        "sentence_end": sentence["end"],
        "sentence_text": sentence["text"],
    }
    for side in ("source", "target"):
        actors = record[side]
        row[f"{side}_countries"] = ";".join(a.get("country") or "" for a in actors)
        row[f"{side}_names"] = ";".join(a.get("name") or a["text"] for a in actors)
    return {column: _cell(row[column]) for column in CSV_COLUMNS}


def write_csv(store: Store, out: Path, query: EventQuery) -> ExportSummary:
    """Write ``store.events(query)`` to ``out`` as CSV (UTF-8, header row, RFC 4180 quoting).

    Args:
        store: the store to read.
        out: the file to write.
        query: the events to write.

    Returns:
        The rows and the file written.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for record in store.events(query):
            writer.writerow(flatten(record))
            n += 1
    return ExportSummary(rows=n, files=(out,))
