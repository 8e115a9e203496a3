"""The graph page: a pyvis network of entities and their relations."""

from __future__ import annotations

import html

from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, URIRef

from .ontology import KG

CLASS_COLOURS = {
    "Person": "#e15759", "Country": "#4e79a7", "City": "#76b7b2", "Location": "#59a14f",
    "Organization": "#f28e2b", "NewsOrganization": "#edc948", "ArmedForces": "#b07aa1",
    "GovernmentBody": "#ff9da7", "PoliticalParty": "#9c755f", "CriminalOrganization": "#bab0ac",
    "Company": "#d37295", "MilitaryOperation": "#8cd17d",
}


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def render_html(graph: Graph) -> str:
    """The page as one HTML string."""
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    entity_classes = {KG[c] for c in CLASS_COLOURS}
    nodes: dict[URIRef, str] = {}
    for s, cls in graph.subject_objects(RDF.type):
        if cls in entity_classes:
            label = str(graph.value(s, RDFS.label) or _local(s))
            name = _local(cls)
            nodes[s] = name
            net.add_node(str(s), label=label, title=f"{label} ({name})", color=CLASS_COLOURS[name], group=name)
    for s, p, o in graph:
        if s in nodes and o in nodes and str(p).startswith(str(KG._NS)):
            plabel = str(graph.value(p, RDFS.label) or _local(p))
            net.add_edge(str(s), str(o), label=_local(p), title=plabel)
    return net.generate_html()
