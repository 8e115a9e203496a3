"""SPARQL over a built graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .errors import GraphError, QueryError
from .ontology import PREFIXES


def load_graph(path: str | Path) -> Graph:
    path = Path(path)
    if not path.exists():
        raise GraphError(f"{path}: no graph here; run `kg build` first or pass --graph")
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many parser types
        raise GraphError(f"{path}: not a readable Turtle graph ({e})") from None
    return g


def run_query(graph: Graph, sparql: str):
    try:
        return graph.query(sparql, initNs=PREFIXES)
    except Exception as e:
        raise QueryError(f"SPARQL error: {e}") from None
