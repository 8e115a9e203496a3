"""SHACL validation of a graph against the contract in ontology/shapes.ttl."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from .errors import GraphError
from .ontology import KG, SHAPES_FILE, ontology_graph
from .query import short_term as short

# The focus node of the constraints in shapes.ttl that query the whole graph at once.
WHOLE_GRAPH = URIRef("https://kg-news.org/ontology")
_IRI = re.compile(r"https?://[^\s,<>\"{}]+")


@dataclass(frozen=True, order=True)
class Violation:
    """One way the graph breaks the contract."""

    focus: str
    path: str
    value: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value and self.value not in self.message else ""
        return f"{self.focus}{where}: {self.message}{value}"


@dataclass
class Report:
    """The outcome of a validation: whether the graph conforms, what breaks it, what was checked."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    def text(self, name: str = "graph", limit: int | None = None) -> str:
        """A report for people: a summary line, then one line per violation."""
        counts = ", ".join(f"{n} {what}" for what, n in self.checked.items())
        if self.conforms:
            return f"{name} conforms to the kg graph contract ({counts} checked)\n"
        n = len(self.violations)
        lines = [f"{name} does not conform to the kg graph contract: {n} violation{'' if n == 1 else 's'} ({counts} checked)"]
        shown = self.violations if limit is None else self.violations[:limit]
        lines += [f"- {v}" for v in shown]
        if len(shown) < n:
            lines.append(f"... and {n - len(shown)} more")
        return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    if not SHAPES_FILE.is_file():
        raise GraphError(f"{SHAPES_FILE}: the SHACL shapes are missing")
    g = Graph()
    g.parse(SHAPES_FILE, format="turtle")
    return g


def validate_graph(graph: Graph) -> Report:
    """Validate graph (with the ontology's class hierarchy, domains and ranges) against the shapes."""
    from pyshacl import validate

    # The ontology is mixed in as given, without OWL or RDFS inference: sh:class follows
    # rdfs:subClassOf by itself, and inference would multiply the work for nothing.
    data = graph
    if not graph.store.context_aware:  # a build's graph (graph.new_graph); pyshacl reads its data as a dataset
        data = Graph()
        data += graph
    conforms, results, _ = validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                    inference="none", advanced=False, allow_warnings=True)
    # A result of sh:node carries the results of the nested shape as sh:detail: report those instead.
    violations = sorted({_violation(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)
                         if (r, SH.detail, None) not in results})
    return Report(bool(conforms), violations, _checked(graph))


def _violation(results: Graph, node) -> Violation:
    def get(p):
        v = results.value(node, p)
        return "" if v is None else short(v)

    severity = results.value(node, SH.resultSeverity)
    focus, value = get(SH.focusNode), get(SH.value)
    if results.value(node, SH.focusNode) == WHOLE_GRAPH:  # a whole-graph constraint: the value is at fault
        focus, value = value, ""
    message = _IRI.sub(lambda m: short(URIRef(m.group(0))), str(results.value(node, SH.resultMessage) or "violates a shape"))
    return Violation(focus=focus, path=get(SH.resultPath), value="" if value == focus else value, message=message,
                     severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation")


def _checked(graph: Graph) -> dict[str, int]:
    entities = {s for s in graph.subjects(KG.mentionCount, None)} | {s for s in graph.subjects(KG.mentionedIn, None)}
    events = {s for s in graph.subjects(KG.reportCount, None)}
    return {"entities": len(entities), "statements": sum(1 for _ in graph.subjects(RDF.type, KG.Statement)),
            "events": len(events), "triples": len(graph)}

