"""graph.ttl's writer: valid Turtle of exactly the graph's triples, the same bytes whatever the order of adding."""

from __future__ import annotations

import random

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import GraphError
from kg.graph import new_graph
from kg.ontology import KG
from kg.turtle import turtle

NS = "https://kg-news.org/ontology#"
ARTICLE = URIRef("https://kg-news.org/id/article/a-1")
ODD = [Literal('said "no"\nthen left \\ quietly'), Literal("Kyiv", lang="uk"), Literal(1), Literal(1.0), Literal("1"),
       Literal("1.50", datatype=XSD.decimal), Literal(True), Literal("2026-03-02", datatype=XSD.date),
       Literal("three ''' and \"\"\" quotes \r\t\u2028 \u00e9"), Literal("x", datatype=URIRef("http://example.org/dt")),
       URIRef("https://kg-news.org/ontology#1starts-with-a-digit"), URIRef("https://kg-news.org/ontology#a.b"),
       URIRef("https://kg-news.org/ontology#"), URIRef("https://kg-news.org/ontology#a%20b"), KG.Person]


def _graph(triples) -> Graph:
    g = new_graph()
    for t in triples:
        g.add(t)
    return g


def test_turtle_reads_back_as_the_same_graph_in_any_order():
    triples = [(ARTICLE, RDF.type, KG.Article), (ARTICLE, RDFS.label, Literal("a-1"))]
    triples += [(ARTICLE, URIRef(NS + "says"), o) for o in ODD]
    triples += [(URIRef(NS + "x-y"), URIRef("http://example.org/p"), Literal("1", datatype=XSD.integer))]
    text = turtle(_graph(triples))
    assert isomorphic(Graph().parse(data=text, format="turtle"), _graph(triples))
    shuffled = triples[:]
    random.Random(3).shuffle(shuffled)
    assert turtle(_graph(shuffled)) == text
    assert "<https://kg-news.org/id/article/a-1> a kg:Article ;\n    rdfs:label \"a-1\" ;" in text
    assert "<https://kg-news.org/ontology#a.b>" in text and "kg:Person" in text
    assert "@prefix kg: <https://kg-news.org/ontology#> ." in text and "@prefix owl:" not in text  # only those used


def test_turtle_refuses_blank_nodes():
    with pytest.raises(GraphError):
        turtle(_graph([(BNode(), RDF.type, KG.Person)]))
