"""People, things, claims and quotes stored across documents (store migration 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.model import Document, Person, Related
from eventwire.pipeline import Pipeline
from eventwire.store import Store
from eventwire.store.relations import name_key

ACROSS = Path(__file__).parent.parent / "fixtures" / "relate" / "across.jsonl"


def _docs() -> dict[str, Document]:
    rows = [json.loads(line) for line in ACROSS.read_text(encoding="utf-8").splitlines()]
    return {row["id"]: Document(**row) for row in rows}


def _put(store: Store, pipeline: Pipeline, doc: Document) -> None:
    result = pipeline.relate_document(doc)
    assert result.error is None
    store.put(doc, result.events, related=result.related)


@pytest.fixture
def filled(store: Store, pipeline: Pipeline) -> Store:
    for doc in _docs().values():
        _put(store, pipeline, doc)
    return store


def test_one_person_across_articles_keeps_each_role_as_history(filled: Store) -> None:
    [kono] = filled.people(name="Kono")
    assert kono["name"] == "Taro Kono"
    assert kono["country"] == "JPN"
    assert kono["num_documents"] == 2
    assert kono["first_seen"] == "2018-06-01"
    assert kono["last_seen"] == "2019-10-01"
    assert "defence minister" in kono["role"].casefold()  # the latest article's role
    person = filled.person(kono["person_id"])
    assert person is not None
    roles = [(r["role"].casefold(), r["first_seen"]) for r in person["roles"]]
    assert roles[0] == ("japanese foreign minister", "2018-06-01")
    assert roles[1] == ("japanese defence minister", "2019-10-01")
    assert {d["doc_id"] for d in person["documents"]} == {"kono-2018", "kono-2019"}
    # his events: he is an actor of at least one event in each article
    assert {e["doc_id"] for e in person["events"]} == {"kono-2018", "kono-2019"}


def test_name_order_and_accents_do_not_split_a_person() -> None:
    assert name_key("Kishida Fumio") == name_key("Fumio Kishida")
    assert name_key("António Guterres") == name_key("Antonio GUTERRES")
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un")


def _person(doc_id: str, name: str, country: str | None, *aliases: str) -> Person:
    return Person(doc_id=doc_id, name=name, country=country, aliases=list(aliases))


def _bare_doc(doc_id: str, published: str) -> Document:
    return Document(id=doc_id, text=f"Text of {doc_id}.", published=published)


def test_same_surname_of_another_country_is_another_person(store: Store) -> None:
    for doc_id, person in (
        ("a", _person("a", "Kim Jong Un", "PRK", "Kim")),
        ("b", _person("b", "Sung Kim", "USA", "Kim")),
        ("c", _person("c", "Kim", "USA")),
    ):
        store.put(
            _bare_doc(doc_id, "2020-01-01"), [], related=Related(doc_id=doc_id, people=(person,))
        )
    people = {p["name"]: p for p in store.people(limit=None)}
    assert set(people) == {"Kim Jong Un", "Sung Kim"}
    assert people["Sung Kim"]["num_documents"] == 2  # "Kim" of the USA is the envoy
    assert people["Kim Jong Un"]["num_documents"] == 1


def test_an_ambiguous_surname_alone_is_not_guessed(store: Store) -> None:
    for doc_id, person in (
        ("a", _person("a", "Sung Kim", "USA")),
        ("b", _person("b", "Andy Kim", "USA")),
        ("c", _person("c", "Kim", "USA")),
    ):
        store.put(
            _bare_doc(doc_id, "2020-01-01"), [], related=Related(doc_id=doc_id, people=(person,))
        )
    names = sorted(p["name"] for p in store.people(limit=None))
    assert names == ["Andy Kim", "Kim", "Sung Kim"]


def test_a_full_name_later_upgrades_a_surname_only_person(store: Store) -> None:
    store.put(
        _bare_doc("a", "2020-01-01"),
        [],
        related=Related(doc_id="a", people=(_person("a", "Biden", "USA"),)),
    )
    store.put(
        _bare_doc("b", "2020-02-01"),
        [],
        related=Related(doc_id="b", people=(_person("b", "Joe Biden", "USA", "Biden"),)),
    )
    [biden] = store.people(limit=None)
    assert biden["name"] == "Joe Biden"
    assert biden["num_documents"] == 2


def test_a_thing_is_matched_by_acronym_and_keeps_parties_and_lifecycle(filled: Store) -> None:
    [gsomia] = filled.things(name="GSOMIA")
    assert gsomia["category"] == "agreement"
    assert gsomia["acronym"] == "GSOMIA"
    thing = filled.thing(gsomia["thing_id"])
    assert thing is not None
    assert {p["party"] for p in thing["parties"]} >= {"JPN", "KOR"}
    [step] = thing["lifecycle"]
    assert step["stage"] == "extended"
    assert step["event_id"] is not None
    assert "extend" in step["sentence"]
    assert filled.things(party="KOR", category="agreement") == [filled.things(name="GSOMIA")[0]]


def test_claims_keep_their_verification_status(filled: Store) -> None:
    [claim] = filled.claims(status="unverified")
    assert claim["doc_id"] == "claim-2020"
    assert "helicopter" in claim["text"]
    assert claim["event_id"] is not None
    assert filled.claims(about="MLI") == [claim]
    assert filled.count_claims(status="denied") == 0
    assert filled.count_claims() == len(filled.claims(limit=None))


def test_replacing_an_article_replaces_what_it_said(filled: Store, pipeline: Pipeline) -> None:
    doc = _docs()["kono-2019"]
    changed = doc.model_copy(
        update={"text": doc.text.replace("Defence Minister", "Foreign Minister")}
    )
    _put(filled, pipeline, changed)
    [kono] = filled.people(name="Taro Kono")
    person = filled.person(kono["person_id"])
    assert person is not None
    assert [r["role"].casefold() for r in person["roles"]] == ["japanese foreign minister"]
    assert person["roles"][0]["last_seen"] == "2019-10-01"
    # Mark Esper is still named; nobody is left without a mention
    orphans = filled.conn.execute(
        "SELECT COUNT(*) FROM people p WHERE NOT EXISTS "
        "(SELECT 1 FROM person_mentions m WHERE m.person_id = p.person_id)"
    ).fetchone()[0]
    assert orphans == 0


def test_a_person_named_only_in_a_replaced_article_is_removed(store: Store) -> None:
    doc = _bare_doc("a", "2020-01-01")
    store.put(doc, [], related=Related(doc_id="a", people=(_person("a", "Ada Lovelace", "GBR"),)))
    changed = doc.model_copy(update={"text": "Another text entirely, about nobody."})
    store.put(changed, [], related=Related(doc_id="a"))
    assert store.people(limit=None) == []


def test_relate_records_of_another_document_are_refused(store: Store) -> None:
    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="relate records of b"):
        store.put(_bare_doc("a", "2020-01-01"), [], related=Related(doc_id="b"))
    assert store.stats()["documents"] == 0


def test_a_failed_relate_write_keeps_what_was_stored(filled: Store) -> None:
    from eventwire.errors import StoreError
    from eventwire.model import Claim

    people, claims = filled.count_people(), filled.count_claims()
    # a claim without a claimant: the NOT NULL column refuses it mid-transaction
    bad = Claim.model_construct(
        doc_id="x", claimant=None, text="t", start=0, end=1, status="asserted", about=[]
    )
    related = Related(doc_id="x", people=(_person("x", "Ada Lovelace", "GBR"),)).model_copy(
        update={"claims": (bad,)}
    )
    with pytest.raises(StoreError, match="storing x failed"):
        filled.put(_bare_doc("x", "2021-01-01"), [], related=related)
    assert (filled.count_people(), filled.count_claims()) == (people, claims)
    assert filled.document("x", with_text=False) is None


def test_claim_dates_follow_the_events_date_rule(filled: Store) -> None:
    # the unverified claim is dated 2020-05-03: a month or a year matches it at either end
    for since, until in (
        ("2020-05", None),
        (None, "2020-05"),
        ("2020", "2020"),
        ("2020-05-03", None),
    ):
        assert filled.count_claims(status="unverified", since=since, until=until) == 1
    assert filled.count_claims(status="unverified", since="2020-05-04") == 0
    assert filled.count_claims(status="unverified", until="2020-04") == 0
