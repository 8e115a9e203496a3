"""kg export: the same triples in every RDF format, TriG per article, GraphML for Gephi, CSV tables."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from kg.cli import main
from kg.export import FORMATS, article_dataset, csv_tables, entity_network, export_text
from kg.ontology import ID, KG

from .handmade import handmade_graph

RDF_PARSE = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "jsonld": "json-ld"}
OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
             "jsonld": ox.RdfFormat.JSON_LD}
RAPPER_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "trig": "trig"}


@pytest.fixture(scope="module")
def graph():
    g = handmade_graph()
    # text that CSV, XML and JSON must escape
    tricky = ID["entity/tricky"]
    g.add((tricky, RDF.type, KG.Company))
    g.add((tricky, RDFS.label, Literal('Acme, "Tools" & <Sons>\nLtd')))
    g.add((tricky, KG.mentionCount, Literal(1)))
    g.add((tricky, KG.mentionedIn, ID["article/article-one"]))
    return g


@pytest.fixture()
def ttl(tmp_path, graph):
    path = tmp_path / "graph.ttl"
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    return path


def kg(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def union_of(text: str, fmt: str) -> Graph:
    """All triples of an export, whatever graph they are in."""
    if fmt == "trig":
        ds = Dataset()
        ds.parse(data=text, format="trig")
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return Graph().parse(data=text, format=RDF_PARSE[fmt])


def oxigraph_triples(text: str, fmt: str) -> Graph:
    """Parse with Oxigraph, then hand its N-Triples to rdflib for comparison."""
    lines = {str(ox.Triple(q.subject, q.predicate, q.object)) + " ." for q in ox.parse(text.encode("utf-8"), OX_FORMAT[fmt])}
    return Graph().parse(data="\n".join(lines), format="nt")


@pytest.mark.parametrize("fmt", list(RDF_PARSE))
def test_every_rdf_format_has_the_same_triples(graph, fmt):
    text = export_text(graph, fmt)
    assert isomorphic(union_of(text, fmt), graph), f"{fmt}: rdflib reads back other triples"
    assert isomorphic(oxigraph_triples(text, fmt), graph), f"{fmt}: Oxigraph reads back other triples"


@pytest.mark.model
@pytest.mark.parametrize("fmt", list(RDF_PARSE))
def test_seed_exports_have_the_same_triples(seed_build, fmt):
    text = export_text(seed_build.graph, fmt)
    assert isomorphic(union_of(text, fmt), seed_build.graph)
    assert isomorphic(oxigraph_triples(text, fmt), seed_build.graph)


def _rapper():
    path = shutil.which("rapper")
    if path is None:
        reason = "rapper (Debian package raptor2-utils) is not installed; .ci/run installs it"
        if os.environ.get("KG_REQUIRE_RDF_TOOLS"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.mark.parametrize("fmt", list(RAPPER_SYNTAX))
def test_rapper_reads_every_export(graph, fmt, tmp_path):
    path = tmp_path / f"graph.{fmt}"
    path.write_text(export_text(graph, fmt), encoding="utf-8")
    proc = subprocess.run([_rapper(), "-q", "-i", RAPPER_SYNTAX[fmt], "-o", "nquads", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    back = Dataset()
    back.parse(data=proc.stdout, format="nquads")
    triples = Graph()
    for s, p, o, _ in back.quads((None, None, None, None)):
        triples.add((s, p, o))
    assert isomorphic(triples, graph)


def test_trig_has_one_named_graph_per_article(graph):
    ds = article_dataset(graph)
    articles = set(graph.subjects(RDF.type, KG.Article))
    named = {c.identifier for c in ds.graphs() if len(c) and c.identifier != ds.default_graph.identifier}
    assert named == articles
    for art in articles:
        g = ds.graph(art)
        # everything read from this article, and only that
        for node in set(g.subjects()):
            derived = set(graph.objects(node, PROV.wasDerivedFrom))
            assert derived == {art} or (node, KG.mentionCount, None) in graph
        for st in graph.subjects(PROV.wasDerivedFrom, art):
            assert set(graph.triples((st, None, None))) <= set(g)
            if (st, RDF.type, KG.Statement) in graph:
                supported = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
                assert supported in g
    trump = ID["entity/donald-trump"]
    assert (trump, RDFS.label, Literal("Donald Trump")) in ds.default_graph
    assert (trump, KG.ordered, ID["entity/venezuela"]) in ds.graph(ID["article/article-one"])
    assert (trump, KG.leaderOf, ID["entity/united-states"]) in ds.graph(ID["article/article-two"])
    # read back, the named graphs are still there
    back = Dataset()
    back.parse(data=export_text(graph, "trig"), format="trig")
    assert {c.identifier for c in back.graphs() if len(c)} >= articles


def test_jsonld_has_a_compact_context(graph):
    doc = json.loads(export_text(graph, "jsonld"))
    assert doc["@context"]["kg"] == "https://kg-news.org/ontology#"
    assert "schema" not in doc["@context"]  # only the prefixes the graph uses
    people = [n for n in doc["@graph"] if n.get("@type") == "kg:Person"]
    assert {n["rdfs:label"] for n in people} == {"Donald Trump", "Jennifer Jacobs", "Nicolas Maduro"}


def test_ntriples_are_sorted_and_stable(graph):
    text = export_text(graph, "ntriples")
    lines = text.splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)
    assert export_text(handmade_graph() + Graph(), "ntriples") != "" and text == export_text(graph, "ntriples")


def test_graphml_for_gephi(graph):
    g = nx.read_graphml(io.BytesIO(export_text(graph, "graphml").encode("utf-8")), force_multigraph=True)
    nodes, edges = entity_network(graph)
    assert g.number_of_nodes() == len(nodes) == 10 and g.number_of_edges() == len(edges) == 6
    trump = g.nodes["https://kg-news.org/id/entity/donald-trump"]
    assert (trump["label"], trump["class"], trump["mention_count"]) == ("Donald Trump", "Person", 2)
    assert g.nodes["https://kg-news.org/id/entity/tricky"]["label"] == 'Acme, "Tools" & <Sons>\nLtd'
    attrs = [d for _, _, d in g.edges(data=True) if d["property"] == "leaderOf"]
    assert {d["label"] for d in attrs} == {"leader of"} and all(d["statements"] == 1 for d in attrs)
    assert g.is_directed()


def test_csv_nodes_and_edges(graph, ttl, tmp_path):
    out = tmp_path / "tables"
    res = kg("export", "--format", "csv", "--graph", ttl, "--out", out)
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines() == [f"wrote {out / 'nodes.csv'}", f"wrote {out / 'edges.csv'}"]
    nodes = list(csv.DictReader((out / "nodes.csv").open(encoding="utf-8", newline="")))
    edges = list(csv.DictReader((out / "edges.csv").open(encoding="utf-8", newline="")))
    assert list(nodes[0]) == ["id", "label", "class", "mention_count"]
    assert list(edges[0]) == ["source", "source_label", "property", "label", "target", "target_label", "statements"]
    assert len(nodes) == 10 and len(edges) == 6
    assert {"Acme, \"Tools\" & <Sons>\nLtd"} <= {n["label"] for n in nodes}
    assert {(e["source_label"], e["property"], e["target_label"]) for e in edges} >= {
        ("Donald Trump", "ordered", "Venezuela"), ("US Navy", "attacked", "Venezuela")}
    # on standard output: the nodes table, an empty line, the edges table
    nodes_text, edges_text = csv_tables(graph)
    assert kg("export", "--format", "csv", "--graph", ttl).stdout == nodes_text + "\n" + edges_text


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_cli_export_to_stdout_and_file(graph, ttl, tmp_path, fmt):
    res = kg("export", "--format", fmt, "--graph", ttl)
    assert res.exit_code == 0, res.output
    out = tmp_path / f"export.{fmt}"
    res2 = kg("export", "--format", fmt, "--graph", ttl, "--out", out)
    assert res2.exit_code == 0 and res2.stderr == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8") == res.stdout
    if fmt in RDF_PARSE:
        assert isomorphic(union_of(res.stdout, fmt), graph)


def test_cli_export_errors(ttl, tmp_path):
    res = kg("export", "--format", "turtle", "--graph", ttl, "--out", tmp_path)
    assert res.exit_code == 1
    assert res.stderr == f"Error: {tmp_path}: is a folder; give a file name such as {tmp_path / 'graph.ttl'}\n"
    res = kg("export", "--format", "csv", "--graph", ttl, "--out", ttl)
    assert res.stderr == f"Error: {ttl}: the csv export writes nodes.csv and edges.csv into a folder; this is a file\n"
    res = kg("export", "--graph", tmp_path / "none.ttl")
    assert res.stderr == f"Error: {tmp_path / 'none.ttl'}: no graph here; run `kg build` first or pass --graph\n"
    res = kg("export", "--format", "rdfxml", "--graph", ttl)
    assert res.exit_code == 2 and "'rdfxml' is not one of" in res.stderr


def test_default_export_is_turtle_of_output_graph(ttl, tmp_path, monkeypatch, graph):
    (tmp_path / "output").mkdir()
    shutil.copy(ttl, tmp_path / "output" / "graph.ttl")
    monkeypatch.chdir(tmp_path)
    res = kg("export")
    assert res.exit_code == 0 and isomorphic(Graph().parse(data=res.stdout, format="turtle"), graph)


def test_entity_network_skips_non_entities(graph):
    nodes, edges = entity_network(graph)
    iris = {n.iri for n in nodes}
    assert not any("/statement/" in i or "/event/" in i or "/article/" in i for i in iris)
    assert all(e.source in iris and e.target in iris for e in edges)
    assert URIRef("https://kg-news.org/ontology#mentionedIn") not in {KG[e.prop] for e in edges}


def test_graphml_is_well_formed_xml_whatever_the_labels():
    g = handmade_graph()
    g.set((ID["entity/caracas"], RDFS.label, Literal("Cara\x01cas")))
    parsed = nx.read_graphml(io.BytesIO(export_text(g, "graphml").encode("utf-8")))
    assert parsed.nodes["https://kg-news.org/id/entity/caracas"]["label"] == "Cara\ufffdcas"
