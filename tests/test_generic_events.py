"""Events of no typed kind (kg:OtherEvent): which words are actions, and when two reports of one are one event."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDF

from kg.extract.generic_events import generic_trigger, same_word
from kg.ontology import KG
from kg.pipeline import analyse_text, build
from kg.validate import validate_graph

pytestmark = pytest.mark.model


def generic(text: str) -> list[tuple[str, list[str], list[str]]]:
    ex = analyse_text(text, doc_date=date(2026, 3, 2))
    return [(e.trigger, [m.text for m in e.actors], [m.text for m in e.targets])
            for e in ex.events if e.kind == "OtherEvent"]


def test_a_verb_of_no_typed_kind_is_an_action_with_its_participants():
    assert generic("Northwind Aviation won a contract from Kestrel Airways on Monday.") == [
        ("won", ["Northwind Aviation"], [])]


def test_auxiliaries_relations_and_attribution_are_no_actions():
    assert generic("According to analysts, Harlow Motors is based in Ohio and has been profitable.") == []


def test_planned_or_denied_actions_make_no_mention():
    assert generic("Harlow Motors will close the plant.") == []
    assert generic("Harlow Motors did not close the plant.") == []


def test_event_nouns_count_and_things_do_not():
    triggers = [t for t, _, _ in generic("The closure of the plant followed a sharp drop in sales at the department.")]
    assert {"closure", "drop", "sales"} <= set(triggers) and "department" not in triggers and "plant" not in triggers


def test_words_of_one_action():
    assert same_word("announce", "announcement") and same_word("sell", "sale") and same_word("deliver", "delivery")
    assert not same_word("contract", "control") and not same_word("fall", "drop")
    assert same_word("fall", "drop", synonyms=True) and same_word("buy", "purchase", synonyms=True)


def test_typed_words_in_other_senses_become_actions():
    kinds = [e.kind for e in analyse_text("Pinecone Labs released a new phone.", doc_date=date(2026, 3, 2)).events]
    assert kinds == ["OtherEvent"]


def _build(tmp_path, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return build([tmp_path], tmp_path / "out", write=False).graph


def test_one_action_reported_by_two_articles_sharing_an_entity_is_one_event(tmp_path):
    g = _build(tmp_path, {
        "a": "date 2026-03-02\nNorthwind Aviation won a tanker contract on Monday.\n",
        "b": "date 2026-03-02\nThe tanker contract was won by Northwind Aviation, officials said.\n",
        "c": "date 2026-03-02\nHarlow Motors won an award for its engines.\n",
    })
    wins = set(g.subjects(RDF.type, KG.OtherEvent))
    reports = sorted(len(list(g.objects(e, KG.reportCount))) and int(g.value(e, KG.reportCount)) for e in wins
                     if "won" in str(g.value(e, KG.trigger)))
    assert reports == [1, 2]  # a and b are one win; Harlow's is another
    assert validate_graph(g).conforms


def test_other_events_are_not_kg_events_and_need_an_entity(tmp_path):
    g = _build(tmp_path, {"a": "date 2026-03-02\nShares fell sharply. Northwind Aviation won a contract.\n"})
    labels = [str(g.value(e, KG.trigger)) for e in g.subjects(RDF.type, KG.OtherEvent)]
    assert labels == ["won"]  # "fell" names no entity: it stays out of the graph
    assert not set(g.subjects(RDF.type, KG.OtherEvent)) & set(g.subjects(RDF.type, KG.Event))
