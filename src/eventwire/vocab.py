"""Load and validate the vocabulary in ``data/``: the only code that opens those files.

Tables are TSV (a provenance comment line, a header row, one entry a line); nested data is
YAML. A malformed file raises :class:`DataFileError` at load time, never mid-batch.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from eventwire.errors import DataFileError


@dataclass(frozen=True)
class CameoInfo:
    """A CAMEO code with its name, Goldstein score and quad class."""

    code: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class PloverMap:
    """What a CAMEO code means in PLOVER."""

    type: str
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class ActorEntry:
    """A name that stands for a country or an organisation."""

    code: str
    sector: str | None
    kind: str


@dataclass(frozen=True)
class Trigger:
    """A word that signals an event of one PLOVER type."""

    lemma: str
    pos: str
    type: str
    cameo: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    prep: str | None = None
    particle: str | None = None
    objects: tuple[str, ...] = ()
    passive_only: bool = False
    light: bool = False
    require_prep: bool = False
    objects_in_prep: bool = False
    plain: bool = False
    object_clause: bool = False
    not_objects: tuple[str, ...] = ()


@dataclass(frozen=True)
class TypePolicy:
    """How the coder treats each PLOVER type where a sentence leaves something unsaid
    (``ontology/type_policy.yaml``)."""

    domestic: frozenset[str] = frozenset()
    targeted: frozenset[str] = frozenset()
    mutual: frozenset[str] = frozenset()
    reactions: frozenset[str] = frozenset()
    outward: frozenset[str] = frozenset()
    placed: frozenset[str] = frozenset()
    promised: Mapping[str, str] = field(default_factory=dict)
    alone: Mapping[str, str] = field(default_factory=dict)
    intent_cameo: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocab:
    """Everything eventwire knows as data, validated and indexed."""

    cameo: Mapping[str, CameoInfo]
    cameo_plover: Mapping[str, PloverMap]
    plover_scores: Mapping[tuple[str, str | None], float]
    plover_quad: Mapping[str, int]
    actors: Mapping[str, ActorEntry]
    actors_exact: Mapping[str, ActorEntry]
    sectors: Mapping[str, str]
    titles: Mapping[str, str]
    triggers: Mapping[tuple[str, str], tuple[Trigger, ...]] = field(default_factory=dict)
    org_titles: frozenset[str] = frozenset()
    state_sectors: frozenset[str] = frozenset()
    policy: TypePolicy = field(default_factory=lambda: TypePolicy())
    boilerplate: Mapping[str, Any] = field(default_factory=dict)

    def actor(self, phrase: str) -> ActorEntry | None:
        """Look a phrase up as a country or organisation name.

        All-capital aliases (``US``, ``DPRK``) match only as written; others ignore case.
        """
        hit = self.actors_exact.get(phrase)
        if hit is not None:
            return hit
        return self.actors.get(phrase.casefold())


def _rows(path: Traversable, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    name = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(name, 0, f"cannot read: {exc}") from exc
    if not lines or not lines[0].startswith("# source:"):
        raise DataFileError(name, 1, "first line must be '# source: ...; licence: ...'")
    header = tuple(lines[1].split("\t")) if len(lines) > 1 else ()
    if header[: len(columns)] != columns:
        raise DataFileError(name, 2, f"header must start with {columns}, got {header}")
    for number, line in enumerate(lines[2:], start=3):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < len(columns):
            cells += [""] * (len(columns) - len(cells))
        yield number, dict(zip(header, cells, strict=False))


def _float(path: Traversable, line: int, value: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise DataFileError(str(path), line, f"not a number: {value!r}") from exc


def _load_cameo(base: Traversable) -> dict[str, CameoInfo]:
    path = base / "ontology" / "cameo.tsv"
    out: dict[str, CameoInfo] = {}
    for line, row in _rows(path, ("cameo", "name", "goldstein", "quad_class")):
        code = row["cameo"]
        if code in out:
            raise DataFileError(str(path), line, f"duplicate code {code}")
        out[code] = CameoInfo(
            code, row["name"], _float(path, line, row["goldstein"]), int(row["quad_class"])
        )
    return out


def _load_cameo_plover(base: Traversable) -> dict[str, PloverMap]:
    path = base / "ontology" / "cameo_plover.tsv"
    out: dict[str, PloverMap] = {}
    for _line, row in _rows(path, ("cameo", "plover_type", "mode", "context")):
        if not row["plover_type"]:
            continue
        ctx = tuple(c for c in row["context"].split(",") if c)
        out[row["cameo"]] = PloverMap(row["plover_type"], row["mode"] or None, ctx)
    return out


def _load_plover(base: Traversable) -> tuple[dict[tuple[str, str | None], float], dict[str, int]]:
    path = base / "ontology" / "plover.tsv"
    scores: dict[tuple[str, str | None], float] = {}
    quad: dict[str, int] = {}
    for line, row in _rows(path, ("plover_type", "mode", "score", "quad_class")):
        scores[(row["plover_type"], row["mode"] or None)] = _float(path, line, row["score"])
        if not row["mode"] and row["quad_class"]:
            quad[row["plover_type"]] = int(row["quad_class"])
    return scores, quad


def _load_actors(base: Traversable) -> tuple[dict[str, ActorEntry], dict[str, ActorEntry]]:
    folded: dict[str, ActorEntry] = {}
    exact: dict[str, ActorEntry] = {}

    def add(alias: str, entry: ActorEntry) -> None:
        alias = alias.strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if not alias:
            return
        if alias.isupper() and len(alias) <= 5:
            exact.setdefault(alias, entry)
        else:
            folded.setdefault(alias.casefold(), entry)

    # organisations first: "Security Council" must not be shadowed by anything else
    for _line, row in _rows(base / "actors" / "orgs.tsv", ("alias", "code", "sector")):
        add(row["alias"], ActorEntry(row["code"], row["sector"] or None, "org"))
    for name in ("countries_extra.tsv", "countries.tsv"):
        for _line, row in _rows(base / "actors" / name, ("alias", "code", "kind")):
            add(row["alias"], ActorEntry(row["code"], None, row["kind"]))
    return folded, exact


def _load_pairs(path: Traversable, key: str, value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for _line, row in _rows(path, (key, value)):
        out.setdefault(row[key].strip().casefold(), row[value].strip())
    return out


def _yaml(path: Traversable, keys: tuple[str, ...]) -> dict[str, Any]:
    """A YAML mapping that has at least ``keys``."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), 0, f"cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), 0, f"bad YAML: {exc}") from exc
    if not isinstance(data, dict) or any(k not in data for k in keys):
        raise DataFileError(str(path), 0, f"needs the keys {', '.join(keys)}")
    return data


