"""The cleaner on real pages: offsets kept, page furniture classified, dates and places found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.clean import Cleaner, normalise, split_lines
from eventwire.clean.rules import Rules
from eventwire.errors import DataFileError
from eventwire.model import Block, Cleaned, Document
from eventwire.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
needs_dev = pytest.mark.shared


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(Settings())


def load(folder: Path, name: str, published: str | None = None) -> Document:
    return Document(
        id=name, published=published, text=(folder / f"{name}.txt").read_text(encoding="utf-8")
    )


def span(cleaned: Cleaned, block: Block) -> str:
    return cleaned.doc.text[block.start : block.end]


def kinds_of(cleaned: Cleaned, prefix: str) -> list[str]:
    """The kinds of every block whose text starts with ``prefix`` (normalised)."""
    want = normalise(prefix)
    return [b.kind for b in cleaned.blocks if span(cleaned, b).startswith(want)]


def assert_offsets(doc: Document, cleaned: Cleaned) -> None:
    text = cleaned.doc.text
    assert len(text) == len(doc.text)
    lines = {(line.start, line.end): line.text for line in split_lines(text)}
    previous_end = 0
    for index, block in enumerate(cleaned.blocks):
        assert block.paragraph == index
        assert previous_end <= block.start < block.end <= len(text)
        piece = text[block.start : block.end]
        assert piece == piece.strip() != ""
        if block.place is not None and (block.start, block.end) not in lines:
            # a dateline body block starts right after "PLACE (Desk) - "
            assert text[block.start - 2 : block.start] == "- "
        else:
            assert lines[(block.start, block.end)] == piece
            assert block.start == 0 or text[block.start - 1].isspace()
        assert block.end == len(text) or text[block.end].isspace()
        previous_end = block.end


@pytest.mark.parametrize("name", ["seed-003", "d05-world-briefs"])
def test_offsets_on_fixture_articles(cleaner: Cleaner, name: str) -> None:
    doc = load(FIXTURES, name)
    cleaned = cleaner(doc)
    assert_offsets(doc, cleaned)
    assert cleaned.doc.text == normalise(doc.text)
    assert cleaned.doc.id == doc.id


@needs_dev
@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])
def test_offsets_on_every_dev_article(cleaner: Cleaner, path: Path) -> None:
    doc = load(DEV, path.stem)
    assert_offsets(doc, cleaner(doc))


def test_normalise_keeps_length() -> None:
    raw = "Myanmar’s “coup” – and\u00a0the\u200bNorth — ‘yes’\u2009ok"
    out = normalise(raw)
    assert out == "Myanmar's \"coup\" - and the North - 'yes' ok"
    assert len(out) == len(raw)


def test_seed_003_headline_repeats_are_never_body(cleaner: Cleaner) -> None:
    cleaned = cleaner(load(FIXTURES, "seed-003", "2022-11-14"))
    assert kinds_of(cleaned, "Facing North Korea’s Missile Threats") == [
        "headline",
        "repeat",
        "repeat",
    ]
    assert kinds_of(cleaned, "The Koreas") == ["boilerplate", "boilerplate"]
    assert kinds_of(cleaned, "Recent Features") == ["boilerplate"]
    assert kinds_of(cleaned, "In the trilateral summit on Sunday") == ["standfirst"]


def test_seed_003_caption_and_credit(cleaner: Cleaner) -> None:
    cleaned = cleaner(load(FIXTURES, "seed-003", "2022-11-14"))
    assert kinds_of(cleaned, "Credit: Official White House photo") == ["caption"]
    assert kinds_of(cleaned, "South Korean President Yoon Suk-yeol, U.S. President") == ["caption"]
    body = [b for b in cleaned.blocks if b.kind == "body"]
    assert len(body) == 15
    assert span(cleaned, body[0]).startswith("South Korean President Yoon Suk-yeol and U.S.")
    assert {b.ref_date for b in cleaned.blocks} == {"2022-11-14"}
    assert cleaned.doc.published == "2022-11-14"


def test_d05_briefs_have_their_own_dates_and_places(cleaner: Cleaner) -> None:
    cleaned = cleaner(load(FIXTURES, "d05-world-briefs"))
    assert cleaned.doc.published == "2024-07-01"
    first_blocks = {}
    for block in cleaned.blocks:
        if block.kind == "body" and block.place not in first_blocks:
            first_blocks[block.place] = (block.ref_date, span(cleaned, block)[:24])
    assert first_blocks == {
        "Seoul": ("2024-06-30", "The United States, Japan"),
        "Brussels": ("2024-06-28", "Five months ago, on 1 Fe"),
        "Caracas": ("2023-12-21", "Venezuela freed 10 Ameri"),
        "Manila": ("2023-11-04", "Japan's prime minister, "),
        "Amman": ("2024-03-03", "US Air Force C-130 cargo"),
    }
    # the second paragraph of the Korean brief keeps the brief's date and place
    follow = [b for b in cleaned.blocks if span(cleaned, b).startswith("North Korea's foreign")]
    assert [(b.kind, b.ref_date, b.place) for b in follow] == [("body", "2024-06-30", "Seoul")]
    assert kinds_of(cleaned, "Sunday 30 June 2024") == ["dateline"]
    assert kinds_of(cleaned, "KOREAN PENINSULA") == ["boilerplate"]
    assert kinds_of(cleaned, "Monday 1 July 2024") == ["dateline"]
    assert kinds_of(cleaned, "Our regional desks") == ["standfirst"]
    assert kinds_of(cleaned, "About these briefs") == ["boilerplate"]
    assert kinds_of(cleaned, "› Timeline") == ["boilerplate"]


def test_seed_000_subscription_pitch_is_boilerplate(cleaner: Cleaner) -> None:
    doc = Document(
        id="seed-000",
        published="2015-05-28",
        text=(
            "The Koreas\n\nUS, South Korea, Japan Coordinate Trilaterally on North Korea\n\n"
            "The United States, South Korea, and Japan agreed to pressure North Korea over its "
            "nuclear program.\n\nUS, South Korea, Japan Coordinate Trilaterally on North Korea\n"
            "Credit: Attila JANDI via\n\nOn Wednesday, South Korea, the United States, and Japan "
            "agreed to increase pressure and sanctions on North Korea.\n\n"
            "Enjoying this article? Click here to subscribe for full access. Just $5 a month.\n\n"
            "Kim, the U.S. envoy, had similar comments, according to a Yonhap report."
        ),
    )
    cleaned = cleaner(doc)
    assert [b.kind for b in cleaned.blocks] == [
        "boilerplate",
        "headline",
        "standfirst",
        "repeat",
        "caption",
        "body",
        "boilerplate",
        "body",
    ]


@needs_dev
def test_seed_000_from_shared(cleaner: Cleaner) -> None:
    cleaned = cleaner(load(DEV, "seed-000", "2015-05-28"))
    assert kinds_of(cleaned, "Enjoying this article?") == ["boilerplate"]
    assert kinds_of(cleaned, "The United States, South Korea, and Japan agreed") == ["standfirst"]
    assert kinds_of(cleaned, "Credit: Attila JANDI") == ["caption"]


@needs_dev
def test_d01_published_found_in_the_header(cleaner: Cleaner) -> None:
    cleaned = cleaner(load(DEV, "d01-myanmar-coup"))
    assert cleaned.doc.published == "2021-02-03"
    assert {b.ref_date for b in cleaned.blocks if b.kind == "body"} == {"2021-02-03"}
    assert kinds_of(cleaned, "Published Wednesday 3 February 2021") == ["dateline"]
    assert kinds_of(cleaned, "Generals declare a year-long") == ["standfirst"]
    # a date the user gave is kept
    assert cleaner(load(DEV, "d01-myanmar-coup", "2021-02-04")).doc.published == "2021-02-04"


# Per article: line prefix → the kind every block starting so must have.
EXPECTED = {
    "d01-myanmar-coup": [
        ("World › Asia-Pacific › Myanmar", "boilerplate"),
        ("By Asia Desk staff | Yangon", "boilerplate"),
        ("Share  ·  Tweet", "boilerplate"),
        ("Soldiers guard a road", "caption"),
        ("Myanmar’s military seized power", "body"),
        ("Read more:", "boilerplate"),
        ("• Who is Min Aung Hlaing", "boilerplate"),
        ("Topics:", "boilerplate"),
        ("Get our Asia Morning Briefing", "boilerplate"),
    ],
    "d02-sri-lanka-crisis": [
        ("NEWS · SOUTH ASIA · SRI LANKA", "boilerplate"),
        ("Sri Lankans have endured", "body"),
        ("Ranil Wickremesinghe sworn in", "standfirst"),
        ("South Asia Desk | COLOMBO", "boilerplate"),
        ("July 16, 2022 · 14:30", "dateline"),
        ("Demonstrators crowd a staircase", "caption"),
        ("Advertisement", "boilerplate"),
        ("Ranil Wickremesinghe was sworn in", "body"),
        ("Related coverage", "boilerplate"),
        ("› Explainer", "boilerplate"),
        ("Reporting by", "boilerplate"),
        ("Our Standards", "boilerplate"),
    ],
    "d03-tigray-peace-deal": [
        ("Home › World › Africa", "boilerplate"),
        ("African Union says", "standfirst"),
        ("By our Africa correspondent", "boilerplate"),
        ("Thursday 3 November 2022", "dateline"),
        ("Listen to this article", "boilerplate"),
        ("Image caption:", "caption"),
        ("Image source:", "caption"),
        ("Eritrea, which was not a party", "body"),
        ("More on this story", "boilerplate"),
        ("• Tigray conflict", "boilerplate"),
        ("Follow Africa news", "boilerplate"),
    ],
    "d04-ukraine-invasion-day": [
        ("EUROPE | RUSSIA-UKRAINE CRISIS", "boilerplate"),
        ("By International Staff", "boilerplate"),
        ("Updated Friday 25 February 2022", "dateline"),
        ("A firefighter works", "caption"),
        ("ADVERTISEMENT", "boilerplate"),
        ("Russia attacked Ukraine", "body"),
        ("» Map:", "boilerplate"),
        ("Get the Europe Today newsletter", "boilerplate"),
    ],
}


@needs_dev
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_furniture_of_dev_articles(cleaner: Cleaner, name: str) -> None:
    cleaned = cleaner(load(DEV, name))
    for prefix, kind in EXPECTED[name]:
        found = kinds_of(cleaned, prefix)
        assert found, prefix
        assert set(found) == {kind}, (prefix, found)
    headlines = [b for b in cleaned.blocks if b.kind == "headline"]
    assert len(headlines) == 1
    furniture = ("Photo:", "Sign up", "Read more", "Topics:", "By ", "Credit:")
    for block in cleaned.blocks:
        if block.kind == "body":
            assert not span(cleaned, block).startswith(furniture)


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("KYIV, Feb 24 (Reuters) - Russian forces attacked.", "Kyiv"),
        ("BRUSSELS — EU leaders agreed on sanctions.", "Brussels"),
        ("NEW YORK (AP) — The council met.", "New York"),
        ("NATO - the alliance - met on Thursday.", None),
        ("Russia — and its allies — met.", None),
    ],
)
def test_dateline_place(cleaner: Cleaner, line: str, place: str | None) -> None:
    doc = Document(id="x", published="2022-02-24", text=f"{line}\nA second paragraph follows.\n")
    cleaned = cleaner(doc)
    first, second = cleaned.blocks
    assert (first.kind, first.place, second.place) == ("body", place, place)
    if place is None:
        assert first.start == 0
    else:
        assert span(cleaned, first)[0].isupper()
        assert span(cleaned, first) in line.replace("—", "-")


def test_dateline_place_below_a_headline(cleaner: Cleaner) -> None:
    # the dash is looked up where the line sits in the page, not at the line's own offset
    text = (
        "Kenyan police land in Haiti\n\n"
        "PORT-AU-PRINCE — The first Kenyan police officers landed in Haiti on Tuesday.\n"
    )
    cleaned = cleaner(Document(id="x", published="2024-06-26", text=text))
    body = [b for b in cleaned.blocks if b.kind == "body"]
    assert body[0].place is not None
    assert body[0].place.lower() == "port-au-prince"
    assert span(cleaned, body[0]).startswith("The first Kenyan police")


def test_title_from_html_metadata_marks_the_headline(cleaner: Cleaner) -> None:
    doc = Document(
        id="h",
        title="Seoul and Tokyo agree",
        text="Seoul and Tokyo agree\nSeoul and Tokyo agreed on Sunday to share missile data.\n",
    )
    assert [b.kind for b in cleaner(doc).blocks] == ["headline", "body"]


def test_date_line_forms(cleaner: Cleaner) -> None:
    rules = cleaner.rules
    assert rules.parse_date_line("Sunday 30 June 2024") == ("2024-06-30", True)
    assert rules.parse_date_line("Published Wednesday 3 February 2021, 08:10 MMT") == (
        "2021-02-03",
        False,
    )
    assert rules.parse_date_line("July 16, 2022 · 14:30 (0900 GMT) · Updated 1 hour ago") == (
        "2022-07-16",
        False,
    )
    assert rules.parse_date_line("2022-11-13") == ("2022-11-13", True)
    assert rules.parse_date_line("Nov. 13, 2022") == ("2022-11-13", True)
    assert rules.parse_date_line("13/11/2022") == ("2022-11-13", True)
    assert rules.parse_date_line("30 June 2024 was the hottest day on record.") is None
    assert rules.parse_date_line("31 February 2024") is None
    assert rules.parse_date_line("UKRAINE") is None


def test_bad_rules_file_is_a_data_file_error() -> None:
    with pytest.raises(DataFileError, match="patterns"):
        Rules({"months": {}}, "data/clean/boilerplate.yaml")
    with pytest.raises(DataFileError, match="bad regex"):
        Rules({"patterns": {"boilerplate": ["("]}}, "data/clean/boilerplate.yaml")


_HYPOTHESIS_CLEANER = Cleaner(Settings())
_PIECES = st.one_of(
    st.characters(),
    st.sampled_from(list("\n\n\n  .-—–’“”\u00a0\u200b\u2028\r\t·›|")),
    st.sampled_from(
        ["SEOUL (Desk) — ", "Sunday 30 June 2024\n", "Credit: x\n", "By ", "Read more\n", "• "]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(_PIECES, max_size=200).map("".join))
def test_cleaner_never_fails_and_keeps_offsets(text: str) -> None:
    cleaned = _HYPOTHESIS_CLEANER(Document(id="h", text=text))
    assert len(cleaned.doc.text) == len(text)
    end = 0
    for block in cleaned.blocks:
        assert end <= block.start < block.end <= len(text)
        assert cleaned.doc.text[block.start : block.end].strip() != ""
        end = block.end


def test_a_lone_headline_is_coded_as_the_content(cleaner: Cleaner) -> None:
    alone = cleaner(Document(id="alert", text="Russian Forces Attack Ukrainian Border Posts"))
    assert [b.kind for b in alone.blocks] == ["body"]
    with_body = cleaner(
        Document(
            id="story",
            text="Russian Forces Attack Ukrainian Border Posts\n\n"
            "Russian troops shelled two border posts in the Kharkiv region on Monday, "
            "Ukrainian officials said.",
        )
    )
    assert [b.kind for b in with_body.blocks] == ["headline", "body"]


def test_a_one_line_wire_alert_yields_its_event(code: Any) -> None:
    events = code("Israeli jets strike Hamas targets in Gaza", date="2023-10-10")
    assert [e.type for e in events] == ["ASSAULT"]
