"""The seed article, built and queried end to end."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph

from kg.cli import main
from kg.ontology import KG, PREFIXES

from .conftest import SEED

pytestmark = pytest.mark.model


def test_build_writes_turtle_and_page(seed_build):
    assert seed_build.ttl_path.exists() and seed_build.html_path.exists()
    g = Graph().parse(seed_build.ttl_path, format="turtle")
    assert len(g) == len(seed_build.graph)
    assert "var network" in seed_build.html_path.read_text(encoding="utf-8")


def test_every_entity_has_one_label_and_a_class(seed_build):
    g = seed_build.graph
    for node in g.subjects(KG.mentionedIn, None, unique=True):
        assert len(list(g.objects(node, RDFS.label))) == 1
        assert any(str(c).startswith(str(KG._NS)) for c in g.objects(node, RDF.type))


def test_seed_people_and_countries_are_queryable(seed_build):
    q = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }"
    people = {str(r[0]) for r in seed_build.graph.query(q, initNs=PREFIXES)}
    assert {"Donald Trump", "Nicolas Maduro", "Gustavo Petro", "Jennifer Jacobs"} <= people
    q = "SELECT ?name WHERE { ?c a kg:Country ; rdfs:label ?name }"
    countries = {str(r[0]) for r in seed_build.graph.query(q, initNs=PREFIXES)}
    assert {"Venezuela", "Colombia", "United States"} <= countries


def test_article_node_has_date_and_source(seed_build):
    rows = list(seed_build.graph.query(
        "SELECT ?d ?f WHERE { ?a a kg:Article ; dcterms:date ?d ; kg:sourceFile ?f }", initNs=PREFIXES))
    assert len(rows) == 1 and str(rows[0][0]) == "2026-01-03" and rows[0][1].endswith("venezuela-2026-01-03.txt")


def test_cli_build_then_query(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["build", str(SEED), "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "entities:" in res.output and "graph.ttl" in res.output
    res = runner.invoke(main, ["query", "SELECT ?n WHERE { ?c a kg:City ; rdfs:label ?n }",
                               "--graph", str(tmp_path / "graph.ttl"), "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert "Caracas" in res.output
