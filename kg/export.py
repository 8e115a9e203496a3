"""Exports of a graph: RDF serialisations, TriG with a graph per article, GraphML for Gephi, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from .errors import KgError
from .io import write_text_atomic
from .ontology import ENTITY_CLASSES, KG, PREFIXES, bind_prefixes, ontology_graph, relation_properties

RDF_FORMATS = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "jsonld": "json-ld"}
FORMATS = (*RDF_FORMATS, "graphml", "csv")
CSV_FILES = ("nodes.csv", "edges.csv")


class ExportError(KgError):
    """An export could not be made or written."""


def export_text(graph: Graph, fmt: str) -> str:
    """The graph in one of FORMATS, as text (csv: the nodes table, an empty line, the edges table)."""
    if fmt == "turtle":
        return bind_prefixes(graph).serialize(format="turtle")
    if fmt == "ntriples":
        # sorted, so that two exports of the same graph compare equal line by line; split at "\n" only:
        # str.splitlines() would also split at U+2028, U+0085 ... which N-Triples keeps raw inside literals
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
        return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())
    if fmt == "trig":
        return article_dataset(graph).serialize(format="trig")
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=_context(graph), auto_compact=True)
    if fmt == "graphml":
        return graphml_text(graph)
    if fmt == "csv":
        nodes, edges = csv_tables(graph)
        return nodes + "\n" + edges
    raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_export(graph: Graph, fmt: str, out: str | Path) -> list[Path]:
    """Write the export to out (csv: a folder that receives nodes.csv and edges.csv); returns the files."""
    out = Path(out)
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out}: the csv export writes {' and '.join(CSV_FILES)} into a folder; this is a file")
        targets = [out / name for name in CSV_FILES]
        for target, text in zip(targets, csv_tables(graph)):
            write_text_atomic(target, text)
        return targets
    if out.is_dir():
        raise ExportError(f"{out}: is a folder; give a file name such as {out / ('graph.' + suffix(fmt))}")
    text = export_text(graph, fmt)
    try:
        write_text_atomic(out, text)
    except OSError as e:
        raise ExportError(f"{out}: cannot write ({e.strerror or e})") from None
    return [out]


def suffix(fmt: str) -> str:
    return {"turtle": "ttl", "ntriples": "nt", "trig": "trig", "jsonld": "jsonld", "graphml": "graphml"}.get(fmt, fmt)


def _context(graph: Graph) -> dict[str, str]:
    """A compact JSON-LD context: the kg prefixes the graph uses."""
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    used |= {str(o.datatype) for o in graph.objects() if isinstance(o, Literal) and o.datatype}
    return {p: ns for p, ns in PREFIXES.items() if any(u.startswith(ns) for u in used)}


# ---------------------------------------------------------------- TriG

def article_dataset(graph: Graph) -> Dataset:
    """The triples read from each article in a named graph (the article's IRI); the rest in the default graph.

    A statement or event mention goes with its article, and so does the entity-to-entity triple a
    statement supports (in each article that supports it); events, which span articles, stay in the
    default graph. The union of all graphs is the input graph.
    """
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    placed: set = set()
    for node, article in sorted(graph.subject_objects(PROV.wasDerivedFrom)):
        named = ds.graph(article)
        for triple in graph.triples((node, None, None)):
            named.add(triple)
            placed.add(triple)
        if (node, RDF.type, KG.Statement) in graph:
            supported = (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object))
            if None not in supported and supported in graph:
                named.add(supported)
                placed.add(supported)
    default = ds.default_graph
    for triple in graph:
        if triple not in placed:
            default.add(triple)
    return ds


# ---------------------------------------------------------------- networks: GraphML and CSV

@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    cls: str
    mentions: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    prop: str  # local name in the kg ontology
    label: str  # the property's label
    statements: int  # statements that support it


def entity_network(graph: Graph) -> tuple[list[Node], list[Edge]]:
    """Entities (nodes) and the kg relations between them (edges), sorted."""
    nodes: dict[URIRef, Node] = {}
    for cls in ENTITY_CLASSES:
        for ent in graph.subjects(RDF.type, KG[cls]):
            if ent in nodes:
                continue
            count = graph.value(ent, KG.mentionCount)
            nodes[ent] = Node(str(ent), str(graph.value(ent, RDFS.label) or ent), cls,
                              int(count.toPython()) if isinstance(count, Literal) and str(count).isdigit() else 0)
    labels = _property_labels()
    relations = {KG[p] for p in relation_properties()}
    support: dict[tuple, int] = {}
    for st in graph.subjects(RDF.type, KG.Statement):
        key = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        support[key] = support.get(key, 0) + 1
    edges = []
    for s, p, o in graph:
        if s in nodes and o in nodes and p in relations:
            local = p[len(str(KG._NS)):]
            edges.append(Edge(str(s), str(o), local, labels.get(p, local), support.get((s, p, o), 0)))
    return sorted(nodes.values(), key=lambda n: n.iri), sorted(edges, key=lambda e: (e.source, e.prop, e.target))


def _property_labels() -> dict[URIRef, str]:
    onto = ontology_graph()
    return {p: str(label) for p, label in onto.subject_objects(RDFS.label) if isinstance(p, URIRef)}


def to_networkx(graph: Graph):
    """A networkx MultiDiGraph of the entity network, with the attributes Gephi shows."""
    import networkx as nx

    nodes, edges = entity_network(graph)
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n.iri, **{"label": _xml_text(n.label), "class": n.cls, "mention_count": n.mentions})
    for e in edges:
        g.add_edge(e.source, e.target, key=e.prop, property=e.prop, label=e.label,
                   statements=e.statements, weight=float(max(1, e.statements)))
    return g


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: a graph edited by hand may have characters GraphML readers reject."""
    return _NOT_XML.sub("\ufffd", text)


def graphml_text(graph: Graph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(to_networkx(graph), encoding="utf-8", prettyprint=True)) + "\n"


def csv_tables(graph: Graph) -> tuple[str, str]:
    """The nodes table and the edges table, as CSV text with labels beside the IRIs.

    A text cell that a spreadsheet would take for a formula (=, +, -, @, tab, carriage return first) is
    written after a quote mark, which spreadsheets show as text: labels come from articles."""
    nodes, edges = entity_network(graph)
    label = {n.iri: n.label for n in nodes}
    out_nodes, out_edges = io.StringIO(), io.StringIO()
    # every text cell quoted: a bare carriage return in a label would otherwise end the row for readers
    w = csv.writer(out_nodes, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(["id", "label", "class", "mention_count"])
    w.writerows(_cells(n.iri, n.label, n.cls, n.mentions) for n in nodes)
    w = csv.writer(out_edges, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(["source", "source_label", "property", "label", "target", "target_label", "statements"])
    w.writerows(_cells(e.source, label[e.source], e.prop, e.label, e.target, label[e.target], e.statements)
                for e in edges)
    return out_nodes.getvalue(), out_edges.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cells(*values) -> list:
    return [f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v for v in values]
