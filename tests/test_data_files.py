"""Validate every vocabulary data file against its JSON Schema and the cross-references.

Fast (no spaCy): reads src/eventwire/data/ directly, the way a reviewer would.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data"
SCHEMA_DIR = DATA / "schema"
TRIGGER_DIR = DATA / "triggers"
TSV_FILES = sorted(DATA.rglob("*.tsv"))
TRIGGER_FILES = sorted([*TRIGGER_DIR.glob("*.yaml"), *TRIGGER_DIR.glob("*.yml")])
PROVENANCE_PREFIX = "# source: "


@dataclass(frozen=True)
class Table:
    """A parsed TSV: provenance line, header and rows with their file line numbers."""

    path: Path
    provenance: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


class DataTableError(ValueError):
    """A data file broke the format; names the file and line."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@cache
def tsv_schemas() -> dict[str, dict[str, Any]]:
    """Map data-relative TSV path -> schema, from each schema's `x-files`."""
    mapping: dict[str, dict[str, Any]] = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        schema = load_schema(path.stem)
        for rel in schema.get("x-files", []):
            mapping[rel] = schema
    return mapping


def schema_for(path: Path) -> dict[str, Any]:
    rel = path.relative_to(DATA).as_posix()
    try:
        return tsv_schemas()[rel]
    except KeyError:
        raise DataTableError(path, 0, "no schema lists this file in x-files") from None


