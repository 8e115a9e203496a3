"""kg validate: the SHACL contract holds for what kg builds and catches each way a graph can break it."""

from __future__ import annotations


import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.cli import main
from kg.ontology import GAF, ID, KG, SHAPES_FILE
from kg.validate import validate_graph

from .handmade import handmade_graph

E = lambda slug: ID[f"entity/{slug}"]  # noqa: E731


def kg(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def first_statement(g: Graph, pred: URIRef) -> URIRef:
    return next(st for st in g.subjects(RDF.type, KG.Statement) if (st, RDF.predicate, pred) in g)


def first_event(g: Graph, cls: URIRef) -> URIRef:
    return next(g.subjects(RDF.type, cls))


def first_mention(g: Graph, cls: URIRef) -> URIRef:
    return next(g.objects(first_event(g, cls), GAF.denotedBy))


def test_shapes_file_is_shacl():
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    assert len(set(shapes.subjects(RDF.type, SH.NodeShape))) >= 7


def test_handmade_graph_conforms():
    report = validate_graph(handmade_graph())
    assert report.conforms, report.text()
    # 105 of co-mentions and counts; 39 counted across reports: kg:outletCount on 6 statements and 4 events, one
    # kg:disputed (the date of the explosions), 4 source tallies (3 articles, 1 cited person) of 7 triples each
    assert report.checked == {"entities": 9, "statements": 6, "events": 4, "triples": 389}


@pytest.mark.model
def test_the_graph_kg_builds_conforms(seed_build):
    report = validate_graph(seed_build.graph)
    assert report.conforms, report.text()
    assert report.checked["entities"] == len(seed_build.entities)


def _no_label(g):
    g.remove((E("caracas"), RDFS.label, None))


def _two_labels(g):
    g.add((E("venezuela"), RDFS.label, Literal("Bolivarian Republic")))


def _no_class(g):
    g.remove((E("caracas"), RDF.type, None))


def _wrong_domain(g):
    st = first_statement(g, KG.ordered)
    g.set((st, RDF.subject, E("caracas")))
    g.add((E("caracas"), KG.ordered, E("venezuela")))


def _wrong_range(g):
    st = first_statement(g, KG.launched)
    g.set((st, RDF.object, E("venezuela")))
    g.add((E("united-states"), KG.launched, E("venezuela")))


def _relation_without_statement(g):
    g.add((E("donald-trump"), KG.metWith, E("nicolas-maduro")))


def _statement_without_sentence(g):
    g.remove((first_statement(g, KG.ordered), KG.sentence, None))


def _statement_without_article(g):
    g.remove((first_statement(g, KG.ordered), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))


def _event_without_provenance(g):
    g.remove((first_mention(g, KG.Attack), KG.rule, None))


def _event_without_report(g):
    g.remove((first_event(g, KG.Attack), GAF.denotedBy, None))


def _invalid_date(g):
    g.set((first_event(g, KG.Attack), KG.date, Literal("2025-02-30", datatype=XSD.date)))


def _date_as_text(g):
    g.set((first_statement(g, KG.ordered), KG.date, Literal("January 3")))


def _confidence_out_of_range(g):
    g.set((first_statement(g, KG.ordered), KG.confidence, Literal("1.5", datatype=XSD.decimal)))


def _statement_of_a_missing_triple(g):
    g.remove((E("donald-trump"), KG.ordered, E("venezuela")))


def _place_not_a_location(g):
    g.add((first_event(g, KG.Attack), URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace"), E("donald-trump")))


BREAKS = {
    "no label": (_no_label, "kgid:entity/caracas rdfs:label: an entity has exactly one rdfs:label"),
    "two labels": (_two_labels, "kgid:entity/venezuela rdfs:label: an entity has exactly one rdfs:label"),
    "no class": (_no_class, "kgid:entity/caracas: an entity needs a class of the kg ontology"),
    "wrong domain": (_wrong_domain, "kgid:entity/caracas kg:ordered: is the subject of kg:ordered, whose domain is kg:Agent"),
    "wrong range": (_wrong_range, "kgid:entity/united-states kg:launched: is the subject of kg:launched with the "
                                  "object kgid:entity/venezuela, which is no kg:MilitaryOperation"),
    "no statement": (_relation_without_statement, "kgid:entity/donald-trump kg:metWith: is the subject of kg:metWith "
                                                   "with the object kgid:entity/nicolas-maduro, but no kg:Statement"),
    "no sentence": (_statement_without_sentence, "kg:sentence: a statement or event quotes exactly one kg:sentence"),
    "no article": (_statement_without_article, "prov:wasDerivedFrom: a statement or event is prov:wasDerivedFrom "
                                               "exactly one kg:Article"),
    "event without rule": (_event_without_provenance, "kg:rule: a statement or event names the one kg:rule"),
    "event without report": (_event_without_report, "gaf:denotedBy: an event is gaf:denotedBy at least one kg:EventMention"),
    "invalid date": (_invalid_date, "kg:date: kg:date is at most one xsd:date (value: 2025-02-30)"),
    "date as text": (_date_as_text, "kg:date: kg:date is at most one xsd:date (value: January 3)"),
    "confidence": (_confidence_out_of_range, "kg:confidence: kg:confidence is one xsd:decimal between 0 and 1"),
    "missing triple": (_statement_of_a_missing_triple, "is a kg:Statement of a triple that is not in the graph: "
                                                       "kgid:entity/donald-trump kg:ordered kgid:entity/venezuela"),
    "place": (_place_not_a_location, "sem:hasPlace: the place of an event is a kg:Location (value: kgid:entity/donald-trump)"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_each_break_is_reported(name):
    g = handmade_graph()
    breaker, expected = BREAKS[name]
    breaker(g)
    report = validate_graph(g)
    assert not report.conforms
    text = report.text()
    assert expected in text, text


def test_cli_validate_conforming_graph(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(handmade_graph().serialize(format="turtle"), encoding="utf-8")
    res = kg("validate", "--graph", path)
    assert res.exit_code == 0, res.output
    assert res.stdout == (f"{path} conforms to the kg graph contract "
                          "(9 entities, 6 statements, 4 events, 389 triples checked)\n")


def test_cli_validate_broken_graph_exits_1(tmp_path):
    g = handmade_graph()
    _no_label(g)
    _invalid_date(g)
    path = tmp_path / "graph.ttl"
    path.write_text(g.serialize(format="turtle"), encoding="utf-8")
    res = kg("validate", "--graph", path)
    assert res.exit_code == 1
    out = res.stdout.splitlines()
    assert out[0] == (f"{path} does not conform to the kg graph contract: 3 violations "
                      "(9 entities, 6 statements, 4 events, 388 triples checked)")
    assert out[1:] == [
        "- 2025-02-30: a date is a valid xsd:date (YYYY-MM-DD)",
        "- kgid:entity/caracas rdfs:label: an entity has exactly one rdfs:label, a non-empty string",
        "- kgid:event/article-two/f30d7317192a kg:date: kg:date is at most one xsd:date (value: 2025-02-30)",
    ]
    assert "Traceback" not in res.output and "Failed to convert" not in res.output


def test_cli_validate_missing_graph(tmp_path):
    res = kg("validate", "--graph", tmp_path / "none.ttl")
    assert res.exit_code == 1
    assert res.stderr == f"Error: {tmp_path / 'none.ttl'}: no graph here; run `kg build` first or pass --graph\n"


def test_validation_of_thousands_of_triples_checks_every_one():
    base = handmade_graph()
    g = Graph()
    for i in range(20):  # twenty renamed copies: about 3,500 triples
        def rename(t, i=i):
            return URIRef(f"{t}-{i}") if isinstance(t, URIRef) and str(t).startswith(str(ID)) else t
        for s, p, o in base:
            g.add((rename(s), p, rename(o)))
    report = validate_graph(g)  # its speed is measured by bench/, not here
    assert report.conforms and report.checked["triples"] == 20 * len(base)


def test_an_entity_without_mentions_is_reported():
    g = handmade_graph()
    g.remove((E("caracas"), KG.mentionedIn, None))
    g.remove((E("caracas"), KG.mentionCount, None))
    text = validate_graph(g).text()
    assert "kgid:entity/caracas kg:mentionCount: an entity has one kg:mentionCount, an integer of at least 1" in text
    assert "kgid:entity/caracas kg:mentionedIn: an entity is kg:mentionedIn at least one kg:Article" in text


@pytest.mark.model
def test_graphs_with_generic_verbs_and_leaders_conform():
    """A generic verb reading is a statement without a triple, and a leader's "works for" reading gives way
    to leaderOf: both are by design, so the contract accepts them (and still rejects a dangling typed one)."""
    from datetime import date

    from kg.graph import build_graph
    from kg.pipeline import analyse_text
    from kg.resolve import resolve
    ex = analyse_text("Apple executive Steve Jobs resigned. Apple CEO Steve Jobs spoke. Microsoft praised Apple's "
                      "design on Monday. Intel called Apple yesterday.", doc_date=date(2026, 1, 3))
    ents, index = resolve([ex])
    g = build_graph([ex], ents, index)
    assert list(g.triples((None, RDF.predicate, KG.relatedTo))) and list(g.triples((None, RDF.predicate, KG.worksFor)))
    report = validate_graph(g)
    assert report.conforms, report.text()
    st = first_statement(g, KG.leaderOf)
    g.remove((g.value(st, RDF.subject), KG.leaderOf, g.value(st, RDF.object)))
    assert not validate_graph(g).conforms