def _strings(path: Traversable, data: Mapping[str, Any], key: str) -> frozenset[str]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(str(path), 0, f"{key!r} must be a list of strings")
    return frozenset(value)


POLICY_SETS = ("domestic", "targeted", "mutual", "reactions", "outward", "placed")


def _load_policy(base: Traversable) -> TypePolicy:
    path = base / "ontology" / "type_policy.yaml"
    data = _yaml(path, (*POLICY_SETS, "promised"))
    promised = data["promised"]
    if not isinstance(promised, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in promised.items()
    ):
        raise DataFileError(str(path), 0, "'promised' must map a type to a type")
    alone = data.get("alone", {})
    if not isinstance(alone, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and "/" in v for k, v in alone.items()
    ):
        raise DataFileError(str(path), 0, "'alone' must map TYPE/CAMEO to TYPE/CAMEO")
    intent = data.get("intent_cameo", {})
    if not isinstance(intent, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in intent.items()
    ):
        raise DataFileError(str(path), 0, "'intent_cameo' must map a type to a CAMEO code")
    sets = {name: _strings(path, data, name) for name in POLICY_SETS}
    return TypePolicy(**sets, promised=dict(promised), alone=dict(alone), intent_cameo=dict(intent))


def _load_triggers(
    base: Traversable, cameo: Mapping[str, CameoInfo]
) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    folder = base / "triggers"
    index: dict[tuple[str, str], list[Trigger]] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yaml"):
            continue
        try:
            data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise DataFileError(str(path), 0, f"bad YAML: {exc}") from exc
        if not isinstance(data, dict) or "type" not in data or "triggers" not in data:
            raise DataFileError(str(path), 0, "needs 'type' and 'triggers'")
        for number, item in enumerate(data["triggers"], start=1):
            if not isinstance(item, dict) or "lemma" not in item or "cameo" not in item:
                raise DataFileError(str(path), number, "trigger needs 'lemma' and 'cameo'")
            code = str(item["cameo"])
            if code not in cameo:
                raise DataFileError(str(path), number, f"unknown CAMEO code {code}")
            trig = Trigger(
                lemma=str(item["lemma"]),
                pos=str(item.get("pos", "VERB")),
                type=str(item.get("type", data["type"])),
                cameo=code,
                mode=item.get("mode"),
                context=tuple(item.get("context") or ()),
                prep=item.get("prep"),
                particle=item.get("particle"),
                objects=tuple(item.get("objects") or ()),
                passive_only=bool(item.get("passive_only", False)),
                light=bool(item.get("light", False)),
                require_prep=bool(item.get("require_prep", False)),
                objects_in_prep=bool(item.get("objects_in_prep", False)),
                plain=bool(item.get("plain", False)),
                object_clause=bool(item.get("object_clause", False)),
                not_objects=tuple(item.get("not_objects") or ()),
            )
            index.setdefault((trig.lemma, trig.pos), []).append(trig)
    return {key: tuple(value) for key, value in index.items()}