def parse_tsv(path: Path, schema: dict[str, Any]) -> Table:
    """Parse and validate one TSV; raise DataTableError on the first problem."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not lines[0].startswith(PROVENANCE_PREFIX) or "; licence: " not in lines[0]:
        raise DataTableError(path, 1, "line 1 must be '# source: ...; licence: ...'")
    if len(lines) < 2:
        raise DataTableError(path, 2, "missing header row")
    header = lines[1].split("\t")
    columns: list[str] = schema["x-columns"]
    if header != columns:
        raise DataTableError(path, 2, f"header {header} != schema columns {columns}")
    validator = jsonschema.Draft202012Validator(schema)
    key_columns: list[str] = schema["x-key"]
    seen: dict[tuple[str, ...], int] = {}
    rows: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(lines[2:], start=3):
        if "\r" in line:
            raise DataTableError(path, number, "carriage return (use LF line endings)")
        cells = line.split("\t")
        if len(cells) != len(header):
            raise DataTableError(path, number, f"{len(cells)} cells, header has {len(header)}")
        row = dict(zip(header, cells, strict=True))
        error = jsonschema.exceptions.best_match(validator.iter_errors(row))
        if error is not None:
            raise DataTableError(path, number, f"{list(error.absolute_path)}: {error.message}")
        key = tuple(row[c] for c in key_columns)
        if key in seen:
            raise DataTableError(path, number, f"duplicate key {key} (first on line {seen[key]})")
        seen[key] = number
        rows.append((number, row))
    return Table(path, lines[0], header, rows)


@cache
def table(rel: str) -> Table:
    path = DATA / rel
    return parse_tsv(path, schema_for(path))


def load_trigger_file(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, load_schema("triggers"), cls=jsonschema.Draft202012Validator)
    assert isinstance(doc, dict)
    return doc


# ---------------------------------------------------------------- every file


def test_schemas_are_valid_json_schema() -> None:
    names = {p.stem for p in SCHEMA_DIR.glob("*.json")}
    assert {"cameo", "cameo_plover", "plover", "countries", "orgs", "sectors", "titles"} <= names
    assert {"triggers", "event"} <= names
    for name in names:
        load_schema(name)


def test_every_tsv_has_a_schema() -> None:
    assert TSV_FILES, "no TSV files found under src/eventwire/data"
    for path in TSV_FILES:
        schema_for(path)


@pytest.mark.parametrize("path", TSV_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_tsv_file_validates(path: Path) -> None:
    parsed = table(path.relative_to(DATA).as_posix())
    assert parsed.rows, f"{path} has no rows"


def test_trigger_folder_exists() -> None:
    assert TRIGGER_DIR.is_dir()


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lambda p: p.name)
def test_trigger_file_validates(path: Path) -> None:
    doc = load_trigger_file(path)
    assert path.stem.upper() == doc["type"], "file name must be the PLOVER type"
    keys = [
        (t["lemma"], t.get("pos"), t.get("particle"), t.get("prep"), tuple(t.get("objects", [])))
        for t in doc["triggers"]
    ]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"duplicate triggers in {path.name}: {sorted(map(str, duplicates))}"


# ---------------------------------------------------------------- cross-references


def cameo_codes() -> set[str]:
    return {row["cameo"] for _, row in table("ontology/cameo.tsv").rows}


def plover_types() -> set[str]:
    return {row["plover_type"] for _, row in table("ontology/plover.tsv").rows}


def test_cameo_table_is_complete() -> None:
    codes = cameo_codes()
    assert {f"{root:02d}" for root in range(1, 21)} <= codes
    assert {"043", "173", "190"} <= codes
    for _, row in table("ontology/cameo.tsv").rows:
        assert -10 <= float(row["goldstein"]) <= 10


def test_cameo_plover_codes_are_in_cameo_table() -> None:
    codes = cameo_codes()
    types = plover_types()
    for line, row in table("ontology/cameo_plover.tsv").rows:
        assert row["cameo"] in codes, f"cameo_plover.tsv:{line}: unknown CAMEO {row['cameo']}"
        assert row["plover_type"] in types, f"cameo_plover.tsv:{line}: unknown PLOVER type"


def test_plover_table_has_all_sixteen_types() -> None:
    assert len(plover_types()) == 16
    base = {row["plover_type"] for _, row in table("ontology/plover.tsv").rows if not row["mode"]}
    assert base == plover_types(), "each type needs a row with an empty mode"


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lambda p: p.name)
def test_trigger_codes_are_known(path: Path) -> None:
    doc = load_trigger_file(path)
    assert doc["type"] in plover_types()
    codes = cameo_codes()
    for trigger in doc["triggers"]:
        assert trigger["cameo"] in codes, f"{path.name}: {trigger['lemma']} {trigger['cameo']}"


def test_country_codes_are_iso3() -> None:
    for rel in ("actors/countries.tsv", "actors/countries_extra.tsv"):
        for line, row in table(rel).rows:
            code = row["code"]
            assert re.fullmatch(r"[A-Z]{3}", code), f"{rel}:{line}: {code!r}"


def test_countries_keep_the_hand_written_extras() -> None:
    derived = {row["alias"]: row for _, row in table("actors/countries.tsv").rows}
    for line, extra in table("actors/countries_extra.tsv").rows:
        assert derived.get(extra["alias"]) == extra, f"countries_extra.tsv:{line} not merged"


def test_countries_spot_checks() -> None:
    aliases = {row["alias"]: row["code"] for _, row in table("actors/countries.tsv").rows}
    expected = {
        "Georgia": "GEO",
        "Kosovo": "XKX",
        "Taiwan": "TWN",
        "Seoul": "KOR",
        "Kremlin": "RUS",
        "U.S.": "USA",
        "Myanmar": "MMR",
    }
    assert {a: aliases.get(a) for a in expected} == expected
    assert "Korean" not in aliases
    assert not any(a.startswith("the ") for a in aliases)


# ---------------------------------------------------------------- the helper itself


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "# source: test; licence: MIT\ncameo\tname\tgoldstein\tquad_class\n043\tVisit\t2.8\t1\n"


def test_parse_tsv_accepts_a_good_file(tmp_path: Path) -> None:
    parsed = parse_tsv(write(tmp_path / "cameo.tsv", GOOD), load_schema("cameo"))
    assert parsed.rows == [
        (3, {"cameo": "043", "name": "Visit", "goldstein": "2.8", "quad_class": "1"})
    ]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (GOOD.replace("# source: test; licence: MIT\n", ""), 1, "line 1"),
        (GOOD.replace("goldstein", "score"), 2, "header"),
        (GOOD.replace("043\t", "43a\t"), 3, "does not match"),
        (GOOD.replace("\t1\n", "\t5\n"), 3, "does not match"),
        (GOOD.replace("\t1\n", "\t1\textra\n"), 3, "cells"),
        (GOOD + "043\tVisit again\t2.8\t1\n", 4, "duplicate key"),
    ],
    ids=["no-provenance", "bad-header", "bad-code", "bad-quad", "extra-cell", "duplicate"],
)
def test_parse_tsv_rejects_a_bad_file(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path / "cameo.tsv", text)
    with pytest.raises(DataTableError) as info:
        parse_tsv(path, load_schema("cameo"))
    assert info.value.line == line
    assert reason in info.value.reason


def test_trigger_schema_rejects_bad_triggers() -> None:
    schema = load_schema("triggers")
    good = {"type": "CONSULT", "triggers": [{"lemma": "meet", "pos": "VERB", "cameo": "040"}]}
    jsonschema.validate(good, schema)
    bad_docs = [
        {"type": "consult", "triggers": [{"lemma": "meet", "cameo": "040"}]},
        {"type": "CONSULT", "triggers": [{"lemma": "meet", "cameo": 40}]},
        {"type": "CONSULT", "triggers": [{"lemma": "cessation of hostilities", "cameo": "040"}]},
        {"type": "CONSULT", "triggers": [{"lemma": "meet"}]},
        {"type": "CONSULT", "triggers": [{"lemma": "meet", "cameo": "040", "pos": "ADV"}]},
        {"type": "CONSULT", "triggers": [{"lemma": "meet", "cameo": "040", "typo": 1}]},
    ]
    for doc in bad_docs:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, schema)


def test_event_schema_accepts_the_spec_example() -> None:
    record = {
        "doc_id": "seed-003",
        "event_id": "seed-003:12:0",
        "sentence": {"index": 12, "start": 2310, "end": 2427, "text": "Yoon also met ..."},
        "trigger": "met",
        "type": "CONSULT",
        "mode": "visit",
        "context": ["diplomatic"],
        "cameo": "043",
        "goldstein": 2.8,
        "quad_class": 1,
        "source": [
            {
                "text": "Yoon",
                "country": "KOR",
                "sector": "GOV",
                "name": "Yoon Suk-yeol",
                "role": "President",
            }
        ],
        "target": [
            {"text": "Kishida", "country": "JPN", "sector": "GOV", "name": None, "role": None}
        ],
        "date": "2022-11-13",
        "date_text": "on Sunday",
        "location": {
            "text": "Phnom Penh",
            "name": "Phnom Penh",
            "country": "KHM",
            "lat": 11.56,
            "lon": 104.92,
        },
        "negated": False,
        "modality": "asserted",
        "attributed_to": None,
        "confidence": 0.87,
        "extra_field": "allowed",
    }
    schema = load_schema("event")
    jsonschema.validate(record, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "quad_class": 5}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "date": "13 Nov 2022"}, schema)


# ---------------------------------------------------------------- YAML policy files

YAML_FILES = ("ontology/type_policy.yaml", "people/roles.yaml", "clean/boilerplate.yaml")


@pytest.mark.parametrize("rel", YAML_FILES)
def test_yaml_file_validates(rel: str) -> None:
    path = DATA / rel
    assert path.read_text("utf-8").startswith(PROVENANCE_PREFIX)
    doc = yaml.safe_load(path.read_text("utf-8"))
    schema = next(
        load_schema(p.stem)
        for p in sorted(SCHEMA_DIR.glob("*.json"))
        if rel in load_schema(p.stem).get("x-files", [])
    )
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


def test_type_policy_names_plover_types() -> None:
    doc = yaml.safe_load((DATA / "ontology" / "type_policy.yaml").read_text("utf-8"))
    types = plover_types()
    codes = {row["cameo"] for _, row in table("ontology/cameo.tsv").rows}
    for name, value in doc.items():
        if name == "intent_cameo":
            # a type -> the CAMEO code of its announcement
            assert set(value.values()) <= codes, f"type_policy.yaml {name}: unknown CAMEO code"
            listed = list(value.keys())
        elif isinstance(value, dict):
            listed = [*value.keys(), *value.values()]
        else:
            listed = value
        # a promised-type key may narrow a type to one of its modes ("RETREAT/release")
        unknown = {str(t).split("/")[0] for t in listed} - types
        assert not unknown, f"type_policy.yaml {name}: unknown PLOVER types {sorted(unknown)}"


def test_relate_cues_validate_and_load() -> None:
    from eventwire.vocab import THING_CATEGORIES, load_relate_vocab

    path = DATA / "relate" / "relate.yaml"
    assert path.read_text("utf-8").startswith(PROVENANCE_PREFIX)
    doc = yaml.safe_load(path.read_text("utf-8"))
    jsonschema.validate(doc, load_schema("relate"), cls=jsonschema.Draft202012Validator)
    cues = load_relate_vocab()
    assert set(cues.thing_heads.values()) <= set(THING_CATEGORIES)
    assert set(cues.verification) == {"unverified", "confirmed", "denied"}
