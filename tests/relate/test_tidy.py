"""The cross-check of a document's people and things (``relate/tidy.py``)."""

from __future__ import annotations

import json

from eventwire.model import Claim, Document, Person, Thing
from eventwire.pipeline import Pipeline
from eventwire.relate.tidy import merge_claims, tidy
from eventwire.vocab import load_relate_vocab
from tests.conftest import ROOT

EXAMPLES = ROOT / "src" / "eventwire" / "data" / "examples" / "articles.jsonl"
RV = load_relate_vocab()


def _p(name: str, role: str | None = None, *aliases: str) -> Person:
    return Person(doc_id="d", name=name, role=role, aliases=list(aliases))


def _t(name: str, category: str = "organisation", acronym: str | None = None) -> Thing:
    return Thing(doc_id="d", name=name, category=category, acronym=acronym)  # type: ignore[arg-type]


def test_an_organisation_named_like_a_person_of_the_text_is_dropped() -> None:
    people, things = tidy(
        [_p("Ranil Wickremesinghe", "prime minister", "Wickremesinghe")],
        [_t("Wickremesinghe"), _t("International Monetary Fund")],
        RV,
    )
    assert [t.name for t in things] == ["International Monetary Fund"]
    assert [p.name for p in people] == ["Ranil Wickremesinghe"]


def test_a_one_word_person_without_role_is_dropped_with_its_namesake() -> None:
    people, things = tidy([_p("Tigray"), _p("Abiy Ahmed", "Prime Minister")], [_t("Tigray")], RV)
    assert [p.name for p in people] == ["Abiy Ahmed"]
    assert things == ()


def test_an_operation_wins_over_a_person_without_role() -> None:
    people, things = tidy([_p("Freedom Edge")], [_t("Freedom Edge", "operation")], RV)
    assert people == ()
    assert [t.name for t in things] == ["Freedom Edge"]


def test_lists_lowercase_and_generic_words_are_not_organisations() -> None:
    _, things = tidy(
        [],
        [
            _t("Kyiv, Kharkiv, Odesa"),
            _t("supreme"),
            _t("State"),
            _t("NetBlocks"),
            _t("martial law", "policy"),
            _t("Union", acronym="EU"),
        ],
        RV,
    )
    assert [t.name for t in things] == ["NetBlocks", "martial law", "Union"]


def test_claims_of_one_sentence_and_claimant_merge() -> None:
    base = {"doc_id": "d", "claimant": "Singapore's foreign ministry", "text": "s", "end": 9}
    merged = merge_claims(
        [
            Claim(**base, start=0, event_id="d:1:1", about=["LKA"]),
            Claim(**base, start=0, event_id="d:1:2", about=["SGP"]),
            Claim(**base, start=20, event_id="d:2:1"),
        ]
    )
    assert [(c.start, c.event_id, c.event_ids, c.about) for c in merged] == [
        (0, "d:1:1", ["d:1:1", "d:1:2"], ["LKA", "SGP"]),
        (20, "d:2:1", ["d:2:1"], []),
    ]


def test_sample_articles_keep_people_and_things_apart(pipeline: Pipeline) -> None:
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        result = pipeline.relate_document(Document(**json.loads(line)))
        assert result.related is not None
        names = {n.casefold() for p in result.related.people for n in (p.name, *p.aliases)}
        for thing in result.related.things:
            assert "," not in thing.name
            if thing.category == "organisation":
                assert thing.name.casefold() not in names, (result.doc_id, thing.name)
        keys = [(c.start, c.claimant) for c in result.related.claims]
        assert len(keys) == len(set(keys))