@functools.cache
def load_vocab() -> Vocab:
    """Load every data file of the package once per process.

    Returns:
        The validated vocabulary.

    Raises:
        DataFileError: a file is missing or malformed.
    """
    base = resources.files("eventwire") / "data"
    cameo = _load_cameo(base)
    scores, quad = _load_plover(base)
    folded, exact = _load_actors(base)
    roles_path = base / "people" / "roles.yaml"
    roles = _yaml(roles_path, ("org_titles", "state_sectors"))
    return Vocab(
        cameo=cameo,
        cameo_plover=_load_cameo_plover(base),
        plover_scores=scores,
        plover_quad=quad,
        actors=folded,
        actors_exact=exact,
        sectors=_load_pairs(base / "actors" / "sectors.tsv", "word", "sector"),
        titles=_load_pairs(base / "people" / "titles.tsv", "title", "sector"),
        triggers=_load_triggers(base, cameo),
        org_titles=_strings(roles_path, roles, "org_titles"),
        state_sectors=_strings(roles_path, roles, "state_sectors"),
        policy=_load_policy(base),
        boilerplate=_yaml(
            base / "clean" / "boilerplate.yaml", ("patterns", "months", "weekdays", "limits")
        ),
    )


THING_CATEGORIES = ("agreement", "policy", "operation", "weapon", "organisation")
_RELATE_KEYS = (
    "role_status",
    "person_nouns",
    "office_nouns",
    "appointment_verbs",
    "leave_verbs",
    "take_verbs",
    "membership_verbs",
    "relation_nouns",
    "thing_heads",
    "thing_terms",
    "weapon_acronyms",
    "ship_prefixes",
    "lifecycle",
    "verification",
    "claim_verbs",
    "generic_names",
    "ranks",
)


@dataclass(frozen=True)
class RelateVocab:
    """The cue words of the relate stage (``relate/relate.yaml``)."""

    role_status: Mapping[str, str]
    person_nouns: Mapping[str, str]
    office_nouns: Mapping[str, str]
    appointment_verbs: frozenset[str]
    leave_verbs: frozenset[str]
    take_verbs: frozenset[str]
    membership_verbs: frozenset[str]
    relation_nouns: frozenset[str]
    thing_heads: Mapping[str, str]
    thing_terms: Mapping[str, str]
    weapon_acronyms: frozenset[str]
    ship_prefixes: frozenset[str]
    lifecycle: Mapping[str, str]
    verification: Mapping[str, tuple[str, ...]]
    claim_verbs: frozenset[str]
    generic_names: frozenset[str] = frozenset()
    ranks: frozenset[str] = frozenset()


def _str_map(path: Traversable, data: Mapping[str, Any], key: str) -> dict[str, str]:
    value = data[key]
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise DataFileError(str(path), 0, f"{key!r} must map words to strings")
    return {k.casefold(): v for k, v in value.items()}


def _list_map(path: Traversable, data: Mapping[str, Any], key: str) -> dict[str, tuple[str, ...]]:
    value = data[key]
    if not isinstance(value, dict):
        raise DataFileError(str(path), 0, f"{key!r} must map names to lists of words")
    return {name: tuple(_strings(path, value, name)) for name in value}


@functools.cache
def load_relate_vocab() -> RelateVocab:
    """Load the relate stage's cue words once per process.

    Returns:
        The validated cue words; ``thing_heads`` maps each head word to its category (the
        first category listing it wins).

    Raises:
        DataFileError: the file is missing or malformed.
    """
    path = resources.files("eventwire") / "data" / "relate" / "relate.yaml"
    data = _yaml(path, _RELATE_KEYS)
    heads_by_category = _list_map(path, data, "thing_heads")
    if set(heads_by_category) != set(THING_CATEGORIES):
        raise DataFileError(str(path), 0, f"'thing_heads' needs exactly {THING_CATEGORIES}")
    heads: dict[str, str] = {}
    for category in THING_CATEGORIES:
        for word in heads_by_category[category]:
            heads.setdefault(word, category)
    terms = _str_map(path, data, "thing_terms")
    if any(v not in THING_CATEGORIES for v in terms.values()):
        raise DataFileError(str(path), 0, "'thing_terms' values must be thing categories")
    return RelateVocab(
        role_status=_str_map(path, data, "role_status"),
        person_nouns=_str_map(path, data, "person_nouns"),
        office_nouns=_str_map(path, data, "office_nouns"),
        appointment_verbs=_strings(path, data, "appointment_verbs"),
        leave_verbs=_strings(path, data, "leave_verbs"),
        take_verbs=_strings(path, data, "take_verbs"),
        membership_verbs=_strings(path, data, "membership_verbs"),
        relation_nouns=_strings(path, data, "relation_nouns"),
        thing_heads=heads,
        thing_terms=terms,
        weapon_acronyms=_strings(path, data, "weapon_acronyms"),
        ship_prefixes=_strings(path, data, "ship_prefixes"),
        lifecycle=_str_map(path, data, "lifecycle"),
        verification=_list_map(path, data, "verification"),
        claim_verbs=_strings(path, data, "claim_verbs"),
        generic_names=_strings(path, data, "generic_names"),
        ranks=_strings(path, data, "ranks"),
    )
