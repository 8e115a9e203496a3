"""What the build counts across reports: outlets per relation and event, disputes by entity, source tallies."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal

from kg.ontology import KG, SEM
from kg.render import page_data
from kg.support import outlet_key, web_host
from kg.validate import validate_graph

from .handmade import reports_graph, three_reports
from .query_support import cross_check, rows_of


@pytest.fixture(scope="module")
def three():
    return reports_graph(three_reports())


def test_an_outlet_is_the_publisher_else_the_web_site_else_the_article():
    assert web_host("https://www.Northwire.example:8080/a?b#c") == "northwire.example"
    assert web_host("file:///tmp/a.txt") is None and web_host("") is None
    assert outlet_key("https://kg-news.org/id/entity/reuters", "https://x.example/", "a") == (
        "publisher", "https://kg-news.org/id/entity/reuters")
    assert outlet_key(None, "http://x.example/1", "a") == ("host", "x.example")
    assert outlet_key(None, "", "https://kg-news.org/id/article/a") == ("article", "https://kg-news.org/id/article/a")


def test_three_reports_are_one_event_of_three_outlets_disputing_the_dead(three):
    (event,) = set(three.subjects(KG.reportCount, None))
    assert three.value(event, KG.reportCount) == Literal(3) and three.value(event, KG.outletCount) == Literal(3)
    # 12 dead against 15; "the US", "United States" and "US forces" are one side: no dispute about who did it
    assert set(three.objects(event, KG.disputed)) == {KG.casualties}
    assert validate_graph(three).conforms


def test_a_relation_counts_distinct_outlets_not_articles():
    reports = three_reports()
    # a second article of the Daily Courier also says Lena Ostova works for the Harbour Authority
    reports.append({**reports[0], "id": "courier-2", "published": date(2026, 2, 13)})
    g = reports_graph(reports)
    counts = {int(g.value(st, KG.outletCount)) for st in g.subjects(KG.outletCount, None)
              if (st, KG.outletCount, None) in g and g.value(st, KG.sentence) is not None}
    assert counts == {2}  # three statements, from the Daily Courier twice and Northwire
    rows = rows_of(g, "support", {"subject": "Ostova"})
    assert len(rows) == 3 and {r["outlets"] for r in rows} == {"2"}
    edge = next(e for e in page_data(g)["edges"] if e["pred"] == "worksFor")
    assert len(edge["statements"]) == 3 and edge["outlets"] == 2
    # an event's reports give its outlets in `support` too
    attack = rows_of(g, "support", {"predicate": "attack"})
    assert attack and {r["outlets"] for r in attack} == {"3"}


def test_disputes_compare_sides_by_entity_not_by_name(three):
    assert not [r for r in rows_of(three, "disputes") if r["aspect"] == "actor"]
    rows = rows_of(three, "disputes")
    assert {(r["aspect"], r["value"], r["reports"], frozenset(r["sources"].split("; "))) for r in rows} == {
        ("casualties", "12", "2", frozenset({"Daily Courier", "bulletin"})),
        ("casualties", "15", "1", frozenset({"northwire.example"}))}
    # two people of one surname are two sides: a dispute about who did it, though one name contains the other
    reports = three_reports()[:2]
    reports[0] = {**reports[0], "actor": "Mira Sandor", "actor_text": None, "casualties": 15,
                  "text": "Mira Sandor ordered the attack on the Harbour Authority in Port Alma, says Lena Ostova."}
    reports[1] = {**reports[1], "actor": "Sandor",
                  "text": "Sandor led an attack on the Harbour Authority in Port Alma that killed 15, says Lena Ostova."}
    g = reports_graph(reports)
    rows = rows_of(g, "disputes")
    assert {(r["aspect"], r["value"], r["sources"]) for r in rows} == {
        ("actor", "Mira Sandor", "Daily Courier"), ("actor", "Sandor", "northwire.example")}
    assert {r["valueNode"].rsplit("/", 1)[1] for r in rows} == {"mira-sandor", "sandor"}
    (event,) = set(g.subjects(KG.reportCount, None))
    assert set(g.objects(event, KG.disputed)) == {SEM.hasActor}
    (node,) = [n for n in page_data(g)["nodes"] if n["kind"] == "event"]
    assert node["disputed"] == ["actor"] and [s["actors"] for s in node["statements"]] == [["Mira Sandor"], ["Sandor"]]


def test_sources_are_counted_per_outlet_and_cited_source(three):
    rows = {(r["sourceName"], r["kind"]): r for r in rows_of(three, "sources")}
    assert set(rows) == {("Daily Courier", "outlet"), ("northwire.example", "outlet"), ("bulletin", "outlet")}
    assert all((r["events"], r["reports"], r["onlySource"]) == ("1", "1", "0") for r in rows.values())
    assert rows[("northwire.example", "outlet")]["source"] == ""  # a web site known by its host has no node
    assert [r["sourceName"] for r in rows_of(three, "sources", {"source": "courier"})] == ["Daily Courier"]


def test_the_queries_agree_with_oxigraph_on_several_reports(three):
    counts = cross_check(three, {"profile": {"entity": "Ostova"}, "event": {"event": "Port Alma"}})
    assert counts["disputes"] == 2 and counts["sources"] == 3 and counts["event"] == 3


def test_the_page_filters_relations_and_events_by_outlets(three):
    data = page_data(three)
    (event,) = [n for n in data["nodes"] if n["kind"] == "event"]
    assert event["reports"] == 3 and event["outlets"] == 3 and event["disputed"] == ["casualties"]
    assert [(s["outlet"], s["counts"]) for s in event["statements"]] == [
        ("Daily Courier", {"casualties": 12}), ("northwire.example", {"casualties": 15}),
        ("bulletin", {"casualties": 12})]
    (works,) = [e for e in data["edges"] if e["pred"] == "worksFor"]
    assert works["outlets"] == 2
