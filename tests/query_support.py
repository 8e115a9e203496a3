"""What the tests of kg query and of the named queries share: the hand-made graph, its Turtle file, the command,
and the answers of a named query on rdflib and on Oxigraph."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.ontology import PREFIXES
from kg.query import named_queries, named_query, nt_term, run_query

from .handmade import handmade_graph

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
PEOPLE = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
# Parameters that give every named query rows on the hand-made graph.
PARAMS = {
    "profile": {"entity": "Trump"},
    "event": {"event": "Caracas"},
    "support": {"subject": "Trump", "predicate": "ordered", "object": "Venezuela"},
}
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def graph():
    return handmade_graph()


@pytest.fixture()
def ttl(tmp_path, graph):
    path = tmp_path / "graph.ttl"
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    return path


def kg(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def lines(text: str) -> list[str]:
    return text.strip("\n").split("\n")


def rows_of(graph, name, params=None) -> list[dict[str, str]]:
    result = run_query(graph, named_query(name).bind(params or {}))
    return [{v: ("" if t is None else str(t)) for v, t in zip(result.variables, row)} for row in result.rows]


def _norm(cell: str) -> str:
    # GROUP_CONCAT joins values in an order SPARQL leaves open
    if "; " not in cell:
        return cell
    quoted = cell.startswith('"') and cell.endswith('"')
    parts = sorted((cell[1:-1] if quoted else cell).split("; "))
    return f'"{"; ".join(parts)}"' if quoted else "; ".join(parts)


def oxigraph_rows(graph: Graph, text: str) -> tuple[list[str], Counter]:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    solutions = store.query(PROLOGUE + text)
    variables = [v.value for v in solutions.variables]
    return variables, Counter(tuple(_norm("" if s[v] is None else str(s[v])) for v in variables) for s in solutions)


def rdflib_rows(graph: Graph, text: str) -> tuple[list[str], Counter]:
    result = run_query(graph, text)
    return result.variables, Counter(tuple(_norm(nt_term(v)) for v in row) for row in result.rows)


def cross_check(graph: Graph, params: dict[str, dict[str, str]]) -> dict[str, int]:
    counts = {}
    for name, nq in named_queries().items():
        text = nq.bind(params.get(name, {}))
        ours, theirs = rdflib_rows(graph, text), oxigraph_rows(graph, text)
        assert ours == theirs, f"{name}: rdflib and Oxigraph disagree"
        counts[name] = sum(ours[1].values())
    return counts
