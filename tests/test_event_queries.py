"""Named queries over events of a typed kind and actions of no typed kind (kg:OtherEvent)."""

from __future__ import annotations

import pytest
from rdflib import RDF

from kg.ontology import KG
from kg.pipeline import build
from kg.query import load_graph, named_query
from kg.store import write_store

from .query_support import cross_check, rdflib_rows, rows_of


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "a.txt").write_text("date 2026-03-02\nRebel drones attacked the port of Harwick on Monday. "
                                  "Northwind Aviation won a tanker contract in Harwick on Monday.\n", encoding="utf-8")
    return build([folder], folder / "out", write=False).graph


def test_the_graph_has_an_action_of_no_typed_kind(mixed):
    assert set(mixed.subjects(RDF.type, KG.OtherEvent)) and set(mixed.subjects(RDF.type, KG.Attack))


def test_timeline_lists_typed_events_unless_asked_for_other_ones(mixed):
    assert [r["kind"] for r in rows_of(mixed, "timeline")] == ["Attack"]
    assert [r["kind"] for r in rows_of(mixed, "timeline", {"entity": "Harwick"})] == ["Attack"]
    other = rows_of(mixed, "timeline", {"kind": "OtherEvent"})
    assert [r["kind"] for r in other] == ["OtherEvent"] and "Northwind" in other[0]["actors"]


def test_profile_flags_actions_of_no_typed_kind(mixed):
    rows = rows_of(mixed, "profile", {"entity": "Northwind"})
    assert {r["direction"] for r in rows if "#OtherEvent" not in r["value"]} >= {"action"}
    assert "event" not in {r["direction"] for r in rows}
    harwick = {r["direction"] for r in rows_of(mixed, "profile", {"entity": "Harwick"})}
    assert {"event", "action"} <= harwick


def test_event_finds_an_action_of_no_typed_kind_by_its_iri_only(mixed):
    (action,) = set(mixed.subjects(RDF.type, KG.OtherEvent))
    assert rows_of(mixed, "event", {"event": "Northwind"}) == []
    rows = rows_of(mixed, "event", {"event": str(action)})
    assert [r["trigger"] for r in rows] == ["won"]
    assert rows_of(mixed, "event", {"event": str(action).split("/event/", 1)[1]}) == rows
    assert {r["trigger"] for r in rows_of(mixed, "event", {"event": "Harwick"})} == {"attacked"}


def test_the_event_queries_agree_with_oxigraph(mixed):
    (action,) = set(mixed.subjects(RDF.type, KG.OtherEvent))
    counts = cross_check(mixed, {"profile": {"entity": "Harwick"}, "event": {"event": str(action)},
                                 "timeline": {"kind": "other"}})
    assert counts["timeline"] == 1 and counts["event"] == 1


def test_a_search_that_matches_nothing_gives_no_rows_on_both_engines(mixed):
    # rdflib makes one empty group of a grouping over nothing: each level of the queries keeps to what it found
    for name, params in (("timeline", {"entity": "Nowhere"}), ("timeline", {"kind": "Nothing"}),
                         ("event", {"event": "Nowhere"}), ("event", {"event": "Northwind"})):
        assert rows_of(mixed, name, params) == [], (name, params)
    cross_check(mixed, {"timeline": {"entity": "Nowhere"}, "event": {"event": "Nowhere"}, "profile": {"entity": "Nowhere"}})


def test_a_store_keeps_actions_of_no_typed_kind_out_of_a_search_by_words(tmp_path, mixed):
    write_store(tmp_path, mixed)
    (action,) = set(mixed.subjects(RDF.type, KG.OtherEvent))
    store_graph = load_graph(tmp_path)
    for value, triggers in (("Northwind", set()), (str(action), {"won"}), ("Harwick", {"attacked"})):
        fast = named_query("event").bind({"event": value}, tmp_path)  # the nodes the store's label index finds
        rows = rdflib_rows(store_graph, fast)
        assert "VALUES" in fast and rows == rdflib_rows(store_graph, named_query("event").bind({"event": value}))
        trigger_at = rows[0].index("trigger")
        assert {row[trigger_at].strip('"') for row in rows[1]} == triggers, value
