"""GDELT 2.0 event table export: 61 tab-separated columns, no header row, one row per event.

A GDELT event is one real-world event however many articles report it, so a row here is one
eventwire *cluster*: the first of its events (in storage order) that matches the query stands
for it, and the cluster supplies the counts. Column by column (1-based, GDELT 2.0 Event
Codebook order):

==  ======================  ===================================================================
1   GlobalEventID           the cluster id
2   Day                     event date as ``YYYYMMDD``; empty when the date is only a month or
                            a year (GDELT always has a day; we never invent one)
3   MonthYear               ``YYYYMM`` when the month is known, else empty
4   Year                    ``YYYY`` when known, else empty
5   FractionDate            ``YYYY + (MONTH * 30 + DAY) / 365`` to 4 places, day-precise only
6   Actor1Code              first source actor: country (or organisation) code + sector,
                            e.g. ``KORGOV``, ``UNOIGO``
7   Actor1Name              its resolved name (else its text), upper-cased as GDELT does
8   Actor1CountryCode       its country when it is a state (ISO 3166 alpha-3; GDELT uses CAMEO
                            country codes, which equal ISO alpha-3 for nearly every state)
9   Actor1KnownGroupCode    its organisation code (``UNO``, ``NATO``, ``EU``) when it is one
10  Actor1EthnicCode        empty
11  Actor1Religion1Code     empty
12  Actor1Religion2Code     empty
13  Actor1Type1Code         its sector (``GOV``, ``MIL``, ``REB`` ...)
14  Actor1Type2Code         empty
15  Actor1Type3Code         empty
16-25 Actor2*               the same for the first target actor
26  IsRootEvent             empty (eventwire does not mark lead paragraphs)
27  EventCode               the CAMEO code, e.g. ``043``
28  EventBaseCode           its first three digits
29  EventRootCode           its first two digits
30  QuadClass               1-4
31  GoldsteinScale          the Goldstein score
32  NumMentions             the cluster's mentions (events)
33  NumSources              the cluster's distinct outlets (syndicated copies included)
34  NumArticles             the cluster's distinct articles
35  AvgTone                 empty
36-43 Actor1Geo_*           empty
44-51 Actor2Geo_*           empty
52  ActionGeo_Type          1 (country) when the place is a country, else 4 (world city)
53  ActionGeo_FullName      the place's name, ``Name, CCC`` when its country is known
54  ActionGeo_CountryCode   the place's country, ISO alpha-3 (GDELT uses FIPS 10-4)
55  ActionGeo_ADM1Code      empty
56  ActionGeo_ADM2Code      empty
57  ActionGeo_Lat           latitude
58  ActionGeo_Long          longitude
59  ActionGeo_FeatureID     empty
60  DATEADDED               when the cluster was first stored, ``YYYYMMDDHHMMSS`` UTC
61  SOURCEURL               the url of that first article (its doc id when it has no url)
==  ======================  ===================================================================

Tabs and newlines inside values are replaced by spaces so every line has 61 fields.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from eventwire.export.base import ExportSummary
from eventwire.store import EventQuery, Store

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)

_BLANK = re.compile(r"[\t\r\n]+")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return _BLANK.sub(" ", str(value))


def _dates(date: str | None) -> dict[str, str]:
    out = {"Day": "", "MonthYear": "", "Year": "", "FractionDate": ""}
    if not date:
        return out
    parts = date.split("-")
    out["Year"] = parts[0]
    if len(parts) >= 2:
        out["MonthYear"] = parts[0] + parts[1]
    if len(parts) >= 3:
        out["Day"] = "".join(parts[:3])
        year, month, day = (int(p) for p in parts[:3])
        out["FractionDate"] = f"{year + (month * 30 + day) / 365:.4f}"
    return out


def _actor(prefix: str, actors: list[dict[str, Any]]) -> dict[str, str]:
    out = {f"{prefix}{f}": "" for f in _ACTOR_FIELDS}
    if not actors:
        return out
    actor = actors[0]
    code = actor.get("country") or ""
    sector = actor.get("sector") or ""
    is_group = sector == "IGO" or (code != "" and len(code) != 3)
    out[f"{prefix}Code"] = code + sector
    out[f"{prefix}Name"] = (actor.get("name") or actor.get("text") or "").upper()
    out[f"{prefix}CountryCode"] = "" if is_group else code
    out[f"{prefix}KnownGroupCode"] = code if is_group else ""
    out[f"{prefix}Type1Code"] = sector
    return out


def _action_geo(location: dict[str, Any] | None) -> dict[str, str]:
    out = {f"ActionGeo_{f}": "" for f in _GEO_FIELDS}
    if not location:
        return out
    name = location.get("name") or location.get("text") or ""
    country = location.get("country") or ""
    is_country = not name or location.get("lat") is None
    out["ActionGeo_Type"] = "1" if is_country else "4"
    out["ActionGeo_FullName"] = f"{name}, {country}" if name and country else name or country
    out["ActionGeo_CountryCode"] = country
    out["ActionGeo_Lat"] = _text(location.get("lat"))
    out["ActionGeo_Long"] = _text(location.get("lon"))
    return out


def _stamp(iso: str | None) -> str:
    return re.sub(r"\D", "", iso or "")[:14]


def gdelt_row(record: dict[str, Any], cluster: dict[str, Any] | None) -> list[str]:
    """The 61 GDELT fields of one event record and its cluster (see the module docstring)."""
    cameo = record["cameo"] or ""
    row: dict[str, Any] = {
        "GlobalEventID": record.get("cluster_id"),
        **_dates(record.get("date")),
        **_actor("Actor1", record["source"]),
        **_actor("Actor2", record["target"]),
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2],
        "QuadClass": record["quad_class"],
        "GoldsteinScale": record["goldstein"],
        **_action_geo(record.get("location")),
        "SOURCEURL": record.get("url") or record["doc_id"],
    }
    if cluster is not None:
        row["NumMentions"] = cluster["num_mentions"]
        row["NumSources"] = cluster["num_sources"]
        row["NumArticles"] = cluster["num_articles"]
        row["DATEADDED"] = _stamp(cluster["first_seen"])
    return [_text(row.get(column)) for column in GDELT_COLUMNS]


def write_gdelt(store: Store, out: Path, query: EventQuery) -> ExportSummary:
    """Write one GDELT 2.0 event row per cluster among ``store.events(query)`` to ``out``.

    Args:
        store: the store to read.
        out: the file to write (tab-separated, UTF-8, no header, like GDELT's files).
        query: the events whose clusters to write.

    Returns:
        The rows (clusters) and the file written.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    seen: set[int] = set()
    n = 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for record in store.events(query):
            cluster_id = record.get("cluster_id")
            if cluster_id is not None:
                if cluster_id in seen:
                    continue
                seen.add(cluster_id)
            cluster = store.cluster(cluster_id) if cluster_id is not None else None
            fh.write("\t".join(gdelt_row(record, cluster)) + "\n")
            n += 1
    return ExportSummary(rows=n, files=(out,))
